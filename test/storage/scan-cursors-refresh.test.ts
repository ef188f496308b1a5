// ScanCursors.refresh: an idle live iterator is advanced so that it does not keep the hash tables
// its Map outgrows (V8 chains them for it), and a long-idle cursor is dropped; the entries read
// ahead come back, in order, on the cursor's next call.

import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ScanCursors } from '../../storage/scan-cursors.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMB(): number {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('ScanCursors.refresh', () => {
  it('keeps an abandoned cursor from holding the tables of a churning Map', () => {
    const map = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) map.set(`k${i}`, i);
    const cursors = new ScanCursors();
    const first = cursors.scan(map, () => map.keys(), 0, 10);
    expect(first.cursor).not.toBe(0);
    const before = heapMB();
    let next = 100_000;
    // Each round deletes and adds 50k keys: the Map rehashes every round or two.
    for (let round = 0; round < 30; round++) {
      for (let j = 0; j < 50_000; j++) {
        map.delete(`k${next - 100_000}`);
        map.set(`k${next}`, next);
        next++;
      }
      cursors.refresh();
    }
    const grown = heapMB() - before;
    // Without refresh this grows by ~8 MB per rehash (about 90 MB here).
    expect(grown).toBeLessThan(30);
    expect(cursors.size).toBe(1);
    expect(map.size).toBe(100_000);
  });

  it('returns what it read ahead first, in order, then goes on', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const owner = {};
    const cursors = new ScanCursors();
    const a = cursors.scan(owner, () => items.values(), 0, 5);
    expect(a.items).toEqual([0, 1, 2, 3, 4]);
    cursors.refresh();
    cursors.refresh();
    cursors.refresh();
    const b = cursors.scan(owner, () => items.values(), a.cursor, 2);
    expect(b.items).toEqual([5, 6]);
    const c = cursors.scan(owner, () => items.values(), b.cursor, 4);
    expect(c.items).toEqual([7, 8, 9, 10]);
    const d = cursors.scan(owner, () => items.values(), c.cursor, 100);
    expect(d).toEqual({ cursor: 0, items: items.slice(11) });
  });

  it('an iterator that ends while read ahead still returns its last entries, then cursor 0', () => {
    const owner = {};
    const cursors = new ScanCursors();
    const a = cursors.scan(owner, () => [1, 2, 3].values(), 0, 1);
    for (let i = 0; i < 5; i++) cursors.refresh();
    expect(cursors.scan(owner, () => [1, 2, 3].values(), a.cursor, 10)).toEqual({ cursor: 0, items: [2, 3] });
    expect(cursors.size).toBe(0);
  });

  it('drops a cursor left idle for too long: it then restarts, as an unknown cursor does', () => {
    const owner = {};
    const source = () => [1, 2, 3, 4].values();
    const cursors = new ScanCursors();
    const a = cursors.scan(owner, source, 0, 1);
    for (let i = 0; i < 9; i++) cursors.refresh(10);
    expect(cursors.size).toBe(1);
    cursors.refresh(10);
    expect(cursors.size).toBe(0);
    expect(cursors.scan(owner, source, a.cursor, 10)).toEqual({ cursor: 0, items: [1, 2, 3, 4] });
  });
});
