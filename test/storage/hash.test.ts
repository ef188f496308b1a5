import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../support/seeded-random.js';
import fc from 'fast-check';
import { EncodingSettings } from '../../storage/encoding-settings.js';
import { HashValue } from '../../storage/hash.js';
import { encodeLength, readLength } from '../../storage/hash-listpack.js';

/** The fields of a complete HSCAN of a table, with no changes during it. */
function scanAll(h: HashValue): string[] {
  const pairs: string[] = [];
  let cursor = 0;
  do cursor = h.scan(cursor, 3, pairs);
  while (cursor !== 0);
  return pairs.filter((_, i) => i % 2 === 0);
}

const random = rng(7);

describe('listpack lengths', () => {
  it('read back what they encode, one char below 128', () => {
    for (const n of [0, 1, 127, 128, 129, 16383, 16384, 2 ** 21 + 5, 2 ** 31 + 7]) {
      const text = encodeLength(n) + 'tail';
      expect(readLength(text, 0)).toBe(n);
      expect(text.slice(encodeLength(n).length)).toBe('tail');
    }
    expect(encodeLength(127).length).toBe(1);
    expect(encodeLength(128).length).toBe(2);
  });
});

describe('HashValue encodings', () => {
  it('keeps a listpack in insertion order and updates values in place', () => {
    const settings = new EncodingSettings();
    const h = new HashValue();
    expect(h.set('b', '1', settings, random)).toBe(true);
    expect(h.set('a', '2', settings, random)).toBe(true);
    expect(h.set('b', '3', settings, random)).toBe(false);
    expect(h.pairs()).toEqual(['b', '3', 'a', '2']);
    expect(h.encoding()).toBe('listpack');
    expect(h.delete('b')).toBe(true);
    expect(h.fields()).toEqual(['a']);
  });

  it('becomes a table past hash-max-listpack-entries, or at a long field or value, and never back', () => {
    const settings = new EncodingSettings();
    settings.hashMaxListpackEntries = 2;
    settings.hashMaxListpackValue = 5;
    const h = new HashValue();
    h.set('f1', 'v', settings, random);
    h.set('f2', 'v', settings, random);
    expect(h.encoding()).toBe('listpack');
    h.set('f3', 'v', settings, random);
    expect(h.encoding()).toBe('hashtable');
    h.delete('f3');
    h.delete('f2');
    expect(h.encoding()).toBe('hashtable');
    const long = new HashValue();
    long.set('f', '12345', settings, random);
    expect(long.encoding()).toBe('listpack');
    long.set('f', '123456', settings, random);
    expect(long.encoding()).toBe('hashtable');
    expect(long.get('f')).toBe('123456');
    const longField = new HashValue();
    longField.set('ffffff', 'v', settings, random);
    expect(longField.encoding()).toBe('hashtable');
  });

  it('holds binary fields and values and long ones (multi-char lengths)', () => {
    const settings = new EncodingSettings();
    settings.hashMaxListpackValue = 100000;
    const h = new HashValue();
    const big = 'x'.repeat(20000);
    const bin = '\u0000\u0080\u00ff\r\n';
    h.set(bin, big, settings, random);
    h.set(big, bin, settings, random);
    h.set('', '', settings, random);
    expect(h.encoding()).toBe('listpack');
    expect(h.get(bin)).toBe(big);
    expect(h.get(big)).toBe(bin);
    expect(h.get('')).toBe('');
    expect(h.valueLength(bin)).toBe(20000);
    expect(h.has('x')).toBe(false);
    expect(h.pairs()).toEqual([bin, big, big, bin, '', '']);
  });
});

describe('HashValue against a model (property)', () => {
  const name = fc.constantFrom('a', 'b', 'c', '', '\u0000', '\u00ff\u0080', 'long-field-name-xxxxxxxx');
  const value = fc.oneof(fc.constantFrom('1', '', 'v', '\u0000\u00ff'), fc.string({ maxLength: 12 }).map((s) => s.replace(/[^\x00-\xff]/g, '?')));
  const op = fc.oneof(
    fc.record({ k: fc.constant('set' as const), f: name, v: value }),
    fc.record({ k: fc.constant('delete' as const), f: name }),
    fc.record({ k: fc.constant('random' as const) }),
  );

  it('sets, deletes and samples like a Map, at every threshold', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 14 }), fc.integer(), (ops, entries, valueLimit, seed) => {
        const settings = new EncodingSettings();
        settings.hashMaxListpackEntries = entries;
        settings.hashMaxListpackValue = valueLimit;
        const random = rng(seed);
        const h = new HashValue();
        const model = new Map<string, string>();
        let wasTable = false;
        for (const o of ops) {
          if (o.k === 'set') {
            const tooLong = o.f.length > valueLimit || o.v.length > valueLimit;
            expect(h.set(o.f, o.v, settings, random)).toBe(!model.has(o.f));
            model.set(o.f, o.v);
            if (tooLong || model.size > entries) expect(h.encoding()).toBe('hashtable');
          } else if (o.k === 'delete') {
            expect(h.delete(o.f)).toBe(model.delete(o.f));
          } else if (model.size > 0) {
            expect(model.has(h.randomField(random))).toBe(true);
          }
          if (wasTable) expect(h.encoding()).toBe('hashtable');
          wasTable = h.encoding() === 'hashtable';
          expect(h.length).toBe(model.size);
        }
        for (const [f, v] of model) {
          expect(h.get(f)).toBe(v);
          expect(h.valueLength(f)).toBe(v.length);
        }
        const pairs = h.pairs();
        const asMap = new Map<string, string>();
        for (let i = 0; i < pairs.length; i += 2) asMap.set(pairs[i]!, pairs[i + 1]!);
        expect(asMap).toEqual(model);
        expect(h.fields().sort()).toEqual([...model.keys()].sort());
        expect(h.values().sort()).toEqual([...model.values()].sort());
        expect(h.clone().pairs()).toEqual(pairs);
        if (h.encoding() === 'listpack') expect(h.fields()).toEqual([...model.keys()]);
        else expect(scanAll(h).sort()).toEqual([...model.keys()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('an HSCAN of a table ends while a field is added per call, and returns every field present throughout', () => {
    const settings = new EncodingSettings();
    settings.hashMaxListpackEntries = 0;
    const h = new HashValue();
    for (let i = 0; i < 10; i++) h.set(`f${i}`, 'v', settings, random);
    h.delete('f3');
    const seen = new Set<string>();
    let cursor = 0;
    let calls = 0;
    do {
      const pairs: string[] = [];
      cursor = h.scan(cursor, 1, pairs);
      for (let i = 0; i < pairs.length; i += 2) seen.add(pairs[i]!);
      h.set(`new${calls++}`, 'v', settings, random);
    } while (cursor !== 0 && calls < 10_000);
    expect(cursor).toBe(0);
    for (const f of ['f0', 'f1', 'f2', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9']) expect(seen.has(f)).toBe(true);
    expect(seen.has('f3')).toBe(false);
  });

  it('random fields of a table stay uniform through deletions and additions', () => {
    const settings = new EncodingSettings();
    settings.hashMaxListpackEntries = 0;
    const h = new HashValue();
    for (let i = 0; i < 30; i++) h.set(`f${i}`, 'v', settings, random);
    const picks = rng(11);
    h.randomField(picks);
    for (let i = 0; i < 20; i++) h.delete(`f${i}`);
    for (let i = 30; i < 35; i++) h.set(`f${i}`, 'v', settings, random);
    h.set('f3', 'back', settings, random);
    const counts = new Map<string, number>();
    for (let i = 0; i < 32000; i++) {
      const f = h.randomField(picks);
      counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(h.fields().sort());
    for (const c of counts.values()) expect(Math.abs(c - 2000)).toBeLessThan(300);
  });
});
