import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ListValue } from '../../storage/list.js';

function contents(l: ListValue): string[] {
  const out: string[] = [];
  for (let i = 0; i < l.length; i++) out.push(l.at(i));
  return out;
}

/** Every mutation of ListValue with the same change applied to a plain array (the model). */
type Op =
  | { op: 'pushHead' | 'pushTail'; v: string; times: number }
  | { op: 'popHead' | 'popTail'; times: number }
  | { op: 'setAt' | 'insertAt'; at: number; v: string }
  | { op: 'removeEqual'; v: string; limit: number; fromTail: boolean }
  | { op: 'dropHead' | 'dropTail'; k: number };

const value = fc.constantFrom('a', 'b', 'c', '', '\u0000\u00ff');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('pushHead' as const, 'pushTail' as const), v: value, times: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constantFrom('popHead' as const, 'popTail' as const), times: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constantFrom('setAt' as const, 'insertAt' as const), at: fc.nat(), v: value }),
  fc.record({ op: fc.constant('removeEqual' as const), v: value, limit: fc.nat({ max: 50 }), fromTail: fc.boolean() }),
  fc.record({ op: fc.constantFrom('dropHead' as const, 'dropTail' as const), k: fc.nat() }),
);

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

  it('keeps order through pushes and pops at both ends across the chunked layout', () => {
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

  it('works as a queue for long without growing its directory without bound', () => {
    const l = new ListValue();
    for (let i = 0; i < 1000; i++) l.pushTail(String(i));
    let wrong = 0;
    for (let i = 1000; i < 200_000; i++) {
      l.pushTail(String(i));
      if (l.popHead() !== String(i - 1000)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(l.length).toBe(1000);
    const directory = (l as unknown as { chunks: unknown[] }).chunks;
    expect(directory.length).toBeLessThan(64);
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
        }
        expect(contents(l)).toEqual(model);
        expect(contents(l.clone())).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });
});
