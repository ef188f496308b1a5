import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../support/seeded-random.js';
import fc from 'fast-check';
import { EncodingSettings } from '../../storage/encoding-settings.js';
import { SetValue } from '../../storage/set.js';

function members(s: SetValue): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.at(i));
  return out;
}

function scanAll(s: SetValue): string[] {
  const out: string[] = [];
  const it = s.scanMembers();
  for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

describe('SetValue encodings', () => {
  it('starts as an intset for an integer and as a table otherwise, as setTypeCreate', () => {
    expect(SetValue.startingWith('12').encoding()).toBe('intset');
    expect(SetValue.startingWith('012').encoding()).toBe('hashtable');
    expect(SetValue.startingWith('a').encoding()).toBe('hashtable');
  });

  it('turns into a table past set-max-intset-entries or at a non-integer, and never back', () => {
    const settings = new EncodingSettings();
    settings.setMaxIntsetEntries = 3;
    const s = new SetValue();
    for (const v of ['3', '1', '2']) s.add(v, settings);
    expect(s.encoding()).toBe('intset');
    expect(members(s)).toEqual(['1', '2', '3']);
    s.add('4', settings);
    expect(s.encoding()).toBe('hashtable');
    s.remove('4');
    s.remove('3');
    expect(s.encoding()).toBe('hashtable');
    const t = new SetValue();
    t.add('1', settings);
    t.add('x', settings);
    expect(t.encoding()).toBe('hashtable');
    expect(members(t).sort()).toEqual(['1', 'x']);
  });

  it('with set-max-intset-entries 0 a first integer already makes a table', () => {
    const settings = new EncodingSettings();
    settings.setMaxIntsetEntries = 0;
    const s = SetValue.startingWith('1');
    s.add('1', settings);
    expect(s.encoding()).toBe('hashtable');
  });
});

describe('SetValue against a model (property)', () => {
  const member = fc.oneof(fc.integer({ min: -5, max: 40 }).map(String), fc.constantFrom('a', 'b', '', '\u0000\u00ff', '007', '-0'));
  const op = fc.oneof(
    fc.record({ k: fc.constant('add' as const), m: member }),
    fc.record({ k: fc.constant('remove' as const), m: member }),
    fc.record({ k: fc.constant('pop' as const) }),
  );

  it('adds, removes and pops like a Set, at every threshold', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.integer({ min: 0, max: 20 }), fc.integer(), (ops, limit, seed) => {
        const settings = new EncodingSettings();
        settings.setMaxIntsetEntries = limit;
        const random = rng(seed);
        const s = new SetValue();
        const model = new Set<string>();
        let wasTable = false;
        for (const o of ops) {
          if (o.k === 'add') {
            expect(s.add(o.m, settings)).toBe(!model.has(o.m));
            model.add(o.m);
          } else if (o.k === 'remove') {
            expect(s.remove(o.m)).toBe(model.has(o.m));
            model.delete(o.m);
          } else if (model.size > 0) {
            const popped = s.popRandom(random);
            expect(model.has(popped)).toBe(true);
            model.delete(popped);
          }
          expect(s.length).toBe(model.size);
          // Redis's rule: an intset holds only canonical integers, at most `limit`; never back.
          const allInts = [...model].every((m) => /^(0|-?[1-9][0-9]*)$/.test(m));
          if (wasTable) expect(s.encoding()).toBe('hashtable');
          if (!allInts || model.size > limit) expect(s.encoding()).toBe('hashtable');
          wasTable = s.encoding() === 'hashtable';
        }
        expect(members(s).sort()).toEqual([...model].sort());
        for (const m of model) expect(s.has(m)).toBe(true);
        expect(members(s.clone()).sort()).toEqual([...model].sort());
        if (s.length > 0) expect(model.has(s.random(random))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('an SSCAN iterator sees every member present from start to end, despite changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 })), { maxLength: 150 }), fc.integer(), (changes, seed) => {
        const settings = new EncodingSettings();
        settings.setMaxIntsetEntries = 0;
        const s = new SetValue();
        for (let i = 0; i < 40; i++) s.add(`m${i}`, settings);
        const it = s.scanMembers();
        const seen = new Set<string>();
        const removed = new Set<string>();
        const random = rng(seed);
        for (const [add, n] of changes) {
          const m = `m${n}`;
          if (add) s.add(m, settings);
          else if (s.remove(m)) removed.add(m);
          if (random.randomInt(2) === 0) {
            const r = it.next();
            if (!r.done) seen.add(r.value);
          }
        }
        for (let r = it.next(); !r.done; r = it.next()) seen.add(r.value);
        for (let i = 0; i < 40; i++) if (!removed.has(`m${i}`)) expect(seen.has(`m${i}`)).toBe(true);
        expect(scanAll(s).sort()).toEqual(members(s).sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe('SetValue scans', () => {
  it('end even when members are added as fast as they are read', () => {
    const settings = new EncodingSettings();
    settings.setMaxIntsetEntries = 0;
    const s = new SetValue();
    for (let i = 0; i < 10; i++) s.add(`m${i}`, settings);
    const it = s.scanMembers();
    const seen: string[] = [];
    for (let n = 0; n < 100; n++) {
      s.add(`new${n}`, settings);
      const r = it.next();
      if (r.done) break;
      seen.push(r.value);
    }
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
  });
});

describe('SetValue random picks', () => {
  it('pick every member of a table with about the same frequency', () => {
    const settings = new EncodingSettings();
    const s = new SetValue();
    for (let i = 0; i < 10; i++) s.add(`x${i}`, settings);
    const random = rng(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const m = s.random(random);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    expect(counts.size).toBe(10);
    for (const c of counts.values()) expect(Math.abs(c - 2000)).toBeLessThan(300);
  });
});
