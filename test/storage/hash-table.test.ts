import fc from 'fast-check';
import { seededRandom as rng } from '../support/seeded-random.js';
import { describe, expect, it } from 'vitest';
import { PackedHashTable } from '../../storage/hash-table.js';

/** Every field of a complete scan with COUNT `count`, no changes during it. */
function scanFields(t: PackedHashTable, count: number): string[] {
  const out: string[] = [];
  let cursor = 0;
  do cursor = t.scan(cursor, count, out);
  while (cursor !== 0);
  return out.filter((_, i) => i % 2 === 0);
}

describe('PackedHashTable against a Map (property)', () => {
  // Short and long (kept outside, > 64 chars) fields and values, with every latin1 char.
  const text = fc.oneof(
    fc.integer({ min: 0, max: 400 }).map((n) => `f${n}`),
    fc.integer({ min: 0, max: 20 }).map((n) => `${'L'.repeat(70)}${n}`),
    fc.constantFrom('', '\u0000', '\u00ff\u0080\r\n', 'x'.repeat(64), 'x'.repeat(65), 'y'.repeat(200)),
  );
  const op = fc.oneof(
    { weight: 5, arbitrary: fc.record({ k: fc.constant('set' as const), f: text, v: text }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('delete' as const), f: text }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('clone' as const) }) },
  );

  it('gets, sets, deletes, lists and scans like a Map through splits and merges', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), fc.integer(), (ops, seed) => {
        let t = new PackedHashTable(seed >>> 0);
        const model = new Map<string, string>();
        for (const o of ops) {
          if (o.k === 'set') {
            expect(t.set(o.f, o.v)).toBe(!model.has(o.f));
            model.set(o.f, o.v);
          } else if (o.k === 'delete') {
            expect(t.delete(o.f)).toBe(model.delete(o.f));
          } else {
            // A clone is independent: changing it leaves the original as it was.
            const copy = t.clone();
            copy.set('clone-only', 'v');
            expect(t.has('clone-only')).toBe(model.has('clone-only'));
            t = copy;
            model.set('clone-only', 'v');
          }
          expect(t.size).toBe(model.size);
        }
        for (const [f, v] of model) {
          expect(t.get(f)).toBe(v);
          expect(t.has(f)).toBe(true);
          expect(t.valueLength(f)).toBe(v.length);
        }
        expect(t.get('absent')).toBeUndefined();
        expect(t.valueLength('absent')).toBe(0);
        const pairs = t.collect(true, true, []);
        const asMap = new Map<string, string>();
        for (let i = 0; i < pairs.length; i += 2) asMap.set(pairs[i]!, pairs[i + 1]!);
        expect(pairs.length).toBe(2 * model.size);
        expect(asMap).toEqual(model);
        expect(scanFields(t, 1).sort()).toEqual([...model.keys()].sort());
        expect(scanFields(t, 10).sort()).toEqual([...model.keys()].sort());
        if (model.size > 0) expect(model.has(t.randomField(rng(seed)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('PackedHashTable scan', () => {
  it('returns every field present for the whole scan while the table grows and shrinks between calls', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 200 }), (seed, count, changes) => {
        const t = new PackedHashTable(seed >>> 0);
        const stable: string[] = [];
        for (let i = 0; i < 300; i++) {
          t.set(`stable${i}`, 'v');
          stable.push(`stable${i}`);
        }
        let churn = 0;
        const live: string[] = [];
        const seen = new Set<string>();
        let cursor = 0;
        let calls = 0;
        do {
          const out: string[] = [];
          cursor = t.scan(cursor, count, out);
          for (let i = 0; i < out.length; i += 2) seen.add(out[i]!);
          // Between calls, add or remove up to 60 other fields: buckets split and merge.
          const change = changes[calls % changes.length]!;
          for (let i = 0; i < change; i++) {
            const f = `churn${churn++}`;
            t.set(f, 'x');
            live.push(f);
          }
          for (let i = 0; i < -change && live.length > 0; i++) t.delete(live.pop()!);
          calls++;
        } while (cursor !== 0 && calls < 100_000);
        expect(cursor).toBe(0);
        for (const f of stable) expect(seen.has(f)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('stops after 10*COUNT buckets when nothing matches its way', () => {
    const t = new PackedHashTable(1);
    for (let i = 0; i < 5000; i++) t.set(`f${i}`, 'v');
    const out: string[] = [];
    const next = t.scan(0, 1, out);
    expect(next).not.toBe(0);
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(out.length).toBeLessThan(2 * 5000);
  });
});

describe('PackedHashTable random fields', () => {
  it('are uniform over a table with uneven buckets', () => {
    const t = new PackedHashTable(99);
    for (let i = 0; i < 200; i++) t.set(`f${i}`, 'v');
    for (let i = 0; i < 150; i++) t.delete(`f${i}`);
    const picks = rng(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const f = t.randomField(picks);
      counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    expect(counts.size).toBe(50);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(200);
  });
});

describe('PackedHashTable long strings', () => {
  it('keeps values over 64 chars outside, reuses their slots, and changes values many times', () => {
    const t = new PackedHashTable(3);
    const long = (n: number) => `${n}:`.padEnd(100, 'z');
    for (let i = 0; i < 100; i++) t.set(long(i), long(i + 1000));
    for (let round = 0; round < 5; round++) for (let i = 0; i < 100; i++) t.set(long(i), round % 2 === 0 ? `short${round}` : long(round));
    for (let i = 0; i < 100; i++) expect(t.get(long(i))).toBe(`short4`);
    for (let i = 0; i < 100; i += 2) expect(t.delete(long(i))).toBe(true);
    for (let i = 1; i < 100; i += 2) expect(t.get(long(i))).toBe('short4');
    expect(t.size).toBe(50);
  });
});
