// Generated sequences of string commands on a few keys, sent to our server and to a real
// redis-server and compared reply by reply. Expiry times are absolute (far future or long past),
// so PEXPIRETIME is exact on both sides; relative EX/PX are covered in string.test.ts.
// OBJECT ENCODING is left out: an integral INCRBYFLOAT result is embstr in Redis and int here
// (storage/value.ts has no way to say "int-like but embedded"), a known difference.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import type { Arg } from '../support/raw-client.js';
import type { CollectionValue } from '../../storage/value.js';

const BIN = 'a\0b\xff\x80\r\nc';
const FUTURE_S = '4102444800';
const FUTURE_MS = '4102444800123';

let d: Differential;

beforeAll(async () => {
  d = await Differential.start();
});
afterAll(async () => d.stop());

/** Keys by letter; 'l' holds a list. Each run replaces 'K' with its own prefix. */
const key = fc.constantFrom('Ka', 'Kb', 'Kc', 'Kl');
const value = fc.constantFrom('', '0', '1', '-1', '10', '3.5', '0.1', '9223372036854775807', '-9223372036854775808', 'abc', BIN, 'x'.repeat(50), ' 1', '1e3', 'hello world');
const integer = fc.constantFrom('0', '1', '-1', '5', '100', '-100', '9223372036854775807', '-9223372036854775808', 'x', '1.5', '');
const float = fc.constantFrom('0.1', '-0.1', '1', '1e10', '1.5', '-2.5e-3', 'abc', 'inf', '1e4932', '0x10');
const index = fc.constantFrom('0', '1', '2', '3', '-1', '-2', '-5', '5', '100', '-100', 'x');
const expiry = fc.constantFrom<string[]>(
  [],
  [],
  ['EXAT', FUTURE_S],
  ['PXAT', FUTURE_MS],
  ['PXAT', '1'],
  ['KEEPTTL'],
  ['EX', '0'],
  ['PX', 'abc'],
  ['EX'],
  ['PERSIST'],
);
const setOptions = fc
  .tuple(fc.constantFrom<string[]>([], [], ['NX'], ['XX'], ['nx'], ['NX', 'XX']), fc.constantFrom<string[]>([], ['GET']), expiry)
  .chain(([cond, get, exp]) => fc.shuffledSubarray([cond, get, exp], { minLength: 3, maxLength: 3 }).map((parts) => parts.flat()));
const getexOptions = fc.constantFrom<string[]>([], ['PERSIST'], ['EXAT', FUTURE_S], ['PXAT', FUTURE_MS], ['PXAT', '1'], ['EX', '0'], ['EX', 'x'], ['KEEPTTL'], ['PERSIST', 'PXAT', FUTURE_MS]);
const lcsOptions = fc.constantFrom<string[]>([], ['LEN'], ['IDX'], ['IDX', 'WITHMATCHLEN'], ['IDX', 'MINMATCHLEN', '2'], ['IDX', 'LEN']);

const command: fc.Arbitrary<string[]> = fc.oneof(
  key.map((k) => ['GET', k]),
  fc.tuple(key, value, setOptions).map(([k, v, o]) => ['SET', k, v, ...o]),
  fc.tuple(key, value).map(([k, v]) => ['SETNX', k, v]),
  fc.tuple(key, fc.constantFrom('0', '-1', 'x'), value).map(([k, t, v]) => ['SETEX', k, t, v]),
  fc.tuple(key, fc.constantFrom('0', '-1', 'x'), value).map(([k, t, v]) => ['PSETEX', k, t, v]),
  fc.tuple(key, getexOptions).map(([k, o]) => ['GETEX', k, ...o]),
  key.map((k) => ['GETDEL', k]),
  fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]),
  fc.array(key, { minLength: 1, maxLength: 4 }).map((ks) => ['MGET', ...ks]),
  fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((kvs) => ['MSET', ...kvs.flat()]),
  fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((kvs) => ['MSETNX', ...kvs.flat()]),
  fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]),
  key.map((k) => ['STRLEN', k]),
  fc.tuple(key, index, index).map(([k, s, e]) => ['GETRANGE', k, s, e]),
  fc.tuple(key, fc.constantFrom('0', '1', '3', '8', '-1', 'x'), value).map(([k, o, v]) => ['SETRANGE', k, o, v]),
  key.map((k) => ['INCR', k]),
  key.map((k) => ['DECR', k]),
  fc.tuple(key, integer).map(([k, n]) => ['INCRBY', k, n]),
  fc.tuple(key, integer).map(([k, n]) => ['DECRBY', k, n]),
  fc.tuple(key, float).map(([k, n]) => ['INCRBYFLOAT', k, n]),
  fc.tuple(key, key, lcsOptions).map(([a, b, o]) => ['LCS', a, b, ...o]),
  key.map((k) => ['PEXPIRETIME', k]),
  key.map((k) => ['EXISTS', k]),
  key.map((k) => ['DEL', k]),
);

describe('generated sequences of string commands', () => {
  it('get the same replies from our server and Redis', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (commands) => {
        const prefix = `q${run++}:`;
        const list: CollectionValue = { type: 'list', length: 1, encoding: () => 'quicklist', clone: () => list };
        d.ourServer.keyspace.db(0).set(`${prefix}l`, list);
        expect((await d.redis.call('RPUSH', `${prefix}l`, 'x')).toString()).toBe(':1\r\n');
        const prefixed: Arg[][] = commands.map((c) => c.map((a) => (a.startsWith('K') && a.length === 2 ? prefix + a[1] : a)));
        await d.checkPipeline([...prefixed, ...['a', 'b', 'c', 'l'].flatMap((k) => [['GET', prefix + k], ['PEXPIRETIME', prefix + k]])]);
      }),
      { numRuns: 250 },
    );
  });
});
