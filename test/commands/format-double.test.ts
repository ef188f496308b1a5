import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDouble, formatListpackDouble } from '../../commands/format-double.js';

// [text sent to redis-server 7.0.15 as a score, what ZSCORE printed] (skiplist encoding).
const PRINTED_BY_REDIS: Array<[string, string]> = [
  ['0', '0'],
  ['-0', '-0'],
  ['1', '1'],
  ['-1', '-1'],
  ['1.5', '1.5'],
  ['-2.25', '-2.25'],
  ['0.1', '0.10000000000000001'],
  ['1.1', '1.1000000000000001'],
  ['100', '100'],
  ['1e15', '1000000000000000'],
  ['1e16', '10000000000000000'],
  ['1e17', '1e+17'],
  ['1e20', '1e+20'],
  ['1e21', '1e+21'],
  ['1e22', '1e+22'],
  ['1e-4', '0.0001'],
  ['1e-5', '1.0000000000000001e-05'],
  ['0.00012', '0.00012'],
  ['123.456', '123.456'],
  ['-123.456e-10', '-1.23456e-08'],
  ['3.141592653589793', '3.1415926535897931'],
  ['9007199254740991', '9007199254740991'],
  ['9007199254740992', '9007199254740992'],
  ['9007199254740993', '9007199254740992'],
  ['18014398509481985', '18014398509481984'],
  ['1e300', '1.0000000000000001e+300'],
  ['1.7976931348623157e308', '1.7976931348623157e+308'],
  ['2.2250738585072014e-308', '2.2250738585072014e-308'],
  ['5e-324', '4.9406564584124654e-324'],
  ['1e-310', '9.9999999999999694e-311'],
  ['0.30000000000000004', '0.30000000000000004'],
  // Exact ties at the 17th digit: glibc rounds half to even, JS's toExponential half up.
  ['2251799813685247.25', '2251799813685247.2'],
  ['2251799813685247.75', '2251799813685247.8'],
  ['2251799813685246.25', '2251799813685246.2'],
  ['-2251799813685246.25', '-2251799813685246.2'],
  ['1125899906842623.125', '1125899906842623.1'],
  ['562949953421311.0625', '562949953421311.06'],
  ['12345678901234567', '12345678901234568'],
  ['0.5', '0.5'],
  ['99999999999999999', '1e+17'],
  ['1e-7', '9.9999999999999995e-08'],
  ['inf', 'inf'],
  ['-inf', '-inf'],
];

describe('formatDouble', () => {
  it.each(PRINTED_BY_REDIS)('prints %s as redis-server does (%s)', (input, printed) => {
    const x = input === 'inf' ? Infinity : input === '-inf' ? -Infinity : Number(input);
    expect(formatDouble(x)).toBe(printed);
  });

  it('prints nan as Redis does for a NaN it never stores', () => {
    expect(formatDouble(NaN)).toBe('nan');
  });

  it('always round-trips: 17 significant digits identify every double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const back = Number(formatDouble(x));
        expect(Object.is(back, x) || (back === 0 && x === 0)).toBe(true);
        // -0 keeps its sign.
        if (Object.is(x, -0)) expect(formatDouble(x)).toBe('-0');
      }),
      { numRuns: 2000 },
    );
  });

  // [score, what ZSCAN printed for a listpack-encoded set holding it] (redis-server 7.0.15).
  const LISTPACK_TEXT: Array<[number, string]> = [
    [1e17, '100000000000000000'],
    [123456789012345678, '123456789012345680'],
    [4611686018427387904, '4611686018427387904'],
    [4611686018427388928, '4.6116860184273889e+18'],
    [-4611686018427387904, '-4611686018427387904'],
    [-4611686018427388928, '-4.6116860184273889e+18'],
    [-1e18, '-1000000000000000000'],
    [-0, '0'],
    [1e20, '1e+20'],
    [2.5, '2.5'],
    [9007199254740993, '9007199254740992'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ];

  it.each(LISTPACK_TEXT)('writes %s into a listpack as d2string does (%s)', (x, text) => {
    expect(formatListpackDouble(x)).toBe(text);
  });
});
