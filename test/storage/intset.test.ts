import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntSet } from '../../storage/intset.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function contents(s: IntSet): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.at(i));
  return out;
}

/** Integers around every boundary of the layout: 0, the 16- and 32-bit widths, ±2^32, ±2^53, the int64 ends. */
const interesting = fc.oneof(
  fc.bigInt({ min: -20n, max: 20n }),
  fc.bigInt({ min: 2n ** 15n - 3n, max: 2n ** 15n + 3n }),
  fc.bigInt({ min: -(2n ** 15n) - 3n, max: -(2n ** 15n) + 3n }),
  fc.bigInt({ min: 2n ** 31n - 3n, max: 2n ** 31n + 3n }),
  fc.bigInt({ min: -(2n ** 31n) - 3n, max: -(2n ** 31n) + 3n }),
  fc.bigInt({ min: 2n ** 32n - 3n, max: 2n ** 32n + 3n }),
  fc.bigInt({ min: -(2n ** 32n) - 3n, max: -(2n ** 32n) + 3n }),
  fc.bigInt({ min: 2n ** 53n - 3n, max: 2n ** 53n + 3n }),
  fc.bigInt({ min: -(2n ** 53n) - 3n, max: -(2n ** 53n) + 3n }),
  fc.bigInt({ min: INT64_MAX - 3n, max: INT64_MAX }),
  fc.bigInt({ min: INT64_MIN, max: INT64_MIN + 3n }),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
);

describe('IntSet', () => {
  it('keeps members sorted and prints them exactly', () => {
    const s = new IntSet();
    for (const v of ['5', '-1', '9223372036854775807', '-9223372036854775808', '0', '4294967296', '-4294967297', '9007199254740993']) {
      expect(s.add(v)).toBe(true);
    }
    expect(s.add('5')).toBe(false);
    expect(contents(s)).toEqual(['-9223372036854775808', '-4294967297', '-1', '0', '5', '4294967296', '9007199254740993', '9223372036854775807']);
    expect(s.has('9007199254740993')).toBe(true);
    expect(s.has('9007199254740992')).toBe(false);
    expect(s.remove('-1')).toBe(true);
    expect(s.remove('-1')).toBe(false);
    expect(s.length).toBe(7);
  });

  it('behaves as a sorted set of bigints (property)', () => {
    const op = fc.record({ add: fc.boolean(), v: interesting });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const s = new IntSet();
        const model = new Set<bigint>();
        for (const o of ops) {
          const text = o.v.toString();
          if (o.add) {
            expect(s.add(text)).toBe(!model.has(o.v));
            model.add(o.v);
          } else {
            expect(s.remove(text)).toBe(model.has(o.v));
            model.delete(o.v);
          }
          expect(s.has(text)).toBe(model.has(o.v));
        }
        const sorted = [...model].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
        expect(contents(s)).toEqual(sorted);
        expect(contents(s.clone())).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
  });

  it('widens every member when one needs more bytes, as Redis upgrades an intset', () => {
    const s = new IntSet();
    for (const v of ['-32768', '32767', '0']) s.add(v);
    s.add('2147483647');
    s.add('-2147483648');
    s.add('-9223372036854775808');
    expect(contents(s)).toEqual(['-9223372036854775808', '-2147483648', '-32768', '0', '32767', '2147483647']);
    expect(s.has('32768')).toBe(false);
    expect(s.remove('9223372036854775807')).toBe(false);
  });

  it('removes by position', () => {
    const s = new IntSet();
    for (const v of ['1', '2', '3', '4']) s.add(v);
    s.removeAt(3);
    s.removeAt(0);
    expect(contents(s)).toEqual(['2', '3']);
  });
});
