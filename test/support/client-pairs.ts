// Extra connections for tests that need several clients (blocking, WATCH, pub/sub): each "pair" is
// one client on our server and one on redis-server, sent the same commands.

import { expect } from 'vitest';
import type { Differential } from './differential.js';
import type { RawClient } from './raw-client.js';

export interface ClientPair {
  ours: RawClient;
  redis: RawClient;
}

export class ClientPairs {
  private readonly open: ClientPair[] = [];

  constructor(private readonly d: Differential) {}

  /** Another client on each server, closed by closeAll(). */
  async connect(): Promise<ClientPair> {
    const p = await this.d.pair();
    this.open.push(p);
    return p;
  }

  closeAll(): void {
    for (const p of this.open.splice(0)) {
      p.ours.close();
      p.redis.close();
    }
  }
}

/** Sends a command on both sides of a pair without waiting; resolves to both replies as text. */
export function sendBoth(p: ClientPair, ...args: string[]): Promise<[string, string]> {
  return Promise.all([p.ours.call(...args), p.redis.call(...args)]).then(([a, b]) => [a.toString('latin1'), b.toString('latin1')]);
}

/** Awaits both replies and expects them to be the same bytes; returns ours. */
export async function sameReply(reply: Promise<[string, string]>): Promise<string> {
  const [a, b] = await reply;
  expect(a).toBe(b);
  return a;
}
