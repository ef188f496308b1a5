// Pub/sub tests drive one client on each server at once. A command may produce any number of
// replies (SUBSCRIBE a b c), and messages arrive between replies, so every command is followed by
// a PING whose reply ends what the command produced: both servers must send the same replies up
// to and including that PING's reply (which also tells whether the client is in subscribed mode).

import { expect } from 'vitest';
import { encodeCommand, RawClient, type Arg } from './raw-client.js';
import { decodeReply, type Reply } from './resp-reader.js';
import type { Differential } from './differential.js';

/** PING's reply outside and inside subscribed mode. */
const PONGS = new Set(['+PONG\r\n', '*2\r\n$4\r\npong\r\n$0\r\n\r\n']);

/** Replies until a PING's reply (included), as latin1 text. */
async function untilPong(c: RawClient): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const [r] = await c.expect(1);
    const text = r!.toString('latin1');
    out.push(text);
    if (PONGS.has(text)) return out;
  }
}

export interface Both<T> {
  ours: T;
  redis: T;
}

export class ClientPair {
  private constructor(
    readonly ours: RawClient,
    readonly redis: RawClient,
  ) {}

  static async open(d: Differential): Promise<ClientPair> {
    const p = await d.pair();
    return new ClientPair(p.ours, p.redis);
  }

  /** Sends the command (none: only the PING) and returns each server's replies up to the PING's. */
  async run(args: readonly Arg[] | null = null): Promise<Both<string[]>> {
    const bytes = Buffer.concat([...(args === null ? [] : [encodeCommand(args)]), encodeCommand(['PING'])]);
    const read = (c: RawClient) => {
      const p = untilPong(c);
      c.writeRaw(bytes);
      return p;
    };
    const [ours, redis] = await Promise.all([read(this.ours), read(this.redis)]);
    return { ours, redis };
  }

  /** run(), and both servers must answer the same bytes; returns them. */
  async same(...args: Arg[]): Promise<string[]> {
    const r = await this.run(args.length === 0 ? null : args);
    expect(r.ours, label(args)).toEqual(r.redis);
    return r.ours;
  }

  /**
   * run(), for replies that list channels in Redis's hash order (UNSUBSCRIBE and SUNSUBSCRIBE
   * without arguments): the channel names are compared as a set, the kinds and counts in order.
   */
  async sameUpToHashOrder(...args: Arg[]): Promise<void> {
    const r = await this.run(args);
    const shape = (replies: string[]) => {
      const decoded = decodeAll(replies).map((x) => (Array.isArray(x) ? x : [x]));
      return { names: decoded.map((x) => x[1]).sort(), kinds: decoded.map((x) => x[0]), counts: decoded.map((x) => x[2]) };
    };
    expect(shape(r.ours), label(args)).toEqual(shape(r.redis));
  }

  /** run(), for arrays Redis lists in hash order (PUBSUB CHANNELS): their elements are compared sorted. */
  async sameSorted(...args: Arg[]): Promise<void> {
    const r = await this.run(args);
    const sorted = (replies: string[]) => decodeAll(replies).map((x) => (Array.isArray(x) ? [...x].sort() : x));
    expect(sorted(r.ours), label(args)).toEqual(sorted(r.redis));
  }

  /** Messages received so far (up to a PING barrier), compared as a multiset. */
  async sameMessagesUnordered(): Promise<string[]> {
    const r = await this.run();
    expect([...r.ours].sort(), 'messages').toEqual([...r.redis].sort());
    return r.ours;
  }

  /** One command on each side, without the PING barrier (QUIT, commands that close). */
  async call(...args: Arg[]): Promise<Both<string>> {
    const [a, b] = await Promise.all([this.ours.call(...args), this.redis.call(...args)]);
    return { ours: a.toString('latin1'), redis: b.toString('latin1') };
  }

  close(): void {
    this.ours.close();
    this.redis.close();
  }
}

export function label(args: readonly Arg[]): string {
  return args.map((a) => (typeof a === 'string' ? a : a.toString('latin1'))).join(' ');
}

/** Decodes replies given as latin1 text. */
export function decodeAll(replies: readonly string[]): Reply[] {
  return replies.map((r) => decodeReply(Buffer.from(r, 'latin1'))[0]);
}
