// A sorted set of distinct signed 64-bit integers: Redis's intset, the compact encoding of a set
// whose members are all integers.
//
// Like Redis's intset, every member takes the same width, 2, 4 or 8 bytes, the narrowest that
// holds the widest member, and the whole set grows to the next width when a member needs it.
// The bytes are the chars of one latin1 string (one string per set: a V8 string costs 16 bytes of
// header, a number array far more per member), each member in offset binary, big-endian, so that
// comparing keys in order compares values. Members arrive as text; callers pass only canonical
// integers (isCanonicalInt64).

import { flat } from './packed-string.js';

const TWO_32 = 4294967296;
/** Upper halves in [-2^21, 2^21) make values below 2^53 in magnitude: exact as one double. */
const SAFE_HIGH = 2097152;

type Width = 2 | 4 | 8;

/** The halves of the last integer read by split, signed high and unsigned low 32 bits. */
let splitHigh = 0;
let splitLow = 0;

/** Reads a canonical integer text into splitHigh/splitLow. */
function split(text: string): void {
  const digits = text.charCodeAt(0) === 45 ? text.length - 1 : text.length;
  if (digits <= 15) {
    const v = Number(text);
    splitHigh = Math.floor(v / TWO_32);
    splitLow = v - splitHigh * TWO_32;
  } else {
    const v = BigInt(text);
    splitHigh = Number(v >> 32n);
    splitLow = Number(v & 0xffffffffn);
  }
}

/** The narrowest width that holds the value (high, low). */
function widthOf(high: number, low: number): Width {
  if (high === 0) return low < 0x8000 ? 2 : low < 0x80000000 ? 4 : 8;
  if (high === -1) return low >= 0xffff8000 ? 2 : low >= 0x80000000 ? 4 : 8;
  return 8;
}

/** The key of (high, low) at a width that holds it: the upper 32 bits of the offset binary value at width 8... */
function keyHigh(high: number): number {
  return (high ^ 0x80000000) >>> 0;
}

/** ...and the whole key at widths 2 and 4, or its lower 32 bits at width 8. */
function keyLow(low: number, width: Width): number {
  if (width === 2) return (low & 0xffff) ^ 0x8000;
  if (width === 4) return (low ^ 0x80000000) >>> 0;
  return low;
}

function encode(high: number, low: number, width: Width): string {
  const k = keyLow(low, width);
  if (width === 2) return String.fromCharCode(k >>> 8, k & 255);
  const lowChars = String.fromCharCode(k >>> 24, (k >>> 16) & 255, (k >>> 8) & 255, k & 255);
  if (width === 4) return lowChars;
  const h = keyHigh(high);
  return String.fromCharCode(h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255) + lowChars;
}

function format(high: number, low: number): string {
  if (high >= -SAFE_HIGH && high < SAFE_HIGH) return String(high * TWO_32 + low);
  return ((BigInt(high) << 32n) + BigInt(low)).toString();
}

export class IntSet {
  /** The members' keys in ascending order, `width` chars each. */
  private packed = '';
  private width: Width = 2;

  get length(): number {
    return this.packed.length / this.width;
  }

  /** The member at position i (0 <= i < length), in ascending order. */
  at(i: number): string {
    const w = this.width;
    const lowKey = this.lowKeyAt(i);
    if (w === 2) return String(lowKey - 0x8000);
    if (w === 4) return String(lowKey - 0x80000000);
    return format((this.highKeyAt(i) ^ 0x80000000) | 0, lowKey);
  }

  has(member: string): boolean {
    split(member);
    return widthOf(splitHigh, splitLow) <= this.width && this.search(splitHigh, splitLow) >= 0;
  }

  /** Adds a canonical integer; false when it was already there. */
  add(member: string): boolean {
    split(member);
    const high = splitHigh;
    const low = splitLow;
    const needed = widthOf(high, low);
    if (needed > this.width) this.widen(needed);
    const found = this.search(high, low);
    if (found >= 0) return false;
    const at = (-found - 1) * this.width;
    const bytes = encode(high, low, this.width);
    const p = this.packed;
    this.packed = flat(at === p.length ? p + bytes : p.slice(0, at) + bytes + p.slice(at));
    return true;
  }

  /** Removes a canonical integer; false when it was not there. */
  remove(member: string): boolean {
    split(member);
    if (widthOf(splitHigh, splitLow) > this.width) return false;
    const found = this.search(splitHigh, splitLow);
    if (found < 0) return false;
    this.removeAt(found);
    return true;
  }

  removeAt(i: number): void {
    const p = this.packed;
    const w = this.width;
    this.packed = flat(p.slice(0, i * w) + p.slice((i + 1) * w));
  }

  clone(): IntSet {
    const copy = new IntSet();
    copy.packed = this.packed;
    copy.width = this.width;
    return copy;
  }

  private lowKeyAt(i: number): number {
    const p = this.packed;
    const w = this.width;
    const at = i * w + w - (w === 2 ? 2 : 4);
    if (w === 2) return (p.charCodeAt(at) << 8) | p.charCodeAt(at + 1);
    return p.charCodeAt(at) * 16777216 + ((p.charCodeAt(at + 1) << 16) | (p.charCodeAt(at + 2) << 8) | p.charCodeAt(at + 3));
  }

  private highKeyAt(i: number): number {
    const p = this.packed;
    const at = i * 8;
    return p.charCodeAt(at) * 16777216 + ((p.charCodeAt(at + 1) << 16) | (p.charCodeAt(at + 2) << 8) | p.charCodeAt(at + 3));
  }

  /** Re-encodes every member at a larger width (Redis's intsetUpgradeAndAdd). */
  private widen(width: Width): void {
    // The old width is 2 or 4: each key is the whole value, offset by half the width's range.
    const offset = this.width === 2 ? 0x8000 : 0x80000000;
    let out = '';
    for (let i = 0; i < this.length; i++) {
      const v = this.lowKeyAt(i) - offset;
      out += encode(v < 0 ? -1 : 0, v >>> 0, width);
    }
    this.packed = flat(out);
    this.width = width;
  }

  /** The position of (high, low), which fits the width, or -(insertion point) - 1 when absent. */
  private search(high: number, low: number): number {
    const w = this.width;
    const wantLow = keyLow(low, w);
    const wantHigh = w === 8 ? keyHigh(high) : 0;
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      let cmp = w === 8 ? this.highKeyAt(mid) - wantHigh : 0;
      if (cmp === 0) cmp = this.lowKeyAt(mid) - wantLow;
      if (cmp < 0) lo = mid + 1;
      else if (cmp > 0) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }
}
