// CLIENT LIST / CLIENT INFO lines (Redis's catClientInfoString) and client types, shared by
// CLIENT LIST and CLIENT KILL.

import type { ClientState } from './client-state.js';

export type ClientType = 'normal' | 'master' | 'slave' | 'pubsub';

/** A client type by the name CLIENT LIST/KILL TYPE accepts, or null. */
export function clientTypeByName(name: string): ClientType | null {
  switch (name.toLowerCase()) {
    case 'normal':
      return 'normal';
    case 'slave':
    case 'replica':
      return 'slave';
    case 'pubsub':
      return 'pubsub';
    case 'master':
      return 'master';
    default:
      return null;
  }
}

/** Replicas and masters are not connected as clients here: a client is normal or in pub/sub. */
export function clientType(client: ClientState): ClientType {
  return client.inPubSub ? 'pubsub' : 'normal';
}

/** CLIENT LIST's flags, in Redis's order (P pub/sub, x MULTI, b blocked, e no-evict), N for none. */
function clientFlags(client: ClientState): string {
  let flags = '';
  if (client.inPubSub) flags += 'P';
  if (client.queuedCommands >= 0) flags += 'x';
  if (client.blockedOnKeys) flags += 'b';
  if (client.noEvict) flags += 'e';
  return flags === '' ? 'N' : flags;
}

/**
 * One line of CLIENT LIST, with Redis 7.0's fields in its order. Buffer sizes we do not track are
 * those of an idle Redis client; argv-mem is the size of the command running (CLIENT LIST itself
 * for the caller).
 */
export function clientInfoLine(client: ClientState, now: number, argvBytes: number): string {
  const age = Math.floor(now / 1000) - Math.floor(client.createdAt / 1000);
  const idle = Math.floor(now / 1000) - Math.floor(client.lastInteraction / 1000);
  return (
    `id=${client.id} addr=${client.addr} laddr=${client.laddr} fd=${client.fd} name=${client.name}` +
    ` age=${age} idle=${idle} flags=${clientFlags(client)} db=${client.db}` +
    ` sub=${client.subscriptions} psub=${client.patternSubscriptions} ssub=${client.shardSubscriptions}` +
    ` multi=${client.queuedCommands} qbuf=0 qbuf-free=0 argv-mem=${argvBytes} multi-mem=0 rbs=1024 rbp=0` +
    ` obl=0 oll=0 omem=0 tot-mem=${IDLE_CLIENT_MEMORY + argvBytes} events=r cmd=${client.lastCommand}` +
    ` user=default redir=-1 resp=${client.resp}`
  );
}

/** tot-mem of an idle Redis 7.0 client (its structure and small reply buffer). */
const IDLE_CLIENT_MEMORY = 1952;

/** The bytes of a command's arguments (argv-mem). */
export function argvSize(argv: readonly string[]): number {
  let n = 0;
  for (const a of argv) n += a.length;
  return n;
}
