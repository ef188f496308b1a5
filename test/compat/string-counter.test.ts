// Differential tests of INCR, DECR, INCRBY, DECRBY (exact 64-bit arithmetic and overflow) and
// INCRBYFLOAT (x87 long double arithmetic and formatting) against a real redis-server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import type { Arg } from '../support/raw-client.js';
import type { CollectionValue } from '../../storage/value.js';

const BIN = 'a\0b\xff\x80\r\nc';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

let d: Differential;
let prefixCounter = 0;
function fresh(): string {
  return `c${++prefixCounter}:`;
}

async function holdList(key: string): Promise<void> {
  const list: CollectionValue = { type: 'list', length: 1, encoding: () => 'quicklist', clone: () => list };
  d.ourServer.keyspace.db(0).set(key, list);
  expect((await d.redis.call('RPUSH', key, 'x')).toString()).toBe(':1\r\n');
}

beforeAll(async () => {
  d = await Differential.start();
});
afterAll(async () => d.stop());

describe('INCR, DECR, INCRBY, DECRBY', () => {
  it('count from missing keys and refuse values that are not canonical integers', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    const cases: Arg[][] = [['INCR', `${p}a`], ['INCR', `${p}a`], ['DECR', `${p}b`], ['INCRBY', `${p}c`, '10'], ['DECRBY', `${p}d`, '10'], ['GET', `${p}a`]];
    const values = [' 1', '1 ', '+1', '01', '-0', '1.0', '', 'abc', '99999999999999999999', '9223372036854775808', BIN, '0x10', '1e3', '-', '\x001'];
    values.forEach((v, i) => cases.push(['SET', `${p}v${i}`, v], ['INCR', `${p}v${i}`], ['DECRBY', `${p}v${i}`, '1'], ['GET', `${p}v${i}`]));
    for (const cmd of [['INCR'], ['DECR'], ['INCRBY', '1'], ['DECRBY', '1'], ['INCRBY', 'x']]) {
      cases.push([cmd[0]!, `${p}l`, ...cmd.slice(1)]);
    }
    const increments = ['x', '1.5', '', ' 1', '+1', '01', '-0', '9223372036854775808', '-9223372036854775809'];
    for (const inc of increments) cases.push(['INCRBY', `${p}a`, inc], ['DECRBY', `${p}a`, inc], ['INCRBY', `${p}l`, inc]);
    cases.push(['INCR'], ['INCR', `${p}a`, '1'], ['INCRBY', `${p}a`], ['DECRBY', `${p}a`, '1', '2'], ['DECR']);
    await d.check(cases);
  });

  it('are exact up to the 64-bit limits and refuse to overflow', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, '9223372036854775806'],
      ['INCR', `${p}a`],
      ['INCR', `${p}a`],
      ['GET', `${p}a`],
      ['SET', `${p}b`, '-9223372036854775807'],
      ['DECR', `${p}b`],
      ['DECR', `${p}b`],
      ['INCRBY', `${p}c`, '9223372036854775807'],
      ['INCRBY', `${p}c`, '1'],
      ['INCRBY', `${p}c`, '-9223372036854775808'],
      ['INCRBY', `${p}c`, '-9223372036854775808'],
      ['DECRBY', `${p}d`, '-9223372036854775808'],
      ['DECRBY', `${p}d`, '9223372036854775807'],
      ['DECRBY', `${p}d`, '1'],
      ['DECRBY', `${p}d`, '1'],
      ['SET', `${p}e`, '9007199254740992'],
      ['INCR', `${p}e`],
      ['INCRBY', `${p}e`, '999999999999999'],
      ['SET', `${p}f`, '999999999999999'],
      ['INCRBY', `${p}f`, '999999999999999'],
      ['INCRBY', `${p}f`, '-9999999999999999'],
      ['DECRBY', `${p}f`, '-999999999999999'],
      ['GET', `${p}f`],
    ]);
  });

  it('keep the expiry and leave an int encoding', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, '10', 'PXAT', '4102444800123'],
      ['INCR', `${p}a`],
      ['PEXPIRETIME', `${p}a`],
      ['OBJECT', 'ENCODING', `${p}a`],
      ['SET', `${p}b`, '5', 'PXAT', '1'],
      ['INCRBY', `${p}b`, '3'],
      ['PEXPIRETIME', `${p}b`],
      ['APPEND', `${p}c`, '1'],
      ['APPEND', `${p}c`, '2'],
      ['OBJECT', 'ENCODING', `${p}c`],
      ['DECR', `${p}c`],
      ['OBJECT', 'ENCODING', `${p}c`],
    ]);
  });

  it('agree with Redis on generated 64-bit values and increments', async () => {
    const p = fresh();
    const edge = fc.constantFrom(INT64_MIN, INT64_MIN + 1n, INT64_MAX, INT64_MAX - 1n, 0n, 1n, -1n, 2n ** 53n, -(2n ** 53n), 10n ** 15n, -(10n ** 15n));
    const int64 = fc.oneof(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.bigInt({ min: -1000n, max: 1000n }), edge);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(int64, int64, int64, async (start, by, by2) => {
        const k = `${p}${run++}`;
        await d.checkPipeline([
          ['SET', k, String(start)],
          ['INCRBY', k, String(by)],
          ['DECRBY', k, String(by2)],
          ['INCR', k],
          ['DECR', k],
          ['GET', k],
        ]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('INCRBYFLOAT', () => {
  it('gives Redis long double results and formatting on chosen values', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    const pairs: Array<[string, string]> = [
      ['0.1', '0.2'],
      ['10.5', '0.1'],
      ['5.0e3', '2.0e2'],
      ['0.000003814697265625', '0'],
      ['0.000011444091796875', '0'],
      ['1e4932', '0'],
      ['1.1e4932', '0'],
      ['1.1e4932', '1.1e4932'],
      ['-1.1e4932', '-1.1e4932'],
      ['0', '1e-4951'],
      ['0', '4e-4951'],
      ['0', '1e-4950'],
      ['0', 'inf'],
      ['0', '-Infinity'],
      ['0', 'nan'],
      ['0', ' 1'],
      ['0', '1 '],
      ['0', '0x1p-3'],
      ['0', '0X1.8P1'],
      ['0', '0x'],
      ['0', '0x1p'],
      ['0', '-0'],
      ['-0', '-0'],
      ['1e308', '1e308'],
      ['0', '1e'],
      ['0', '.5'],
      ['0', '5.'],
      ['0', '.'],
      ['0', '+5'],
      ['0', '+-5'],
      ['9007199254740993', '0'],
      ['18446744073709551617', '0'],
      ['9223372036854775807', '1'],
      ['0', '0.00000000000000001'],
      ['0', '0.000000000000000005'],
      ['0', '-0.000000000000000005'],
      ['0', '0.0000000000000000050000001'],
      ['1.5', '1.5'],
      ['3', '-3'],
      ['0', '\0'],
      ['0', '\0abc'],
      ['0', '1.5\0xx'],
      ['1.5\0xx', '1'],
      ['abc', '1'],
      ['0', ''],
      ['0', 'x'.repeat(6000)],
      ['0', '1' + '0'.repeat(5118)],
      ['0', '1.' + '0'.repeat(5117)],
      ['0', '1.' + '0'.repeat(5118)],
      ['0', '0.' + '0'.repeat(5000) + '1'],
      ['0', '1e0000000000000000000000000000000005'],
      ['0', '0e99999999999999999999'],
      ['0', '1e-99999999999999999999'],
    ];
    const cases: Arg[][] = [];
    pairs.forEach(([a, b], i) => cases.push(['SET', `${p}${i}`, a], ['INCRBYFLOAT', `${p}${i}`, b], ['GET', `${p}${i}`]));
    cases.push(['INCRBYFLOAT', `${p}new`, '2.5'], ['GET', `${p}new`], ['INCRBYFLOAT', `${p}l`, '1'], ['INCRBYFLOAT', `${p}l`, 'x']);
    cases.push(['INCRBYFLOAT', `${p}new`], ['INCRBYFLOAT', `${p}new`, '1', '2']);
    await d.check(cases);
  });

  it('keeps the expiry', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, '1.5', 'PXAT', '4102444800123'],
      ['INCRBYFLOAT', `${p}a`, '1'],
      ['PEXPIRETIME', `${p}a`],
      ['SET', `${p}b`, '1.5', 'PXAT', '1'],
      ['INCRBYFLOAT', `${p}b`, '1'],
      ['PEXPIRETIME', `${p}b`],
    ]);
  });

  const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
  const exponent = fc.oneof(
    fc.integer({ min: -40, max: 40 }),
    fc.integer({ min: -5000, max: 5000 }),
    fc.constantFrom(4931, 4932, 4933, -4950, -4951, -4952, -4945),
  );
  const decimal = fc
    .tuple(fc.constantFrom('', '-', '+'), digits(30), fc.option(digits(30)), fc.option(fc.tuple(fc.constantFrom('e', 'E'), exponent)))
    .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : '.' + frac}${exp === null ? '' : exp[0] + exp[1]}`);
  const hex = fc
    .tuple(fc.constantFrom('', '-'), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 20 }), fc.option(fc.integer({ min: -16500, max: 16500 })))
    .map(([sign, h, p]) => `${sign}0x${h}${p === null ? '' : 'p' + p}`);
  const fromDouble = fc.double({ noNaN: true }).map(String);
  // k / 2^n written out exactly: "%.17Lf" must round their ties to even.
  const dyadic = fc.tuple(fc.bigInt({ min: 1n, max: 2n ** 24n }), fc.integer({ min: 17, max: 80 })).map(([k, n]) => {
    const digits = (k * 5n ** BigInt(n)).toString().padStart(n + 1, '0');
    return `${digits.slice(0, -n)}.${digits.slice(-n)}`;
  });
  const number = fc.oneof({ arbitrary: decimal, weight: 5 }, { arbitrary: fromDouble, weight: 3 }, { arbitrary: hex, weight: 1 }, { arbitrary: dyadic, weight: 2 }, { arbitrary: fc.constantFrom('inf', '-inf', 'nan', '', '1e', '0x', '.'), weight: 1 });

  it('agrees with Redis on generated numbers, increments and chains of increments', async () => {
    const p = fresh();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(number, fc.array(number, { minLength: 1, maxLength: 4 }), async (start, increments) => {
        const k = `${p}${run++}`;
        await d.checkPipeline([['SET', k, start], ...increments.map((inc) => ['INCRBYFLOAT', k, inc]), ['GET', k]]);
      }),
      { numRuns: 300 },
    );
  });
});
