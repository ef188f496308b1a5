// The stream store against models: IDs as exact 64-bit halves (order, increment and decrement at
// the edges, text, keys), the packed nodes (round trips of fields and of IDs up to 2^64-1),
// ranges both ways over a model with deletions and trimming, the ordered ID map, the radix tree
// node count, and the listpack sizes that decide where Redis starts a node.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EncodingSettings } from '../../storage/encoding-settings.js';
import { StreamIterator, StreamValue, radixTreeNodeCount } from '../../storage/stream.js';
import { StreamId } from '../../storage/stream-id.js';
import { IdMap } from '../../storage/stream-id-map.js';
import { lpIntSize, lpStringSize } from '../../storage/stream-node.js';

const U64 = (1n << 64n) - 1n;

function idOf(ms: bigint, seq: bigint): StreamId {
  return new StreamId(Number(ms >> 32n), Number(ms & 0xffffffffn), Number(seq >> 32n), Number(seq & 0xffffffffn));
}

function big(id: StreamId): [bigint, bigint] {
  return [(BigInt(id.msHi) << 32n) | BigInt(id.msLo), (BigInt(id.seqHi) << 32n) | BigInt(id.seqLo)];
}

const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: U64 }),
  fc.constantFrom(0n, 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, U64 - 1n, U64),
);
const anyId = fc.tuple(u64, u64);

function settings(entries: number, bytes: number): EncodingSettings {
  const s = new EncodingSettings();
  s.streamNodeMaxEntries = entries;
  s.streamNodeMaxBytes = bytes;
  return s;
}

describe('StreamId', () => {
  it('orders, prints and keys IDs exactly, up to 2^64-1', () => {
    fc.assert(
      fc.property(anyId, anyId, ([am, as], [bm, bs]) => {
        const a = idOf(am, as);
        const b = idOf(bm, bs);
        const want = am !== bm ? (am < bm ? -1 : 1) : as !== bs ? (as < bs ? -1 : 1) : 0;
        expect(a.compare(b)).toBe(want);
        expect(a.key() < b.key() ? -1 : a.key() > b.key() ? 1 : 0).toBe(want);
        expect(a.bytes() < b.bytes() ? -1 : a.bytes() > b.bytes() ? 1 : 0).toBe(want);
        expect(a.toString()).toBe(`${am}-${as}`);
        expect(new StreamId().setFromKey(a.key()).equals(a)).toBe(true);
      }),
    );
  });

  it('increments and decrements across the halves, refusing to pass the ends', () => {
    fc.assert(
      fc.property(anyId, ([m, s]) => {
        const v = (m << 64n) | s;
        const up = idOf(m, s);
        expect(up.increment()).toBe(v !== (U64 << 64n) + U64);
        if (v !== (U64 << 64n) + U64) expect(big(up)).toEqual([(v + 1n) >> 64n, (v + 1n) & U64]);
        const down = idOf(m, s);
        expect(down.decrement()).toBe(v !== 0n);
        if (v !== 0n) expect(big(down)).toEqual([(v - 1n) >> 64n, (v - 1n) & U64]);
      }),
    );
    const max = StreamId.max();
    expect(max.increment()).toBe(false);
    expect(max.isMax()).toBe(true);
    const zero = new StreamId();
    expect(zero.decrement()).toBe(false);
    expect(zero.isZero()).toBe(true);
  });
});

describe('StreamValue', () => {
  /** A model entry: [ms, seq, fields and values]. */
  type Entry = [bigint, bigint, string[]];

  function contents(s: StreamValue, rev = false): string[] {
    const out: string[] = [];
    const it = new StreamIterator(s).start(null, null, rev);
    while (it.next()) {
      const fields: string[] = [];
      it.node!.readFields(it.pos, fields);
      out.push(`${it.id.toString()} ${JSON.stringify(fields)}`);
    }
    return out;
  }

  const fieldSet = fc.constantFrom<string[]>(['f', 'v'], ['f', 'w', 'g', 'x'], ['g', '1'], ['a\u0000\u00ff', 'x'.repeat(300)], ['', '']);

  it('stores entries with their fields and IDs, in order both ways, through deletions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 3n }), fc.bigInt({ min: 0n, max: 3n }), fieldSet), { maxLength: 60 }),
        fc.array(fc.nat(80)),
        fc.constantFrom([3, 4096], [100, 120], [0, 0], [2, 60]),
        fc.constantFrom(0n, 2n ** 52n, U64 - 200n),
        ([...adds], deletes, [entries, bytes], base) => {
          const cfg = settings(entries!, bytes!);
          const s = new StreamValue();
          const model: Entry[] = [];
          let last: [bigint, bigint] = [-1n, 0n];
          for (const [dm, seq, fv] of adds) {
            const ms = base + BigInt(model.length) * 2n + dm;
            if (ms < last[0] || (ms === last[0] && seq <= last[1])) continue;
            s.append(idOf(ms, seq), fv, 0, fv.length / 2, cfg);
            model.push([ms, seq, fv]);
            last = [ms, seq];
          }
          for (const i of deletes) {
            if (model.length === 0) break;
            const [ms, seq] = model[i % model.length]!;
            expect(s.delete(idOf(ms, seq))).toBe(true);
            expect(s.delete(idOf(ms, seq))).toBe(false);
            model.splice(i % model.length, 1);
          }
          expect(s.length).toBe(model.length);
          const want = model.map(([ms, seq, fv]) => `${ms}-${seq} ${JSON.stringify(fv)}`);
          expect(contents(s)).toEqual(want);
          expect(contents(s, true)).toEqual([...want].reverse());
          for (const n of s.nodes) expect(n.live).toBeGreaterThan(0);
          if (model.length > 0) {
            const mid = model[model.length >> 1]!;
            const it = new StreamIterator(s).start(idOf(mid[0], mid[1]), null, false);
            expect(it.next()).toBe(true);
            expect(big(it.id)).toEqual([mid[0], mid[1]]);
            const back = new StreamIterator(s).start(null, idOf(mid[0], mid[1]), true);
            expect(back.next()).toBe(true);
            expect(big(back.id)).toEqual([mid[0], mid[1]]);
          }
        },
      ),
    );
  });

  it('trims by length and by ID, exactly or whole nodes only, within a limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.nat(40), { maxLength: 10 }),
        fc.constantFrom('maxlen', 'minid'),
        fc.integer({ min: 0, max: 45 }),
        fc.boolean(),
        fc.constantFrom(0, 3, 10),
        (n, deletes, strategy, threshold, approx, limit) => {
          const cfg = settings(4, 4096);
          const s = new StreamValue();
          for (let i = 1; i <= n; i++) s.append(StreamId.of(i, 0), ['f', String(i)], 0, 1, cfg);
          const live = new Set<number>();
          for (let i = 1; i <= n; i++) live.add(i);
          for (const d of deletes) if (s.delete(StreamId.of(d, 0))) live.delete(d);
          const before = [...live];
          const removed = s.trim({ strategy: strategy as 'maxlen' | 'minid', maxlen: threshold, minid: StreamId.of(threshold, 0), approx, limit: approx ? limit : 0 });
          const after = contents(s).map((e) => Number(e.split('-')[0]));
          expect(removed).toBe(before.length - after.length);
          expect(after).toEqual(before.slice(before.length - after.length));
          if (!approx) {
            if (strategy === 'maxlen') expect(after.length).toBe(Math.min(before.length, threshold));
            else expect(after).toEqual(before.filter((i) => i >= threshold));
          }
          if (after.length > 0) expect(s.firstId.toString()).toBe(`${after[0]}-0`);
          else expect(s.firstId.isZero()).toBe(true);
        },
      ),
    );
  });

  it('starts a node at stream-node-max-entries, deleted entries included, or at the byte limit', () => {
    const s = new StreamValue();
    const cfg = settings(3, 4096);
    for (let i = 1; i <= 3; i++) s.append(StreamId.of(i, 0), ['f', 'v'], 0, 1, cfg);
    s.delete(StreamId.of(2, 0));
    s.append(StreamId.of(4, 0), ['f', 'v'], 0, 1, cfg);
    expect(s.nodes.map((n) => [n.live, n.deleted])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    const bytes = new StreamValue();
    const small = settings(0, 60);
    for (let i = 1; i <= 6; i++) bytes.append(StreamId.of(i, 0), ['field', 'value'], 0, 1, small);
    // One entry: header and end 7, count, deleted, field count and terminator 2 each, "field" 7,
    // then flags and the two ID deltas 2 each, "value" 7, lp-count 2: 37 bytes. The second adds
    // 15 (52); a third would bring 52 + 10 bytes of strings to the 60-byte limit: a new node.
    expect(bytes.nodes[0]!.lpBytes).toBe(52);
    expect(bytes.nodes.map((n) => n.count)).toEqual([2, 2, 2]);
  });

  it('copies deeply', () => {
    const s = new StreamValue();
    const cfg = settings(2, 4096);
    for (let i = 1; i <= 5; i++) s.append(StreamId.of(i, 0), ['f', String(i)], 0, 1, cfg);
    const g = s.createGroup('g', StreamId.of(2, 0), 2)!;
    const c = g.createConsumer('c', 10);
    const copy = s.clone();
    s.delete(StreamId.of(3, 0));
    c.seenTime = 99;
    g.lastId.copyFrom(StreamId.of(5, 0));
    expect(contents(copy).length).toBe(5);
    expect(copy.group('g')!.lastId.toString()).toBe('2-0');
    expect(copy.group('g')!.consumers.get('c')!.seenTime).toBe(10);
  });
});

describe('listpack sizes', () => {
  it('are those of listpack.c for integers and strings', () => {
    expect([0, 127, 128, -1, 4095, -4096, 4096, 32767, -32769, 8388607, 8388608, 2147483647, 2147483648].map(lpIntSize)).toEqual([
      2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 10,
    ]);
    expect(lpStringSize('12')).toBe(2);
    expect(lpStringSize('-0')).toBe(4);
    expect(lpStringSize('012')).toBe(5);
    expect(lpStringSize('9223372036854775808')).toBe(21);
    expect(lpStringSize('x'.repeat(63))).toBe(65);
    expect(lpStringSize('x'.repeat(64))).toBe(67);
    expect(lpStringSize('x'.repeat(125))).toBe(128);
    expect(lpStringSize('x'.repeat(126))).toBe(130);
    expect(lpStringSize('x'.repeat(4096))).toBe(4103);
  });
});

describe('IdMap', () => {
  it('keeps keys in ID order through inserts and deletes anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2000 })), { maxLength: 1500 }), (ops) => {
        const m = new IdMap<number>();
        const model = new Map<number, number>();
        for (const [add, n] of ops) {
          const k = StreamId.of(n >> 2, n & 3).key();
          if (add) {
            expect(m.set(k, n)).toBe(!model.has(n));
            model.set(n, n);
          } else {
            expect(m.delete(k)).toBe(model.delete(n));
          }
        }
        const want = [...model.keys()].sort((a, b) => a - b).map((n) => StreamId.of(n >> 2, n & 3).key());
        const got: string[] = [];
        const c = m.cursor('');
        for (let k = c.next(); k !== undefined; k = c.next()) got.push(k);
        expect(got).toEqual(want);
        expect(m.size).toBe(want.length);
        expect(m.first()).toBe(want[0]);
        expect(m.last()).toBe(want[want.length - 1]);
        const probe = StreamId.of(250, 1).key();
        expect(m.ceiling(probe)).toBe(want.find((k) => k >= probe));
        const from = m.cursor(probe);
        expect(from.next()).toBe(want.find((k) => k >= probe));
      }),
      { numRuns: 60 },
    );
  });
});

describe('radixTreeNodeCount', () => {
  it('counts the root, keys, branch points and their children', () => {
    expect(radixTreeNodeCount([])).toBe(1);
    expect(radixTreeNodeCount(['abcd'])).toBe(2);
    // Branch after "ab": root (compressed "ab"), branch node, children "abc" and "abx" as leaves.
    expect(radixTreeNodeCount(['abcd', 'abxy'])).toBe(6);
    expect(radixTreeNodeCount(['abcd', 'abce', 'abxy'])).toBe(7);
    expect(radixTreeNodeCount(['aaaa', 'baaa'])).toBe(5);
  });
});
