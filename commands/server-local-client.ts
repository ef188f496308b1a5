// Whether a client is local (Redis's islocalClient/connIsLocal): protected mode, DEBUG and
// protected configuration parameters set to "local" allow only these.

import type { ClientState } from './client-state.js';

/** True for a loopback address (127.0.0.0/8, ::1, IPv4-mapped 127.x) or no address (a unix socket). */
export function isLoopbackAddress(ip: string | undefined): boolean {
  if (ip === undefined || ip === '') return true;
  return ip.startsWith('127.') || ip === '::1' || ip.startsWith('::ffff:127.');
}

/** True when the client connected over a unix socket or from a loopback address. */
export function isLocalClient(client: ClientState): boolean {
  const colon = client.addr.lastIndexOf(':');
  const ip = colon < 0 ? client.addr : client.addr.slice(0, colon);
  return ip === 'undefined' || isLoopbackAddress(ip);
}

/** Redis's allowProtectedAction for an enable-*-command / enable-protected-configs value. */
export function allowProtectedAction(setting: string, client: ClientState): boolean {
  return setting === 'yes' || (setting === 'local' && isLocalClient(client));
}
