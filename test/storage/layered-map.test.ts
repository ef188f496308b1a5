// The key space's Map past V8's 2^24-entry limit: layers of a small capacity here, checked against
// a plain Map as a model; plus one real run past 2^24 keys through the Database.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LayeredMap } from '../../storage/layered-map.js';
import { Database } from '../../storage/database.js';

describe('LayeredMap', () => {
  it('behaves as a Map across layers, whatever the sequence of sets and deletes', () => {
    const op = fc.oneof(
      fc.tuple(fc.constant('set' as const), fc.integer({ min: 0, max: 40 }), fc.integer()),
      fc.tuple(fc.constant('delete' as const), fc.integer({ min: 0, max: 40 }), fc.constant(0)),
      fc.tuple(fc.constant('clear' as const), fc.constant(0), fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const m = new LayeredMap<string, number>(8);
        const model = new Map<string, number>();
        for (const [kind, k, v] of ops) {
          const key = `k${k}`;
          if (kind === 'set') {
            m.set(key, v);
            model.set(key, v);
          } else if (kind === 'delete') {
            expect(m.delete(key)).toBe(model.delete(key));
          } else {
            m.clear();
            model.clear();
          }
          expect(m.size).toBe(model.size);
        }
        for (let k = 0; k <= 40; k++) {
          expect(m.get(`k${k}`)).toBe(model.get(`k${k}`));
          expect(m.has(`k${k}`)).toBe(model.has(`k${k}`));
        }
        expect(new Map(m.entries())).toEqual(model);
        expect([...m.keys()].sort()).toEqual([...model.keys()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('opens a new layer when one is full and updates a key in the layer that holds it', () => {
    const m = new LayeredMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('c', 3).set('d', 4).set('e', 5);
    m.set('a', 10);
    m.set('c', 30);
    expect([...m.entries()]).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 30],
      ['d', 4],
      ['e', 5],
    ]);
    expect(m.size).toBe(5);
  });

  it('holds more keys than one V8 Map can (2^24) in a database', { timeout: 300_000 }, () => {
    const db = new Database(0);
    const n = (1 << 24) + 1000;
    for (let i = 0; i < n; i++) db.set(`k${i}`, 'v');
    expect(db.size).toBe(n);
    expect(db.get('k0', 0)).toBe('v');
    expect(db.get(`k${n - 1}`, 0)).toBe('v');
    expect(db.delete(`k${n - 1}`)).toBe(true);
    expect(db.size).toBe(n - 1);
  });
});
