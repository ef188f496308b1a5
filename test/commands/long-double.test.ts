// Unit tests of the x87 long double emulation. The expected texts in the tables are what
// redis-server 7.0.15 answered to `INCRBYFLOAT <missing key> <increment>` (or SET then INCRBYFLOAT)
// on x86-64 Linux; test/compat/string-counter.test.ts compares generated cases live.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LONG_DOUBLE_ZERO,
  addLongDouble,
  formatLongDouble,
  incrByFloat,
  isFiniteLongDouble,
  parseLongDouble,
  type LongDouble,
} from '../../commands/long-double.js';

function parse(s: string): LongDouble {
  const v = parseLongDouble(s);
  if (v === null) throw new Error(`not a valid float: ${JSON.stringify(s)}`);
  return v;
}

/** What Redis answers to SET k <current>, INCRBYFLOAT k <increment>: the text, null for an error. */
function redisIncr(current: string, increment: string): string | null | 'invalid' {
  const a = parseLongDouble(current);
  const b = parseLongDouble(increment);
  if (a === null || b === null) return 'invalid';
  return incrByFloat(a, b);
}

describe('INCRBYFLOAT arithmetic as Redis 7.0 answers it', () => {
  const table: Array<[string, string, string | null | 'invalid']> = [
    ['0.1', '0.2', '0.3'],
    ['1.5', '1.5', '3'],
    ['0', '0.1', '0.1'],
    ['0', '-2.5', '-2.5'],
    ['0', '1e-17', '0.00000000000000001'],
    ['0', '123456789.123456789', '123456789.12345678899873747'],
    ['0.000003814697265625', '0', '0.00000381469726562'],
    ['0.000011444091796875', '0', '0.00001144409179688'],
    ['0', '0.000000000000000005', '0'],
    ['0', '0.000000000000000015', '0.00000000000000002'],
    ['0', '0.0000000000000000050000001', '0.00000000000000001'],
    ['9007199254740993', '0', '9007199254740993'],
    ['18446744073709551617', '0', '18446744073709551616'],
    ['0', '18446744073709551619', '18446744073709551620'],
    ['0', '18446744073709551621', '18446744073709551620'],
    ['0', '0x1p-3', '0.125'],
    ['0', '-0', '0'],
    ['0', '.5', '0.5'],
    ['0', '5.', '5'],
    ['0', '+5', '5'],
    ['0', '4e-4951', '0'],
    ['0', '0x1p-16445', '0'],
    ['0', '3.64519953188247460253e-4951', '0'],
    ['0', '1.8225997659412373013e-4951', '0'],
    ['0', 'inf', null],
    ['0', '1e-4951', 'invalid'],
    ['0', '1e-4952', 'invalid'],
    ['0', '1.82259976594123730126e-4951', 'invalid'],
    ['0', '1.18973149535723176508e4932', 'invalid'],
    ['0', ' 1', 'invalid'],
    ['0', '1e', 'invalid'],
    ['0', 'nan', 'invalid'],
    ['0', '\0', 'invalid'],
    ['1.5\0xx', '1', 'invalid'],
    ['abc', '1', 'invalid'],
  ];
  it.each(table)('%j + %j', (current, increment, expected) => {
    expect(redisIncr(current, increment)).toBe(expected);
  });

  it('prints every integer digit of huge values', () => {
    expect(redisIncr('0', '1.18973149535723176502e4932')!.slice(0, 60)).toBe('118973149535723176502126385303097020516906332229462420044032');
    expect(redisIncr('0', '0x1.fffffffffffffffep16383')!.slice(0, 60)).toBe('118973149535723176502126385303097020516906332229462420044032');
    expect(redisIncr('0', '1.18973149535723176502e4932')!.length).toBe(4933);
    expect(redisIncr('1e308', '1e308')!.slice(0, 40)).toBe('1999999999999999999933717593116912913211');
  });
});

describe('parseLongDouble', () => {
  it('reads the extreme values exactly', () => {
    expect(parse('0x1p-16445')).toEqual({ negative: false, significand: 1n, exponent: -16445 });
    expect(parse('0x1.fffffffffffffffep16383')).toEqual({ negative: false, significand: 2n ** 64n - 1n, exponent: 16320 });
    expect(parse('-0x8p-3')).toEqual({ negative: true, significand: 2n ** 63n, exponent: -63 });
  });

  it('accepts infinities, which the caller then refuses', () => {
    for (const s of ['inf', '-inf', 'INF', 'Infinity', '+infinity']) expect(isFiniteLongDouble(parse(s))).toBe(false);
    expect(parseLongDouble('infin')).toBeNull();
  });

  it('refuses texts strtold would not consume whole, and texts of 5120 bytes or more', () => {
    for (const s of ['', ' 1', '1 ', '\t1', '1\0', '-', '+', '.', 'e5', '1e+', '0x', '0x.p1', '0x1p', '1..2', '--1', 'nan', 'NaN(1)', '1_000']) {
      expect(parseLongDouble(s), JSON.stringify(s)).toBeNull();
    }
    expect(formatLongDouble(parse('1.'.padEnd(5119, '0')))).toBe('1');
    expect(parseLongDouble('1.'.padEnd(5120, '0'))).toBeNull();
  });

  it('keeps an exact zero whatever its exponent, but refuses a nonzero value that rounds to zero', () => {
    expect(formatLongDouble(parse('0e-99999999999999999999'))).toBe('0');
    expect(formatLongDouble(parse('-0.000e999999'))).toBe('0');
    expect(parseLongDouble('1e-99999999999999999999')).toBeNull();
    expect(parseLongDouble('1e99999999999999999999')).toBeNull();
  });
});

describe('addLongDouble', () => {
  it('gives NaN (null) only for opposite infinities, and +0 for x + -x', () => {
    expect(addLongDouble(parse('inf'), parse('-inf'))).toBeNull();
    expect(isFiniteLongDouble(addLongDouble(parse('inf'), parse('1'))!)).toBe(false);
    expect(addLongDouble(parse('1.5'), parse('-1.5'))).toEqual(LONG_DOUBLE_ZERO);
    expect(addLongDouble(parse('-0'), parse('-0'))!.negative).toBe(true);
  });

  it('overflows to infinity past the largest value', () => {
    const max = parse('0x1.fffffffffffffffep16383');
    expect(isFiniteLongDouble(addLongDouble(max, max)!)).toBe(false);
    expect(incrByFloat(max, max)).toBeNull();
    expect(incrByFloat(max, parse('1'))).toBe(formatLongDouble(max));
  });

  it('is exact for integers whose sum fits 64 bits', () => {
    const int = fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n });
    fc.assert(
      fc.property(int, int, (a, b) => {
        expect(incrByFloat(parse(String(a)), parse(String(b)))).toBe(String(a + b));
      }),
    );
  });

  it('is exact for short decimals whose sum has at most 17 decimals and 64 bits', () => {
    // k / 2^n with n <= 17 has at most 17 decimals; below 2^46 it fits the significand.
    const dyadic = fc.tuple(fc.bigInt({ min: -(2n ** 46n), max: 2n ** 46n }), fc.integer({ min: 0, max: 17 }));
    fc.assert(
      fc.property(dyadic, ([k, n]) => {
        const negative = k < 0n;
        const digits = ((negative ? -k : k) * 5n ** BigInt(n)).toString().padStart(n + 1, '0');
        const exact = n === 0 ? digits : `${digits.slice(0, -n)}.${digits.slice(-n)}`.replace(/\.?0+$/, '');
        const text = (negative && exact !== '0' ? '-' : '') + exact;
        expect(formatLongDouble(parse(text))).toBe(text);
      }),
    );
  });
});
