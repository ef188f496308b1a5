import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScoreTree, LEAF_CAPACITY } from '../../storage/zset-tree.js';

type Elem = [number, string];

function cmp(a: Elem, b: Elem): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Everything the tree says about itself, checked against the model (a sorted array). */
function checkAgainst(t: ScoreTree, model: Elem[]): void {
  expect(t.size).toBe(model.length);
  const forward: Elem[] = [];
  for (let leaf = t.head; leaf !== null; leaf = leaf.next) {
    expect(leaf.members.length).toBeGreaterThan(0);
    for (let i = 0; i < leaf.members.length; i++) forward.push([leaf.scores[i]!, leaf.members[i]!]);
  }
  expect(forward).toEqual(model);
  const backward: Elem[] = [];
  for (let leaf = t.tail; leaf !== null; leaf = leaf.prev) {
    for (let i = leaf.members.length - 1; i >= 0; i--) backward.push([leaf.scores[i]!, leaf.members[i]!]);
  }
  expect(backward.reverse()).toEqual(model);
  const ranks: number[] = [];
  const selected: string[] = [];
  model.forEach(([s, m], r) => {
    ranks.push(t.rankOf(s, m));
    selected.push(t.leafAt(r).members[t.offset]!);
  });
  expect(ranks).toEqual(model.map((_, r) => r));
  expect(selected).toEqual(model.map((e) => e[1]));
}

const member = fc.constantFrom(...Array.from({ length: 400 }, (_, i) => `m${i}`));
const score = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(0, -0, 1.5, Infinity, -Infinity));

const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), score, member }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeRange' as const), start: fc.nat(), count: fc.nat({ max: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bulk' as const), n: fc.nat({ max: 1500 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), delta: fc.constantFrom(0.5, -0.5, 1, -1, 100, -100, 0) }) },
);

describe('ScoreTree', () => {
  it('keeps order, ranks and counts through inserts, removals and range removals', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        let t = new ScoreTree();
        let model: Elem[] = [];
        for (const o of ops) {
          if (o.kind === 'insert') {
            if (model.some((e) => e[1] === o.member)) continue;
            t.insert(o.score, o.member);
            model.push([o.score, o.member]);
            model.sort(cmp);
          } else if (o.kind === 'remove') {
            if (model.length === 0) {
              expect(t.remove(1, 'nope')).toBe(false);
              continue;
            }
            const [s, m] = model[o.pick % model.length]!;
            expect(t.remove(s, m)).toBe(true);
            expect(t.remove(s, m)).toBe(false);
            model = model.filter((e) => e[1] !== m);
          } else if (o.kind === 'update') {
            if (model.length === 0) continue;
            const e = model[o.pick % model.length]!;
            t.updateScore(e[1], e[0], e[0] + o.delta);
            e[0] += o.delta;
            model.sort(cmp);
          } else if (o.kind === 'removeRange') {
            if (model.length === 0) continue;
            const start = o.start % model.length;
            const count = Math.min(o.count, model.length - start);
            const index = new Map(model.map(([s, m]) => [m, s] as [string, number]));
            t.removeRange(start, count, index);
            const removed = model.splice(start, count);
            for (const [, m] of removed) expect(index.has(m)).toBe(false);
            expect(index.size).toBe(model.length);
          } else {
            // Replace with a bulk-loaded tree (ascending members, a few equal scores).
            model = Array.from({ length: o.n }, (_, i) => [Math.floor(i / 3), `b${String(i).padStart(5, '0')}`] as Elem);
            t = ScoreTree.fromSorted(model.map((e) => e[1]), model.map((e) => e[0]));
          }
        }
        checkAgainst(t, model);
        for (const x of [-Infinity, -3, 0, 0.5, 2, 7, Infinity]) {
          expect(t.countScoreBelow(x, false)).toBe(model.filter((e) => e[0] < x).length);
          expect(t.countScoreBelow(x, true)).toBe(model.filter((e) => e[0] <= x).length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts members below a bound when all scores are equal', () => {
    const members = Array.from({ length: 1000 }, (_, i) => `k${String(i * 7).padStart(6, '0')}`).sort();
    const t = new ScoreTree();
    for (const m of [...members].reverse()) t.insert(0, m);
    for (const probe of ['', 'k000007', 'k000008', 'k003500', 'k999999', 'z']) {
      expect(t.countMemberBelow(probe, false)).toBe(members.filter((m) => m < probe).length);
      expect(t.countMemberBelow(probe, true)).toBe(members.filter((m) => m <= probe).length);
    }
  });

  it('fills leaves completely under ascending inserts', () => {
    const t = new ScoreTree();
    const n = LEAF_CAPACITY * 50;
    for (let i = 0; i < n; i++) t.insert(i, `m${i}`);
    let leaves = 0;
    for (let leaf = t.head; leaf !== null; leaf = leaf.next) leaves++;
    expect(leaves).toBe(50);
  });

  it('stays consistent in trees three levels deep under mixed random work', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let state = seed | 0;
        const rand = (n: number) => {
          state = (Math.imul(state, 1103515245) + 12345) | 0;
          return ((state >>> 8) % n + n) % n;
        };
        const t = new ScoreTree();
        const live = new Map<string, number>();
        for (let round = 0; round < 3; round++) {
          const inserts = 4000 + rand(8000);
          for (let i = 0; i < inserts; i++) {
            const m = `m${rand(1_000_000)}`;
            if (live.has(m)) continue;
            const s = rand(500);
            live.set(m, s);
            t.insert(s, m);
          }
          for (let i = rand(3000); i > 0 && live.size > 0; i--) {
            const leaf = t.leafAt(rand(live.size));
            const m = leaf.members[t.offset]!;
            const s = live.get(m)! + rand(5) - 2;
            t.updateScore(m, live.get(m)!, s);
            live.set(m, s);
          }
          for (let i = rand(3000); i > 0 && live.size > 0; i--) {
            const r = rand(live.size);
            const leaf = t.leafAt(r);
            const m = leaf.members[t.offset]!;
            expect(t.remove(live.get(m)!, m)).toBe(true);
            live.delete(m);
          }
          if (live.size > 0) {
            const start = rand(live.size);
            const count = rand(live.size - start + 1);
            t.removeRange(start, count, live);
          }
          const model = [...live].map(([m, s]) => [s, m] as Elem).sort(cmp);
          checkAgainst(t, model);
        }
      }),
      { numRuns: 2 },
    );
  });

  it('removes large ranges from big trees', () => {
    const n = 100_000;
    const members = Array.from({ length: n }, (_, i) => `m${String(i).padStart(6, '0')}`);
    const t = ScoreTree.fromSorted(members, members.map((_, i) => i));
    t.removeRange(10, n - 20, null);
    const model: Elem[] = [...members.slice(0, 10), ...members.slice(n - 10)].map((m) => [Number(m.slice(1)), m]);
    checkAgainst(t, model);
    t.removeRange(0, 20, null);
    expect(t.size).toBe(0);
    expect(t.head).toBe(null);
    t.insert(1, 'again');
    checkAgainst(t, [[1, 'again']]);
  });
});
