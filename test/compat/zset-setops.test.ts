// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD against a real redis-server: weights,
// aggregates, plain sets as inputs, infinities, the encoding of stored results, and the errors.

import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { Differential } from '../support/differential.js';

const BIN = 'a\u0000b\u00ff\u0080\r\nc';

const SETUP = [
  ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c', 'inf', 'i', '-inf', 'n', '0', BIN],
  ['ZADD', 'z2', '10', 'b', '20', 'c', '30', 'd', '-inf', 'i', 'inf', 'n'],
  ['ZADD', 'z3', '0.5', 'c', '1.5', 'd', '2.5', 'e'],
  ['SADD', 's1', 'a', 'c', 'x'],
  ['SADD', 'si', '1', '2', '3'],
  ['ZADD', 'zi', '5', '1', '6', '4'],
  ['SET', 'str', 'v'],
];

describe('sorted set operations, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  it('ZUNION, ZINTER, ZDIFF with WEIGHTS, AGGREGATE and WITHSCORES, sets as inputs', async () => {
    const cmds: string[][] = [];
    const keysets = [['z1'], ['z1', 'z2'], ['z2', 'z1'], ['z1', 'z2', 'z3'], ['z1', 's1'], ['s1', 'z3', 'z1'], ['si', 'zi'], ['z1', 'missing'], ['missing', 'z1'], ['z1', 'z1']];
    for (const keys of keysets) {
      const n = String(keys.length);
      for (const op of ['ZUNION', 'ZINTER']) {
        cmds.push(
          [op, n, ...keys],
          [op, n, ...keys, 'WITHSCORES'],
          [op, n, ...keys, 'WEIGHTS', ...keys.map((_, i) => String(i + 2)), 'WITHSCORES'],
          [op, n, ...keys, 'WEIGHTS', ...keys.map((_, i) => (i === 0 ? '0' : '-1.5')), 'AGGREGATE', 'MIN', 'WITHSCORES'],
          [op, n, ...keys, 'AGGREGATE', 'max', 'WITHSCORES'],
          [op, n, ...keys, 'WITHSCORES', 'AGGREGATE', 'SUM', 'WEIGHTS', ...keys.map(() => 'inf')],
        );
      }
      cmds.push(['ZDIFF', n, ...keys], ['ZDIFF', n, ...keys, 'WITHSCORES'], ['ZINTERCARD', n, ...keys], ['ZINTERCARD', n, ...keys, 'LIMIT', '1']);
    }
    await d.check([...SETUP, ...cmds]);
  });

  it('the STORE forms: results, overwritten and deleted destinations, encodings', async () => {
    const long = 'y'.repeat(65);
    await d.check([
      ...SETUP,
      ['ZUNIONSTORE', 'd', '2', 'z1', 'z2'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['OBJECT', 'ENCODING', 'd'],
      ['ZINTERSTORE', 'd', '2', 'z1', 'z2', 'WEIGHTS', '2', '3', 'AGGREGATE', 'MAX'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZDIFFSTORE', 'd', '2', 'z1', 'z2'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'str', '1', 's1'],
      ['TYPE', 'str'],
      ['ZRANGE', 'str', '0', '-1', 'WITHSCORES'],
      ['PEXPIRE', 'd', '100000'],
      ['ZINTERSTORE', 'd', '2', 'z1', 'z3'],
      ['TTL', 'd'],
      ['ZINTERSTORE', 'd', '2', 'z1', 'missing'],
      ['EXISTS', 'd'],
      ['ZDIFFSTORE', 'd', '2', 'z1', 'z1'],
      ['EXISTS', 'd'],
      ['ZUNIONSTORE', 'z1', '2', 'z1', 'z3'],
      ['ZRANGE', 'z1', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'lng', '1', long],
      ['ZUNIONSTORE', 'd2', '2', 'z3', 'lng'],
      ['OBJECT', 'ENCODING', 'd2'],
      ['ZINTERSTORE', 'd3', '2', 'z3', 'lng'],
      ['EXISTS', 'd3'],
      ['ZDIFFSTORE', 'd4', '2', 'lng', 'z3'],
      ['OBJECT', 'ENCODING', 'd4'],
      ['ZUNIONSTORE', 'd', '2', 'z1', 'z2', 'WITHSCORES'],
      ['ZDIFFSTORE', 'd', '2', 'z1', 'z2', 'WEIGHTS', '1', '2'],
    ]);
    const big: string[] = [];
    for (let i = 0; i < 200; i++) big.push(String(i), `m${i}`);
    await d.check([
      ['ZADD', 'big', ...big],
      ['ZADD', 'small', '1', 'm1', '2', 'm2', '-0', 'm3'],
      ['OBJECT', 'ENCODING', 'big'],
      ['ZINTERSTORE', 'r', '2', 'big', 'small'],
      ['OBJECT', 'ENCODING', 'r'],
      ['ZRANGE', 'r', '0', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'r', '2', 'big', 'small'],
      ['OBJECT', 'ENCODING', 'r'],
      ['ZCARD', 'r'],
      ['ZDIFFSTORE', 'r', '2', 'small', 'big'],
      ['EXISTS', 'r'],
      ['ZUNIONSTORE', 'r', '1', 'small', 'WEIGHTS', '-1'],
      ['ZRANGE', 'r', '0', '-1', 'WITHSCORES'],
      ['OBJECT', 'ENCODING', 'r'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'],
      ['ZUNIONSTORE', 'r', '1', 'small', 'WEIGHTS', '-1'],
      ['ZRANGE', 'r', '0', '-1', 'WITHSCORES'],
      ['OBJECT', 'ENCODING', 'r'],
      ['ZUNION', '1', 'small', 'WEIGHTS', '-1', 'WITHSCORES'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
    ]);
  });

  it('infinities cancel to 0 in sums, and 0 * inf is 0', async () => {
    await d.check([
      ['ZADD', 'p', 'inf', 'a', '-inf', 'b', '0', 'c', '1', 'd'],
      ['ZADD', 'q', '-inf', 'a', 'inf', 'b', 'inf', 'c', '-inf', 'd'],
      ['ZUNION', '2', 'p', 'q', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'q', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'q', 'WEIGHTS', '0', '1', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'q', 'WEIGHTS', '0', '0', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'q', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'q', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'p', 'WEIGHTS', '1', '-1', 'WITHSCORES'],
      ['ZUNION', '3', 'p', 'p', 'q', 'WEIGHTS', '1e308', '1e308', '-1', 'WITHSCORES'],
    ]);
  });

  it('errors: numkeys, syntax, weights, aggregate, limits and wrong types', async () => {
    await d.check([
      ...SETUP,
      ['ZUNION', '0', 'z1'],
      ['ZUNION', '-1', 'z1'],
      ['ZUNION', 'x', 'z1'],
      ['ZUNION', '3', 'z1', 'z2'],
      ['ZUNION', '1', 'z1', 'WEIGHTS'],
      ['ZUNION', '1', 'z1', 'WEIGHTS', 'x'],
      ['ZUNION', '2', 'z1', 'z2', 'WEIGHTS', '1'],
      ['ZUNION', '1', 'z1', 'WEIGHTS', 'nan'],
      ['ZUNION', '1', 'z1', 'WEIGHTS', '1', '2'],
      ['ZUNION', '1', 'z1', 'AGGREGATE'],
      ['ZUNION', '1', 'z1', 'AGGREGATE', 'avg'],
      ['ZUNION', '1', 'z1', 'LIMIT', '1'],
      ['ZUNION', '1', 'z1', 'FOO'],
      ['ZUNION', '2', 'z1', 'str'],
      ['ZUNION', '2', 'str', 'missing', 'FOO'],
      ['ZINTER', '2', 'missing', 'str'],
      ['ZDIFF', '1', 'z1', 'WEIGHTS', '1'],
      ['ZDIFF', '1', 'z1', 'AGGREGATE', 'SUM'],
      ['ZDIFF', '2', 'z1', 'str'],
      ['ZDIFF', '0', 'z1'],
      ['ZINTERCARD', '0', 'z1'],
      ['ZINTERCARD', '1', 'z1', 'LIMIT', '-1'],
      ['ZINTERCARD', '1', 'z1', 'LIMIT', 'x'],
      ['ZINTERCARD', '1', 'z1', 'LIMIT'],
      ['ZINTERCARD', '1', 'z1', 'WITHSCORES'],
      ['ZINTERCARD', '1', 'z1', 'WEIGHTS', '1'],
      ['ZINTERCARD', '1', 'z1', 'LIMIT', '0'],
      ['ZINTERCARD', '2', 'z1', 'str'],
      ['ZINTERCARD', '2', 'z1'],
      ['ZUNIONSTORE', 'd', '0', 'z1'],
      ['ZUNIONSTORE', 'd', '2', 'z1', 'str'],
      ['ZINTERSTORE', 'd', '1', 'z1', 'WITHSCORES'],
      ['ZDIFFSTORE', 'd', '0', 'z1'],
      ['ZDIFFSTORE', 'd', 'x', 'z1'],
      ['ZUNIONSTORE', 'd', '1'],
      ['EXISTS', 'd'],
    ]);
  });
});
