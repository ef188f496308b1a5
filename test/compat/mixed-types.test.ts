// Generated sequences that mix every data type on a few shared keys, so that type errors, key
// deletion when a collection empties, encoding conversions, TTLs and cross-type commands (RENAME,
// COPY, DEL, TYPE) meet each other, compared with a real redis-server reply by reply.
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';

const key = fc.constantFrom('a', 'b', 'c');
const member = fc.constantFrom('x', 'y', 'z', '1', '2', '-3', '10', 'long-member-'.repeat(6));
const int = fc.integer({ min: -3, max: 5 }).map(String);
const score = fc.constantFrom('1', '2.5', '-1', 'inf', '-inf', '0');

/** Commands whose replies Redis orders deterministically. */
const ordered = fc.oneof(
  fc.tuple(fc.constant('SET'), key, member),
  fc.tuple(fc.constant('GET'), key),
  fc.tuple(fc.constant('APPEND'), key, member),
  fc.tuple(fc.constant('INCRBY'), key, int),
  fc.tuple(fc.constant('STRLEN'), key),
  fc.tuple(fc.constant('LPUSH'), key, member, member),
  fc.tuple(fc.constant('RPUSH'), key, member),
  fc.tuple(fc.constant('LPOP'), key),
  fc.tuple(fc.constant('RPOP'), key, fc.constantFrom('1', '2', '5')),
  fc.tuple(fc.constant('LRANGE'), key, int, int),
  fc.tuple(fc.constant('LMOVE'), key, key, fc.constantFrom('LEFT', 'RIGHT'), fc.constantFrom('LEFT', 'RIGHT')),
  fc.tuple(fc.constant('LLEN'), key),
  fc.tuple(fc.constant('HSET'), key, member, member),
  fc.tuple(fc.constant('HGET'), key, member),
  fc.tuple(fc.constant('HDEL'), key, member),
  fc.tuple(fc.constant('HINCRBY'), key, member, int),
  fc.tuple(fc.constant('HLEN'), key),
  fc.tuple(fc.constant('SADD'), key, member, member),
  fc.tuple(fc.constant('SREM'), key, member),
  fc.tuple(fc.constant('SISMEMBER'), key, member),
  fc.tuple(fc.constant('SCARD'), key),
  fc.tuple(fc.constant('SMOVE'), key, key, member),
  fc.tuple(fc.constant('SINTERCARD'), fc.constant('2'), key, key),
  fc.tuple(fc.constant('ZADD'), key, score, member),
  fc.tuple(fc.constant('ZINCRBY'), key, score, member),
  fc.tuple(fc.constant('ZREM'), key, member),
  fc.tuple(fc.constant('ZRANGE'), key, fc.constant('0'), fc.constant('-1'), fc.constant('WITHSCORES')),
  fc.tuple(fc.constant('ZPOPMIN'), key),
  fc.tuple(fc.constant('ZCARD'), key),
  fc.tuple(fc.constant('ZUNIONSTORE'), key, fc.constant('2'), key, key),
  fc.tuple(fc.constant('TYPE'), key),
  fc.tuple(fc.constant('EXISTS'), key, key),
  fc.tuple(fc.constant('DEL'), key),
  fc.tuple(fc.constant('RENAME'), key, key),
  fc.tuple(fc.constant('COPY'), key, key, fc.constant('REPLACE')),
  fc.tuple(fc.constant('OBJECT'), fc.constant('ENCODING'), key),
  fc.tuple(fc.constant('EXPIRE'), key, fc.constant('1000')),
  fc.tuple(fc.constant('TTL'), key),
  fc.tuple(fc.constant('PERSIST'), key),
  fc.tuple(fc.constant('DBSIZE')),
);

/** Commands whose replies are sets: compared as sorted lists. */
const unordered = fc.oneof(
  fc.tuple(fc.constant('SMEMBERS'), key),
  fc.tuple(fc.constant('SUNION'), key, key),
  fc.tuple(fc.constant('SINTER'), key, key),
  fc.tuple(fc.constant('SDIFF'), key, key),
  fc.tuple(fc.constant('HGETALL'), key),
  fc.tuple(fc.constant('HKEYS'), key),
  fc.tuple(fc.constant('KEYS'), fc.constant('*')),
);

describe('sequences mixing every type, against redis-server', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('agrees with Redis on every reply', async () => {
    const step = fc.oneof({ arbitrary: ordered.map((c) => ({ c: [...c], sorted: false })), weight: 5 }, { arbitrary: unordered.map((c) => ({ c: [...c], sorted: true })), weight: 1 });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        await d.reset();
        for (const s of steps) await d.check([s.c], { sorted: s.sorted });
      }),
      { numRuns: 200 },
    );
  });
});
