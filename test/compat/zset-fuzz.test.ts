// Generated command sequences over the sorted set family, sent to our server and to redis-server
// and compared reply by reply. Small encoding thresholds make sets cross between listpack and
// skiplist all the time. Lex ranges get their own keys whose scores are all 0 (Redis leaves lex
// ranges over mixed scores to the encoding); random replies are left to zset-pop-random-scan.

import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';

const KEYS = ['z1', 'z2', 'z3', 's', 'str', 'none'];
const ZKEYS = ['z1', 'z2', 'z3'];
const MEMBERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '', 'a\u0000b', '\u00ff\u0080', '12', '-3', 'm'.repeat(9)];

const key = fc.constantFrom(...KEYS);
const zkey = fc.constantFrom(...ZKEYS, ...KEYS);
const member = fc.constantFrom(...MEMBERS);
const score = fc.oneof(
  { weight: 15, arbitrary: fc.integer({ min: -5, max: 5 }).map(String) },
  { weight: 6, arbitrary: fc.constantFrom('1.5', '-0.25', 'inf', '-inf', '+inf', '-0', '0.1', '1e20', '2.5e-3') },
  { weight: 3, arbitrary: fc.double({ noNaN: true }).map((x) => (Object.is(x, -0) ? '-0' : String(x).replace('Infinity', 'inf'))) },
  { weight: 1, arbitrary: fc.constantFrom('x', 'nan', '', '1e400') },
);
/** Mostly good scores: one bad score fails the whole ZADD. */
const zaddScore = fc.oneof({ weight: 30, arbitrary: score.filter((x) => !['x', 'nan', '', '1e400'].includes(x)) }, { weight: 1, arbitrary: score });
const bound = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -6, max: 6 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: -6, max: 6 }).map((n) => `(${n}`) },
  { weight: 2, arbitrary: fc.constantFrom('-inf', '+inf', '(-inf', '(inf', '1.5', '(0.1', 'x') },
);
const index = fc.oneof(fc.integer({ min: -12, max: 12 }).map(String), fc.constantFrom('x', '100', '-100'));
const limit = fc.option(fc.tuple(fc.integer({ min: -2, max: 10 }), fc.integer({ min: -2, max: 10 })).map(([o, c]) => ['LIMIT', String(o), String(c)]), { nil: [] as string[] });
const withScores = fc.constantFrom([], ['WITHSCORES']);
const weight = fc.constantFrom('1', '2', '0', '-1', '0.5', 'inf', '-inf');
const aggregate = fc.constantFrom([], ['AGGREGATE', 'SUM'], ['AGGREGATE', 'MIN'], ['AGGREGATE', 'MAX']);
const zaddOptions = fc.oneof(
  { weight: 8, arbitrary: fc.constant([] as string[]) },
  {
    weight: 8,
    arbitrary: fc.constantFrom(['NX'], ['XX'], ['GT'], ['LT'], ['CH'], ['XX', 'GT'], ['xx', 'lt', 'ch'], ['NX', 'CH'], ['GT', 'CH'], ['INCR'], ['INCR', 'XX'], ['INCR', 'GT']),
  },
  { weight: 1, arbitrary: fc.subarray(['NX', 'XX', 'GT', 'LT', 'CH', 'INCR']) },
);

const keyList = fc.array(key, { minLength: 1, maxLength: 3 });
const setOpTail = fc.tuple(keyList, fc.boolean(), aggregate, fc.array(weight, { minLength: 3, maxLength: 3 })).map(([keys, weighted, agg, ws]) => [
  keys,
  [...(weighted ? ['WEIGHTS', ...ws.slice(0, keys.length)] : []), ...agg],
] as const);

const scoreCommand: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(zkey, zaddOptions, fc.array(fc.tuple(zaddScore, member), { minLength: 1, maxLength: 8 })).map(([k, o, ps]) => ['ZADD', k, ...o, ...ps.flat()]) },
  { weight: 2, arbitrary: fc.tuple(zkey, score, member).map(([k, s, m]) => ['ZINCRBY', k, s, m]) },
  { weight: 3, arbitrary: fc.tuple(zkey, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ['ZREM', k, ...ms]) },
  { weight: 1, arbitrary: zkey.map((k) => ['ZCARD', k]) },
  { weight: 2, arbitrary: fc.tuple(zkey, member).map(([k, m]) => ['ZSCORE', k, m]) },
  { weight: 1, arbitrary: fc.tuple(zkey, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ['ZMSCORE', k, ...ms]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ZRANK', 'ZREVRANK'), zkey, member).map(([c, k, m]) => [c, k, m]) },
  { weight: 2, arbitrary: fc.tuple(zkey, bound, bound).map(([k, a, b]) => ['ZCOUNT', k, a, b]) },
  { weight: 4, arbitrary: fc.tuple(zkey, index, index, fc.constantFrom([], ['REV']), withScores).map(([k, a, b, r, w]) => ['ZRANGE', k, a, b, ...r, ...w]) },
  { weight: 2, arbitrary: fc.tuple(zkey, index, index, withScores).map(([k, a, b, w]) => ['ZREVRANGE', k, a, b, ...w]) },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom('ZRANGEBYSCORE', 'ZREVRANGEBYSCORE'), zkey, bound, bound, withScores, limit).map(([c, k, a, b, w, l]) => [c, k, a, b, ...w, ...l]),
  },
  { weight: 2, arbitrary: fc.tuple(zkey, bound, bound, fc.constantFrom([], ['REV']), withScores, limit).map(([k, a, b, r, w, l]) => ['ZRANGE', k, a, b, 'BYSCORE', ...r, ...w, ...l]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(zkey, zkey, fc.oneof(fc.tuple(index, index).map(([a, b]) => [a, b]), fc.tuple(bound, bound, limit).map(([a, b, l]) => [a, b, 'BYSCORE', ...l])), fc.constantFrom([], ['REV']))
      .map(([d, s, r, rev]) => ['ZRANGESTORE', d, s, ...r, ...rev]),
  },
  { weight: 2, arbitrary: fc.tuple(zkey, index, index).map(([k, a, b]) => ['ZREMRANGEBYRANK', k, a, b]) },
  { weight: 2, arbitrary: fc.tuple(zkey, bound, bound).map(([k, a, b]) => ['ZREMRANGEBYSCORE', k, a, b]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ZPOPMIN', 'ZPOPMAX'), zkey, fc.constantFrom([], ['0'], ['1'], ['3'], ['20'], ['-1'])).map(([c, k, n]) => [c, k, ...n]) },
  {
    weight: 2,
    arbitrary: fc.tuple(keyList, fc.constantFrom('MIN', 'MAX'), fc.constantFrom([], ['COUNT', '2'], ['COUNT', '10'])).map(([ks, w, c]) => ['ZMPOP', String(ks.length), ...ks, w, ...c]),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom('ZUNION', 'ZINTER'), setOpTail, withScores).map(([c, [ks, tail], w]) => [c, String(ks.length), ...ks, ...tail, ...w]),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom('ZUNIONSTORE', 'ZINTERSTORE'), zkey, setOpTail).map(([c, d, [ks, tail]]) => [c, d, String(ks.length), ...ks, ...tail]),
  },
  { weight: 2, arbitrary: fc.tuple(keyList, withScores).map(([ks, w]) => ['ZDIFF', String(ks.length), ...ks, ...w]) },
  { weight: 1, arbitrary: fc.tuple(zkey, keyList).map(([d, ks]) => ['ZDIFFSTORE', d, String(ks.length), ...ks]) },
  { weight: 1, arbitrary: fc.tuple(keyList, fc.constantFrom([], ['LIMIT', '1'], ['LIMIT', '0'])).map(([ks, l]) => ['ZINTERCARD', String(ks.length), ...ks, ...l]) },
  { weight: 1, arbitrary: fc.tuple(zkey, fc.constantFrom('0', '100', '-0'), withScores).map(([k, n, w]) => ['ZRANDMEMBER', k, n, ...w]) },
  { weight: 2, arbitrary: zkey.map((k) => ['OBJECT', 'ENCODING', k]) },
  { weight: 1, arbitrary: fc.tuple(zkey, fc.constantFrom([], ['MATCH', '*b*'], ['COUNT', '1000'])).map(([k, o]) => ['ZSCAN', k, '0', 'COUNT', '1000', ...o]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('SADD'), fc.array(member, { minLength: 1, maxLength: 3 })).map(([c, ms]) => [c, 's', ...ms]) },
  { weight: 1, arbitrary: fc.constant<string[]>(['SET', 'str', 'v']) },
);

const LEX_KEYS = ['lx', 'ly'];
const lexKey = fc.constantFrom(...LEX_KEYS);
const lexBound = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('-', '+') },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('[', '('), member).map(([p, m]) => p + m) },
  { weight: 1, arbitrary: fc.constantFrom('x', '', '+x') },
);
const lexCommand: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(lexKey, fc.array(member, { minLength: 1, maxLength: 8 })).map(([k, ms]) => ['ZADD', k, ...ms.flatMap((m) => ['0', m])]) },
  { weight: 2, arbitrary: fc.tuple(lexKey, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ['ZREM', k, ...ms]) },
  { weight: 3, arbitrary: fc.tuple(lexKey, lexBound, lexBound).map(([k, a, b]) => ['ZLEXCOUNT', k, a, b]) },
  {
    weight: 5,
    arbitrary: fc.tuple(fc.constantFrom('ZRANGEBYLEX', 'ZREVRANGEBYLEX'), lexKey, lexBound, lexBound, limit).map(([c, k, a, b, l]) => [c, k, a, b, ...l]),
  },
  { weight: 3, arbitrary: fc.tuple(lexKey, lexBound, lexBound, fc.constantFrom([], ['REV']), limit).map(([k, a, b, r, l]) => ['ZRANGE', k, a, b, 'BYLEX', ...r, ...l]) },
  { weight: 2, arbitrary: fc.tuple(lexKey, lexKey, lexBound, lexBound, limit).map(([d, s, a, b, l]) => ['ZRANGESTORE', d, s, a, b, 'BYLEX', ...l]) },
  { weight: 2, arbitrary: fc.tuple(lexKey, lexBound, lexBound).map(([k, a, b]) => ['ZREMRANGEBYLEX', k, a, b]) },
  { weight: 1, arbitrary: lexKey.map((k) => ['ZRANGE', k, '0', '-1']) },
  { weight: 1, arbitrary: lexKey.map((k) => ['OBJECT', 'ENCODING', k]) },
);

describe('sorted set sequences, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  async function run(entries: string, value: string, command: fc.Arbitrary<string[]>, runs: number): Promise<void> {
    await d.check([
      ['CONFIG', 'SET', 'zset-max-listpack-entries', entries],
      ['CONFIG', 'SET', 'zset-max-listpack-value', value],
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 50 }), async (commands) => {
        await d.reset();
        for (const c of commands) await d.check([c], { sorted: c[0] === 'ZSCAN' });
      }),
      { numRuns: runs },
    );
  }

  it('score commands with sets crossing encodings (listpack up to 4 members of 8 bytes)', async () => {
    await run('4', '8', scoreCommand, 200);
  });

  it('score commands with Redis default thresholds', async () => {
    await run('128', '64', scoreCommand, 100);
  });

  it('lex commands on sets whose scores are all 0, both encodings', async () => {
    await run('4', '8', lexCommand, 150);
    await run('128', '64', lexCommand, 50);
  });
});
