import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EncodingSettings } from '../../storage/encoding-settings.js';
import { SortedSet } from '../../storage/zset.js';
import { LEX_MINUS, LEX_PLUS, LEX_VALUE, type LexRange } from '../../storage/zset-range.js';

function settings(entries: number, value: number): EncodingSettings {
  const s = new EncodingSettings();
  s.zsetMaxListpackEntries = entries;
  s.zsetMaxListpackValue = value;
  return s;
}

/** The model's elements in Redis's order. */
function ordered(model: Map<string, number>): Array<[string, number]> {
  return [...model].sort((a, b) => (a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function contents(z: SortedSet): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  if (z.length === 0) return out;
  const c = z.cursor(0);
  for (let i = 0; i < z.length; i++, c.forward()) out.push([c.member, c.score]);
  return out;
}

function backwards(z: SortedSet): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  if (z.length === 0) return out;
  const c = z.cursor(z.length - 1);
  for (let i = 0; i < z.length; i++, c.backward()) out.push([c.member, c.score]);
  return out.reverse();
}

const member = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'long-member', '', '\u0000', '\u00ff', 'ab', 'k'.repeat(200), 'k'.repeat(20000));
const score = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(0.5, Infinity, -Infinity, 1e300));
const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), member, score }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), member }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeRange' as const), start: fc.nat(20), count: fc.nat(5) }) },
);

describe('SortedSet', () => {
  it('matches a model through adds, updates and removals, converting as Redis does', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.constantFrom([4, 3], [128, 64], [0, 64], [8, 0], [300, 30000]), (ops, [entries, value]) => {
        const cfg = settings(entries!, value!);
        const z = new SortedSet();
        const model = new Map<string, number>();
        let converted = false;
        for (const o of ops) {
          if (o.kind === 'set') {
            const current = z.score(o.member);
            expect(current).toBe(model.get(o.member));
            if (current === undefined) {
              if (model.size + 1 > entries! || o.member.length > value!) converted = true;
              z.insert(o.member, o.score, cfg);
            } else {
              z.update(o.member, current, o.score);
            }
            model.set(o.member, o.score);
          } else if (o.kind === 'remove') {
            expect(z.remove(o.member)).toBe(model.delete(o.member));
          } else {
            const start = Math.min(o.start, model.size);
            const count = Math.min(o.count, model.size - start);
            z.removeRange(start, count);
            for (const [m] of ordered(model).slice(start, start + count)) model.delete(m);
          }
          expect(z.length).toBe(model.size);
          expect(z.encoding()).toBe(converted ? 'skiplist' : 'listpack');
        }
        const expected = ordered(model);
        expect(contents(z)).toEqual(expected);
        expect(backwards(z)).toEqual(expected);
        expected.forEach(([m, s], r) => {
          expect(z.rank(m)).toBe(r);
          expect(z.score(m)).toBe(s);
          expect(z.memberAt(r)).toBe(m);
          expect(z.scoreAt(r)).toBe(s);
        });
        expect(z.rank('absent')).toBe(-1);
        const copy = z.clone();
        expect(copy.encoding()).toBe(z.encoding());
        expect(contents(copy)).toEqual(expected);
        if (copy.length > 0) copy.remove(copy.memberAt(0));
        expect(contents(z)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('score ranges count from the tree in both encodings', () => {
    for (const cfg of [settings(128, 64), settings(0, 64)]) {
      const z = new SortedSet();
      [1, 2, 2, 3, -Infinity, Infinity].forEach((s, i) => z.insert(`m${i}`, s, cfg));
      const count = (min: number, max: number, minExclusive = false, maxExclusive = false) => {
        const r = { min, max, minExclusive, maxExclusive };
        return Math.max(0, z.scoreEnd(r) - z.scoreStart(r));
      };
      expect(count(-Infinity, Infinity)).toBe(6);
      expect(count(2, 2)).toBe(2);
      expect(count(2, 2, true)).toBe(0);
      expect(count(1, 3, true, true)).toBe(2);
      expect(count(3, 1)).toBe(0);
      expect(count(-Infinity, -Infinity)).toBe(1);
    }
  });

  it('lex ranges over equal scores agree between the listpack walk and the skiplist search', () => {
    const lexRange = fc.record({
      minKind: fc.constantFrom(LEX_MINUS, LEX_VALUE, LEX_VALUE, LEX_PLUS),
      min: member,
      minExclusive: fc.boolean(),
      maxKind: fc.constantFrom(LEX_MINUS, LEX_VALUE, LEX_VALUE, LEX_PLUS),
      max: member,
      maxExclusive: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(member, { minLength: 1 }), lexRange, fc.boolean(), fc.integer({ min: -1, max: 5 }), (members, r: LexRange, reverse, limit) => {
        const packed = new SortedSet();
        const indexed = new SortedSet();
        for (const m of members) {
          packed.insert(m, 0, settings(128, 64));
          indexed.insert(m, 0, settings(0, 64));
        }
        expect(indexed.encoding()).toBe('skiplist');
        const edge = packed.lexRangeEdge(r, reverse);
        expect(indexed.lexRangeEdge(r, reverse)).toBe(edge);
        if (edge >= 0) expect(indexed.lexRun(r, edge, reverse, limit)).toBe(packed.lexRun(r, edge, reverse, limit));
      }),
      { numRuns: 500 },
    );
  });

  it('a listpack stores -0 as 0; a skiplist keeps it', () => {
    const packed = new SortedSet();
    packed.insert('a', -0, settings(128, 64));
    expect(Object.is(packed.score('a'), 0)).toBe(true);
    const indexed = new SortedSet();
    indexed.insert('a', -0, settings(0, 64));
    expect(Object.is(indexed.score('a'), -0)).toBe(true);
  });

  it('fromMap picks the encoding of a stored result', () => {
    const small = SortedSet.fromMap(new Map([['b', 2], ['a', -0]]), settings(128, 64));
    expect(small.encoding()).toBe('listpack');
    expect(contents(small)).toEqual([['a', 0], ['b', 2]]);
    expect(SortedSet.fromMap(new Map([['b', 2], ['a', 1]]), settings(1, 64)).encoding()).toBe('skiplist');
    expect(SortedSet.fromMap(new Map([['bb', 2]]), settings(128, 1)).encoding()).toBe('skiplist');
    const big = SortedSet.fromMap(new Map([['x', -0]]), settings(0, 64));
    expect(Object.is(big.score('x'), -0)).toBe(true);
  });

  it('fromOrdered encodes as adding the elements one by one into a new set does', () => {
    const cfg = settings(2, 64);
    const zeros = () => [-0, -0, -0];
    const signs = (z: SortedSet) => contents(z).map(([, s]) => (Object.is(s, -0) ? '-0' : String(s)));
    // Two fit in the listpack (stored as 0), the third converts and keeps its -0.
    expect(signs(SortedSet.fromOrdered(['a', 'b', 'c'], zeros(), false, 0, cfg))).toEqual(['0', '0', '-0']);
    expect(signs(SortedSet.fromOrdered(['a', 'b', 'c'], zeros(), true, 0, cfg))).toEqual(['-0', '0', '0']);
    // A known size over the threshold makes a skiplist from the start.
    const sized = SortedSet.fromOrdered(['a', 'b', 'c'], zeros(), false, 3, cfg);
    expect(sized.encoding()).toBe('skiplist');
    expect(signs(sized)).toEqual(['-0', '-0', '-0']);
    const small = SortedSet.fromOrdered(['a', 'b'], [-0, 1], false, 2, cfg);
    expect(small.encoding()).toBe('listpack');
    expect(signs(small)).toEqual(['0', '1']);
    expect(SortedSet.fromOrdered(['a', 'long'], [1, 2], false, 2, settings(2, 3)).encoding()).toBe('skiplist');
  });
});
