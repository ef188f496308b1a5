// RANDOMKEY's walk on its own (no sockets): it never answers an expired key, answers a live one
// whenever there is one (wherever the walk stood), and ends with null when every key has expired.
// The differential cases are in keys-scan.test.ts; here the clock is controlled, so keys can stay
// logically expired and unremoved for as long as the test needs.

import { describe, expect, it } from 'vitest';
import { Keyspace } from '../../storage/keyspace.js';
import { ReplyWriter } from '../../protocol/reply-writer.js';
import { CommandContext } from '../../commands/context.js';
import { ClientState } from '../../commands/client-state.js';
import type { ServerHandle } from '../../commands/server-handle.js';
import { RANDOMKEY } from '../../commands/keys-scan.js';

const server = { config: { value: () => '' }, pubsub: { keyspaceEvents: 0 } } as unknown as ServerHandle;

function setup(seed: number) {
  const keyspace = new Keyspace(1);
  const reply = new ReplyWriter();
  const ctx = new CommandContext(reply, keyspace, new ClientState(1, 'test', '', -1, 0), server);
  ctx.db = keyspace.db(0);
  ctx.seed(seed);
  return {
    db: ctx.db,
    /** RANDOMKEY at time `now`: the key, or null. */
    randomKey(now: number): string | null {
      ctx.now = now;
      RANDOMKEY.exec(ctx, ['RANDOMKEY']);
      const text = Buffer.concat(reply.take()).toString('latin1');
      if (text === '$-1\r\n') return null;
      return text.slice(text.indexOf('\r\n') + 2, -2);
    },
  };
}

describe('RANDOMKEY walk', () => {
  it('finds the one live key behind many expired ones, wherever the walk stood', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { db, randomKey } = setup(seed);
      for (let i = 0; i < 500; i++) db.set(`k${i}`, 'v');
      // Leave the walk somewhere inside a pass over these 500 keys.
      for (let i = 0; i < seed % 7; i++) expect(randomKey(1000)).toMatch(/^k/);
      for (let i = 0; i < 500; i++) db.setExpire(`k${i}`, 1001);
      db.set('survivor', 'v');
      for (let i = 0; i < 5; i++) expect(randomKey(2000), `seed ${seed}`).toBe('survivor');
    }
  });

  it('answers null when every key has expired, and never an expired key', () => {
    const { db, randomKey } = setup(7);
    for (let i = 0; i < 300; i++) {
      db.set(`k${i}`, 'v');
      db.setExpire(`k${i}`, 1000 + i);
    }
    for (let t = 900; t <= 1400; t += 7) {
      const k = randomKey(t);
      const live = Math.max(0, Math.min(300, 1300 - t));
      if (live === 0) expect(k).toBeNull();
      else expect(Number(k!.slice(1)) + 1000, `at ${t}`).toBeGreaterThanOrEqual(t);
    }
  });

  it('reaches every key over many calls', () => {
    const { db, randomKey } = setup(3);
    for (let i = 0; i < 200; i++) db.set(`k${i}`, 'v');
    const seen = new Set<string | null>();
    for (let i = 0; i < 10_000; i++) seen.add(randomKey(0));
    expect(seen.size).toBe(200);
  });
});
