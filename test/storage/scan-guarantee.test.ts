// SCAN's guarantee over our live-iterator cursors: a key present for the whole iteration is
// returned at least once, however keys are inserted and deleted between calls, and the iteration
// ends even when keys churn faster than it reads. Runs on the Database directly (many seeds,
// thousands of keys, several map layers); test/compat/keys-scan.test.ts checks it over TCP.

import { describe, expect, it } from 'vitest';
import { Database } from '../../storage/database.js';
import { Keyspace } from '../../storage/keyspace.js';
import { keysPresentNow } from '../../commands/keys-scan.js';

/** A small deterministic PRNG (mulberry32) so that a failure names its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function scanStep(db: Database, cursor: number, count: number): { cursor: number; items: string[] } {
  return db.scanCursors.scan(db.dict, () => keysPresentNow(db.dict), cursor, count);
}

describe('SCAN guarantee on live iterators', () => {
  for (const layerCapacity of [64, 1 << 23]) {
    it(`returns every key present throughout, under random inserts and deletes (layer capacity ${layerCapacity})`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const random = prng(seed);
        const db = new Database(0, layerCapacity);
        const stable: string[] = [];
        const churn: string[] = [];
        for (let i = 0; i < 3000; i++) {
          const k = `s${i}`;
          stable.push(k);
          db.set(k, 'v');
          const c = `c${i}`;
          churn.push(c);
          db.set(c, 'v');
        }
        const initialSize = db.size;
        const seen = new Set<string>();
        let cursor = 0;
        let calls = 0;
        let fresh = 0;
        do {
          const count = 1 + Math.floor(random() * 40);
          const step = scanStep(db, cursor, count);
          for (const k of step.items) seen.add(k);
          cursor = step.cursor;
          calls++;
          // Between calls: delete churn keys, add new keys, re-add deleted ones, overwrite stable ones.
          for (let j = 0; j < 30; j++) {
            const r = random();
            const c = churn[Math.floor(random() * churn.length)]!;
            if (r < 0.35) db.delete(c);
            else if (r < 0.7) db.set(c, 'again');
            else if (r < 0.9) db.set(`n${seed}:${fresh++}`, 'v');
            else db.set(stable[Math.floor(random() * stable.length)]!, 'overwritten');
          }
        } while (cursor !== 0);
        const missing = stable.filter((k) => !seen.has(k));
        expect(missing, `seed ${seed}`).toEqual([]);
        // Never more calls than the keys present at the start allow, at one key per call.
        expect(calls, `seed ${seed}`).toBeLessThanOrEqual(initialSize + 1);
      }
    });
  }

  it('ends although every key is deleted and added again faster than SCAN reads', () => {
    const db = new Database(0);
    for (let i = 0; i < 2000; i++) db.set(`k${i}`, 'v');
    let cursor = 0;
    let calls = 0;
    let turn = 0;
    do {
      cursor = scanStep(db, cursor, 10).cursor;
      calls++;
      for (let j = 0; j < 50; j++) {
        const k = `k${turn++ % 2000}`;
        db.delete(k);
        db.set(k, 'v');
      }
    } while (cursor !== 0 && calls < 10_000);
    expect(cursor).toBe(0);
    expect(calls).toBeLessThanOrEqual(201);
  });

  it('an unknown cursor restarts from the beginning rather than skipping keys', () => {
    const db = new Database(0);
    for (let i = 0; i < 100; i++) db.set(`k${i}`, 'v');
    const step = scanStep(db, 987654321, 1000);
    expect(step.cursor).toBe(0);
    expect(step.items.length).toBe(100);
  });

  it('a flush forgets the cursors: the old iteration does not go on over removed keys', () => {
    const db = new Database(0);
    for (let i = 0; i < 100; i++) db.set(`old${i}`, 'v');
    const first = scanStep(db, 0, 10);
    expect(first.cursor).not.toBe(0);
    db.flush();
    db.set('new', 'v');
    expect(scanStep(db, first.cursor, 1000)).toEqual({ cursor: 0, items: ['new'] });
  });

  it('SWAPDB forgets the cursors of both databases', () => {
    const ks = new Keyspace(2);
    for (let i = 0; i < 100; i++) ks.db(0).set(`a${i}`, 'v');
    for (let i = 0; i < 100; i++) ks.db(1).set(`b${i}`, 'v');
    const inA = scanStep(ks.db(0), 0, 10);
    const inB = scanStep(ks.db(1), 0, 10);
    ks.swap(0, 1);
    // Each database restarts: a full listing from the beginning, not another client's iteration.
    expect(scanStep(ks.db(0), inA.cursor, 1000).items.length).toBe(100);
    expect(scanStep(ks.db(1), inB.cursor, 1000).items.length).toBe(100);
    expect(ks.db(0).scanCursors.size).toBe(0);
  });
});
