// The hashtable encoding of a large hash, packed: fields are hashed into buckets, and each bucket
// is one latin1 string holding its entries back to back, as a listpack does. A V8 Map costs ~30
// bytes an entry and every string a 16-byte header on top of its text; a bucket pays its header
// once for ~LOAD entries, so a field costs little more than its text and two length chars (a
// million `field:<n>` → `value` pairs take ~35 bytes each in the heap, Redis ~66 in RSS).
//
// Growth is linear hashing: with n buckets and low <= n < 2*low (low a power of two), a field's
// bucket is its hash modulo 2*low, or modulo low when that bucket is past the end (not split yet).
// A write that raises the load past LOAD splits the next bucket in order and a delete that drops
// it below MIN_LOAD merges the last one back, so each operation does bounded work and the table
// never pauses to rehash.
//
// An entry is a head char, the field, the value. The head holds 6 bits of the field's hash (a
// lookup skips most other entries without comparing text) and two flags. A field or value is its
// length code (hash-listpack.ts) and its chars, or, when longer than INLINE_LIMIT, the length code
// of its index in `outside`, where it is kept as a string of its own, so that rewriting a bucket
// copies a bounded number of bytes whatever the values hold.
//
// HSCAN's cursor is Redis's reverse-binary bucket cursor over 2*low virtual buckets (a field's hash
// modulo 2*low); an unsplit bucket holds two of them. Redis's argument carries over: the cursor
// says which low-bit patterns of the hash are done, whatever the table's size at the next call.

import type { RandomSource } from './set.js';
import { encodeLength, lengthEnd, readLength } from './hash-listpack.js';
import { cut, flat, ownedSlice } from './packed-string.js';

/** Average fields per bucket past which a bucket is split. */
const LOAD = 8;
/** Average fields per bucket below which two buckets are merged (a quarter of LOAD: no flapping). */
const MIN_LOAD = 2;
/** Fields and values longer than this are kept as their own strings. */
const INLINE_LIMIT = 64;

const TAG_BITS = 31;
/** Head flags: the value was changed once; the field, the value is kept outside. */
const UPDATED = 32;
const FIELD_OUTSIDE = 64;
const VALUE_OUTSIDE = 128;

/** A 32-bit hash of s[start, end) under a seed: two chars per multiply, then murmur3's finalizer. */
export function hashChars(s: string, start: number, end: number, seed: number): number {
  let h = seed ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8)), 0x5bd1e995);
  if (i < end) h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function tagOf(hash: number): number {
  return (hash >>> 24) & TAG_BITS;
}

/** The bits of a 32-bit number in reverse order (the SCAN cursor's increment runs on these). */
function reverseBits(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return ((v >>> 16) | (v << 16)) >>> 0;
}

/** The cursor after `cursor` when the low bits under `mask` name the bucket visited. */
function nextCursor(cursor: number, mask: number): number {
  return reverseBits((reverseBits((cursor | ~mask) >>> 0) + 1) >>> 0);
}

/** What the last find() saw besides its result (second results without an allocation). */
let walkValue = 0;
let walkEnd = 0;
let walkCount = 0;

export class PackedHashTable {
  private buckets: string[] = [''];
  /** The power of two with low <= buckets.length < 2 * low. */
  private low = 1;
  /** Entries per bucket, and how many buckets hold each count (random picks need the largest). */
  private counts = new Uint32Array(8);
  private histogram: number[] = [1];
  private largest = 0;
  /** Long fields and values, by index; freed slots are '' and listed in `free`. */
  private outside: string[] = [];
  private free: number[] = [];
  size = 0;

  /** `seed` keys the hash (drawn from the entry's randomness, so every node lays out alike). */
  constructor(private readonly seed: number) {}

  get(field: string): string | undefined {
    const h = this.hash(field);
    const bucket = this.buckets[this.bucketOf(h)]!;
    const entry = this.find(bucket, field, h);
    return entry < 0 ? undefined : this.valueFrom(bucket, entry, walkValue);
  }

  has(field: string): boolean {
    const h = this.hash(field);
    return this.find(this.buckets[this.bucketOf(h)]!, field, h) >= 0;
  }

  /** The length of a field's value, 0 when there is no such field. */
  valueLength(field: string): number {
    const h = this.hash(field);
    const bucket = this.buckets[this.bucketOf(h)]!;
    const entry = this.find(bucket, field, h);
    if (entry < 0) return 0;
    const code = readLength(bucket, walkValue);
    return (bucket.charCodeAt(entry) & VALUE_OUTSIDE) === 0 ? code : this.outside[code]!.length;
  }

  /** Sets a field; true when it is new. */
  set(field: string, value: string): boolean {
    const h = this.hash(field);
    const b = this.bucketOf(h);
    const bucket = this.buckets[b]!;
    const entry = this.find(bucket, field, h);
    if (entry < 0) {
      this.buckets[b] = flat(bucket + this.packEntry(h, field, value));
      this.setCount(b, walkCount + 1);
      if (++this.size > this.buckets.length * LOAD) this.split();
      return true;
    }
    const head = bucket.charCodeAt(entry);
    const at = walkValue;
    if ((head & VALUE_OUTSIDE) !== 0) {
      this.outside[readLength(bucket, at)] = value;
      return false;
    }
    // An inline value is rewritten in place once; at its second change, or when too long to
    // inline, it moves outside, where later changes cost no rewrite of the bucket.
    const inline = (head & UPDATED) === 0 && value.length <= INLINE_LIMIT;
    const newHead = String.fromCharCode(inline ? head | UPDATED : head | VALUE_OUTSIDE);
    const valuePart = inline ? encodeLength(value.length) + value : encodeLength(this.keep(value));
    this.buckets[b] = flat(bucket.slice(0, entry) + newHead + bucket.slice(entry + 1, at) + valuePart + bucket.slice(walkEnd));
    return false;
  }

  /** Removes a field; false when there was none. */
  delete(field: string): boolean {
    const h = this.hash(field);
    const b = this.bucketOf(h);
    const bucket = this.buckets[b]!;
    const entry = this.find(bucket, field, h);
    if (entry < 0) return false;
    const end = walkEnd;
    const head = bucket.charCodeAt(entry);
    if ((head & FIELD_OUTSIDE) !== 0) this.release(readLength(bucket, entry + 1));
    if ((head & VALUE_OUTSIDE) !== 0) this.release(readLength(bucket, walkValue));
    this.buckets[b] = cut(bucket, entry, end);
    this.setCount(b, this.counts[b]! - 1);
    if (--this.size < this.buckets.length * MIN_LOAD && this.buckets.length > 1) this.merge();
    return true;
  }

  /**
   * A random field, every field equally likely: a random bucket and a random slot below the
   * largest bucket's count, again until the slot holds an entry (n * largest / size tries on
   * average, ~3 at a steady load). Redis's dictGetFairRandomKey is only roughly uniform.
   */
  randomField(rng: RandomSource): string {
    const n = this.buckets.length;
    for (;;) {
      const b = rng.randomInt(n);
      const slot = rng.randomInt(this.largest);
      if (slot >= this.counts[b]!) continue;
      const bucket = this.buckets[b]!;
      let entry = 0;
      for (let i = 0; i < slot; i++) entry = this.entryEnd(bucket, entry);
      return this.fieldAt(bucket, entry);
    }
  }

  /** Every field and/or value, bucket by bucket, into `out`. */
  collect(wantFields: boolean, wantValues: boolean, out: string[]): string[] {
    for (const bucket of this.buckets) this.unpack(bucket, wantFields, wantValues, -1, 0, out);
    return out;
  }

  /**
   * Redis's HSCAN loop (dictScan until COUNT fields or 10*COUNT buckets): appends [field, value]
   * pairs to `out` and returns the cursor to continue from, 0 at the end.
   */
  scan(cursor: number, count: number, out: string[]): number {
    let steps = count * 10;
    const wanted = count * 2;
    cursor = cursor >>> 0;
    do {
      cursor = this.scanStep(cursor, out);
    } while (cursor !== 0 && steps-- > 0 && out.length < wanted);
    return cursor;
  }

  clone(): PackedHashTable {
    const copy = new PackedHashTable(this.seed);
    copy.buckets = this.buckets.slice();
    copy.low = this.low;
    copy.counts = this.counts.slice();
    copy.histogram = this.histogram.slice();
    copy.largest = this.largest;
    copy.outside = this.outside.slice();
    copy.free = this.free.slice();
    copy.size = this.size;
    return copy;
  }

  private hash(field: string): number {
    return hashChars(field, 0, field.length, this.seed);
  }

  private bucketOf(h: number): number {
    const b = h & (2 * this.low - 1);
    return b < this.buckets.length ? b : b - this.low;
  }

  /**
   * The entry's position in the bucket, or -1. Found, `walkValue` is where its value's code starts
   * and `walkEnd` where it ends; not found, `walkCount` is the bucket's entry count.
   */
  private find(bucket: string, field: string, h: number): number {
    const end = bucket.length;
    const tag = tagOf(h);
    const length = field.length;
    let count = 0;
    let pos = 0;
    while (pos < end) {
      const head = bucket.charCodeAt(pos);
      // Lengths below 128 are one char: read inline, the longer ones by readLength.
      let at = pos + 1;
      let code = bucket.charCodeAt(at++);
      if (code >= 128) {
        code = readLength(bucket, at - 1);
        at = lengthEnd;
      }
      const outside = (head & FIELD_OUTSIDE) !== 0;
      const match = (head & TAG_BITS) === tag && (outside ? this.outside[code] === field : code === length && bucket.indexOf(field, at) === at);
      if (!outside) at += code;
      const valueStart = at;
      code = bucket.charCodeAt(at++);
      if (code >= 128) {
        code = readLength(bucket, at - 1);
        at = lengthEnd;
      }
      if ((head & VALUE_OUTSIDE) === 0) at += code;
      if (match) {
        walkValue = valueStart;
        walkEnd = at;
        return pos;
      }
      pos = at;
      count++;
    }
    walkCount = count;
    return -1;
  }

  /** Where the value's code of the entry at `entry` starts. */
  private valueStart(bucket: string, entry: number): number {
    const code = readLength(bucket, entry + 1);
    return (bucket.charCodeAt(entry) & FIELD_OUTSIDE) === 0 ? lengthEnd + code : lengthEnd;
  }

  private entryEnd(bucket: string, entry: number): number {
    const code = readLength(bucket, this.valueStart(bucket, entry));
    return (bucket.charCodeAt(entry) & VALUE_OUTSIDE) === 0 ? lengthEnd + code : lengthEnd;
  }

  private fieldAt(bucket: string, entry: number): string {
    const code = readLength(bucket, entry + 1);
    return (bucket.charCodeAt(entry) & FIELD_OUTSIDE) === 0 ? bucket.slice(lengthEnd, lengthEnd + code) : this.outside[code]!;
  }

  private valueAt(bucket: string, entry: number): string {
    return this.valueFrom(bucket, entry, this.valueStart(bucket, entry));
  }

  /** The value of the entry at `entry`, whose code starts at `at`. */
  private valueFrom(bucket: string, entry: number, at: number): string {
    const code = readLength(bucket, at);
    return (bucket.charCodeAt(entry) & VALUE_OUTSIDE) === 0 ? bucket.slice(lengthEnd, lengthEnd + code) : this.outside[code]!;
  }

  /** The field's hash, from the entry's text or its outside string. */
  private hashAt(bucket: string, entry: number): number {
    const code = readLength(bucket, entry + 1);
    if ((bucket.charCodeAt(entry) & FIELD_OUTSIDE) !== 0) return this.hash(this.outside[code]!);
    return hashChars(bucket, lengthEnd, lengthEnd + code, this.seed);
  }

  /**
   * Appends the bucket's fields and/or values to `out`; with a mask, only the entries whose hash
   * has `virtual` under it.
   */
  private unpack(bucket: string, wantFields: boolean, wantValues: boolean, mask: number, virtual: number, out: string[]): void {
    const end = bucket.length;
    for (let entry = 0; entry < end; entry = this.entryEnd(bucket, entry)) {
      if (mask >= 0 && (this.hashAt(bucket, entry) & mask) !== virtual) continue;
      if (wantFields) out.push(this.fieldAt(bucket, entry));
      if (wantValues) out.push(this.valueAt(bucket, entry));
    }
  }

  private packEntry(h: number, field: string, value: string): string {
    let head = tagOf(h);
    let fieldPart: string;
    let valuePart: string;
    if (field.length > INLINE_LIMIT) {
      head |= FIELD_OUTSIDE;
      fieldPart = encodeLength(this.keep(field));
    } else {
      fieldPart = encodeLength(field.length) + field;
    }
    if (value.length > INLINE_LIMIT) {
      head |= VALUE_OUTSIDE;
      valuePart = encodeLength(this.keep(value));
    } else {
      valuePart = encodeLength(value.length) + value;
    }
    return String.fromCharCode(head) + fieldPart + valuePart;
  }

  /** Keeps a long string outside the buckets; its index. */
  private keep(s: string): number {
    const slot = this.free.pop();
    if (slot === undefined) return this.outside.push(s) - 1;
    this.outside[slot] = s;
    return slot;
  }

  private release(slot: number): void {
    this.outside[slot] = '';
    this.free.push(slot);
    if (this.free.length === this.outside.length) {
      this.outside = [];
      this.free = [];
    }
  }

  private setCount(b: number, count: number): void {
    const histogram = this.histogram;
    histogram[this.counts[b]!]!--;
    this.counts[b] = count;
    while (histogram.length <= count) histogram.push(0);
    histogram[count]!++;
    if (count > this.largest) this.largest = count;
    while (this.largest > 0 && histogram[this.largest] === 0) this.largest--;
  }

  /** Splits bucket n - low into itself and a new bucket n, by the hash bit `low`. */
  private split(): void {
    const n = this.buckets.length;
    const low = this.low;
    const source = n - low;
    const bucket = this.buckets[source]!;
    let stay = '';
    let move = '';
    let moved = 0;
    const end = bucket.length;
    for (let entry = 0; entry < end; ) {
      const next = this.entryEnd(bucket, entry);
      if ((this.hashAt(bucket, entry) & low) === 0) stay += bucket.slice(entry, next);
      else {
        move += bucket.slice(entry, next);
        moved++;
      }
      entry = next;
    }
    const total = this.counts[source]!;
    // A part made of one entry is a slice of the old bucket: copied, not kept as a view of it.
    this.buckets[source] = total - moved === 1 ? ownedSlice(stay, 0, stay.length) : flat(stay);
    this.buckets.push(moved === 1 ? ownedSlice(move, 0, move.length) : flat(move));
    if (n >= this.counts.length) {
      const grown = new Uint32Array(2 * n);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.histogram[0]!++;
    this.setCount(source, total - moved);
    this.setCount(n, moved);
    if (n + 1 === 2 * low) this.low = 2 * low;
  }

  /** Merges the last bucket into the one it was split from. */
  private merge(): void {
    const n = this.buckets.length;
    if (n === this.low) this.low /= 2;
    const last = n - 1;
    const target = last - this.low;
    const moved = this.counts[last]!;
    this.buckets[target] = flat(this.buckets[target]! + this.buckets.pop()!);
    this.setCount(last, 0);
    this.histogram[0]!--;
    this.setCount(target, this.counts[target]! + moved);
    if (4 * last < this.counts.length && this.counts.length > 8) this.counts = this.counts.slice(0, 2 * last);
  }

  /** Visits the virtual bucket under the cursor (both of an unsplit bucket when the cursor is at its first). */
  private scanStep(cursor: number, out: string[]): number {
    const low = this.low;
    const mask = 2 * low - 1;
    const n = this.buckets.length;
    const virtual = cursor & mask;
    if (virtual >= n) {
      // The second half of an unsplit bucket: only its entries whose hash ends in `virtual`.
      this.unpack(this.buckets[virtual - low]!, true, true, mask, virtual, out);
      return nextCursor(cursor, mask);
    }
    this.unpack(this.buckets[virtual]!, true, true, -1, 0, out);
    const unsplit = virtual < low && virtual + low >= n;
    return nextCursor(cursor, unsplit ? low - 1 : mask);
  }
}
