import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ListValue } from '../../storage/list.js';
import { dataStart, elementEnd, lengthChars, packElements, previousStart, readBackward, readForward, unpackElements } from '../../storage/list-packed.js';

function contents(l: ListValue): string[] {
  const out: string[] = [];
  for (let i = 0; i < l.length; i++) out.push(l.at(i));
  return out;
}

/** The elements start..end as writeRange passes them. */
function written(l: ListValue, start: number, end: number): string[] {
  const out: string[] = [];
  l.writeRange(start, end, { bulk: (s) => out.push(s), bulkSlice: (s, a, b) => out.push(s.slice(a, b)) });
  return out;
}

/** Every mutation of ListValue with the same change applied to a plain array (the model). */
type Op =
  | { op: 'pushHead' | 'pushTail'; v: string; times: number }
  | { op: 'popHead' | 'popTail'; times: number }
  | { op: 'setAt' | 'insertAt'; at: number; v: string }
  | { op: 'removeEqual'; v: string; limit: number; fromTail: boolean }
  | { op: 'dropHead' | 'dropTail'; k: number };

const value = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('a', 'b', 'c', '', '\u0000\u00ff', 'element-longer-than-13') },
  // Past a node's byte limit, and past what a packed node can address.
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(3000), 'y'.repeat(70_000)) },
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('pushHead' as const, 'pushTail' as const), v: value, times: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constantFrom('popHead' as const, 'popTail' as const), times: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constantFrom('setAt' as const, 'insertAt' as const), at: fc.nat(), v: value }),
  fc.record({ op: fc.constant('removeEqual' as const), v: value, limit: fc.nat({ max: 50 }), fromTail: fc.boolean() }),
  fc.record({ op: fc.constantFrom('dropHead' as const, 'dropTail' as const), k: fc.nat() }),
);

interface NodeView {
  prev: NodeView | null;
  next: NodeView | null;
  items: string[] | null;
  packed: string | null;
  count: number;
  bytes: number;
}

/** The layout's invariants: counts and bytes add up, no empty node, both end nodes open. */
function checkLayout(l: ListValue): void {
  const inner = l as unknown as { packed: string | null; bytes: number; head: NodeView | null; tail: NodeView | null };
  if (inner.packed !== null) {
    expect(inner.head).toBeNull();
    const elements = unpackElements(inner.packed);
    expect(elements.length).toBe(l.length);
    expect(inner.bytes).toBe(elements.reduce((a, e) => a + e.length, 0));
    expect(elements.length).toBeLessThanOrEqual(128);
    expect(inner.bytes).toBeLessThanOrEqual(8192);
    return;
  }
  expect(inner.head!.items).not.toBeNull();
  expect(inner.tail!.items).not.toBeNull();
  let total = 0;
  let prev: NodeView | null = null;
  for (let n = inner.head; n !== null; n = n.next) {
    expect(n.prev).toBe(prev);
    expect(n.count).toBeGreaterThan(0);
    expect((n.items === null) !== (n.packed === null)).toBe(true);
    if (n.items !== null) {
      expect(n.items.length).toBe(n.count);
      expect(n.bytes).toBe(n.items.reduce((a, e) => a + e.length, 0));
    }
    total += n.count;
    prev = n;
  }
  expect(inner.tail).toBe(prev);
  expect(total).toBe(l.length);
}

function apply(l: ListValue, model: string[], o: Op): void {
  switch (o.op) {
    case 'pushHead':
      for (let i = 0; i < o.times; i++) {
        const v = `${o.v}${i}`;
        l.pushHead(v);
        model.unshift(v);
      }
      return;
    case 'pushTail':
      for (let i = 0; i < o.times; i++) {
        const v = `${o.v}${i % 3}`;
        l.pushTail(v);
        model.push(v);
      }
      return;
    case 'popHead':
      for (let i = 0; i < o.times; i++) expect(l.popHead()).toBe(model.shift());
      return;
    case 'popTail':
      for (let i = 0; i < o.times; i++) expect(l.popTail()).toBe(model.pop());
      return;
    case 'setAt':
      if (model.length === 0) return;
      l.setAt(o.at % model.length, o.v);
      model[o.at % model.length] = o.v;
      return;
    case 'insertAt': {
      const at = o.at % (model.length + 1);
      l.insertAt(at, o.v);
      model.splice(at, 0, o.v);
      return;
    }
    case 'removeEqual': {
      const v = `${o.v}${o.limit % 3}`;
      const idx: number[] = [];
      model.forEach((e, i) => e === v && idx.push(i));
      if (o.fromTail) idx.reverse();
      const gone = new Set(o.limit === 0 ? idx : idx.slice(0, o.limit));
      expect(l.removeEqual(v, o.limit, o.fromTail)).toBe(gone.size);
      const kept = model.filter((_, i) => !gone.has(i));
      model.length = 0;
      model.push(...kept);
      return;
    }
    case 'dropHead': {
      const k = o.k % (model.length + 1);
      l.dropHead(k);
      model.splice(0, k);
      return;
    }
    case 'dropTail': {
      const k = o.k % (model.length + 1);
      l.dropTail(k);
      model.length -= k;
      return;
    }
  }
}

describe('ListValue', () => {
  it('reports quicklist at every size, as Redis 7.0 does', () => {
    const l = new ListValue(['x']);
    expect(l.type).toBe('list');
    expect(l.encoding()).toBe('quicklist');
    for (let i = 0; i < 1000; i++) l.pushTail(String(i));
    expect(l.encoding()).toBe('quicklist');
  });

  it('keeps order through pushes and pops at both ends across the node layout', () => {
    const l = new ListValue();
    const model: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 3 === 0) {
        l.pushHead(`h${i}`);
        model.unshift(`h${i}`);
      } else {
        l.pushTail(`t${i}`);
        model.push(`t${i}`);
      }
    }
    expect(contents(l)).toEqual(model);
    for (let i = 0; i < 4990; i++) {
      if (i % 2 === 0) expect(l.popHead()).toBe(model.shift());
      else expect(l.popTail()).toBe(model.pop());
    }
    expect(contents(l)).toEqual(model);
    expect(l.length).toBe(10);
  });

  it('works as a queue for long without growing its node chain', () => {
    const l = new ListValue();
    for (let i = 0; i < 1000; i++) l.pushTail(String(i));
    let wrong = 0;
    for (let i = 1000; i < 200_000; i++) {
      l.pushTail(String(i));
      if (l.popHead() !== String(i - 1000)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(l.length).toBe(1000);
    let nodes = 0;
    for (let n = (l as unknown as { head: { next: unknown } | null }).head; n !== null; n = n.next as typeof n) nodes++;
    expect(nodes).toBeLessThan(16);
  });

  it('packs interior nodes and edits them in place', () => {
    const model = Array.from({ length: 2000 }, (_, i) => `m${i % 50}`);
    const l = new ListValue(model.slice());
    const inner = l as unknown as { head: NodeView };
    let packed = 0;
    for (let n: NodeView | null = inner.head; n !== null; n = n.next) if (n.packed !== null) packed++;
    expect(packed).toBeGreaterThan(10);
    l.setAt(1000, 'S');
    model[1000] = 'S';
    l.insertAt(700, 'I');
    model.splice(700, 0, 'I');
    for (let k = 0; k < 200; k++) {
      l.insertAt(1500, `J${k}`);
      model.splice(1500, 0, `J${k}`);
    }
    expect(l.removeEqual('m7', 5, true)).toBe(5);
    const gone = model.reduce<number[]>((acc, e, i) => (e === 'm7' ? [...acc, i] : acc), []).slice(-5);
    const kept = model.filter((_, i) => !gone.includes(i));
    expect(l.indexOf('J0')).toBe(kept.indexOf('J0'));
    expect(contents(l)).toEqual(kept);
    checkLayout(l);
    expect(l.removeEqual('m3', 0, false)).toBe(40);
    checkLayout(l);
  });

  it('clone is deep: changing the copy leaves the original', () => {
    const l = new ListValue(['a', 'b', 'c']);
    const c = l.clone();
    c.pushTail('d');
    c.setAt(0, 'z');
    expect(contents(l)).toEqual(['a', 'b', 'c']);
    expect(contents(c)).toEqual(['z', 'b', 'c', 'd']);
  });

  it('behaves as an array under random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 400 }), fc.array(opArb, { maxLength: 40 }), (initial, ops) => {
        const l = new ListValue(initial.slice());
        const model = initial.slice();
        for (const o of ops) {
          apply(l, model, o);
          expect(l.length).toBe(model.length);
          checkLayout(l);
        }
        expect(contents(l)).toEqual(model);
        expect(contents(l.clone())).toEqual(model);
        if (model.length > 0) {
          expect(written(l, 0, model.length - 1)).toEqual(model);
          const a = Math.floor(model.length / 3);
          const b = Math.floor((model.length * 2) / 3);
          expect(written(l, a, b)).toEqual(model.slice(a, b + 1));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('packed small lists', () => {
  it('read each length back from both sides, one char below 128 and two up to 8 KB', () => {
    for (const n of [0, 1, 127, 128, 129, 255, 256, 4096, 8192]) {
      const v = 'v'.repeat(n);
      const p = packElements(['a', v, 'b']);
      const first = elementEnd(p, 0);
      expect(readForward(p, first)).toBe(n);
      expect(p.slice(dataStart, dataStart + n)).toBe(v);
      const last = previousStart(p, p.length);
      expect(readBackward(p, last)).toBe(n);
      expect(p.slice(dataStart, dataStart + n)).toBe(v);
      expect(unpackElements(p)).toEqual(['a', v, 'b']);
      expect(lengthChars(n)).toBe(n < 128 ? 1 : 2);
    }
  });

  it('move to nodes past 128 elements or 8 KB and back at 32 elements and 4 KB', () => {
    const inner = (l: ListValue) => l as unknown as { packed: string | null };
    const l = new ListValue();
    for (let i = 0; i < 128; i++) l.pushTail('e');
    expect(inner(l).packed).not.toBeNull();
    l.pushTail('e');
    expect(inner(l).packed).toBeNull();
    while (l.length > 33) l.popHead();
    expect(inner(l).packed).toBeNull();
    l.popTail();
    expect(inner(l).packed).not.toBeNull();
    const big = new ListValue(['x'.repeat(8000)]);
    expect(inner(big).packed).not.toBeNull();
    big.pushHead('y'.repeat(193));
    expect(inner(big).packed).toBeNull();
    big.popTail();
    expect(inner(big).packed).not.toBeNull();
    expect(big.at(0)).toBe('y'.repeat(193));
  });
});
