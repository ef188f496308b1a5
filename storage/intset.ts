// A sorted array of distinct signed 64-bit integers: Redis's intset, the compact encoding of a set
// whose members are all integers.
//
// A member is kept as two numbers, the signed upper 32 bits and the unsigned lower 32 bits, side
// by side in one flat array (8 bytes each as unboxed doubles), so every int64 is exact, a lookup
// is a binary search that allocates nothing, and members print with Redis's decimal text.
// Members arrive as text; callers pass only canonical integers (isCanonicalInt64).

const TWO_32 = 4294967296;
/** Upper halves in [-2^21, 2^21) make values below 2^53 in magnitude: exact as one double. */
const SAFE_HIGH = 2097152;

/** The halves of the last integer read by split (one result pair without an allocation). */
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

function format(high: number, low: number): string {
  if (high >= -SAFE_HIGH && high < SAFE_HIGH) return String(high * TWO_32 + low);
  return ((BigInt(high) << 32n) + BigInt(low)).toString();
}

export class IntSet {
  /** [high0, low0, high1, low1, ...] in ascending order of value. */
  private words: number[] = [];

  get length(): number {
    return this.words.length >> 1;
  }

  /** The member at position i (0 <= i < length), in ascending order. */
  at(i: number): string {
    return format(this.words[2 * i]!, this.words[2 * i + 1]!);
  }

  has(member: string): boolean {
    split(member);
    return this.search(splitHigh, splitLow) >= 0;
  }

  /** Adds a canonical integer; false when it was already there. */
  add(member: string): boolean {
    split(member);
    const found = this.search(splitHigh, splitLow);
    if (found >= 0) return false;
    const at = -found - 1;
    if (at === this.length) this.words.push(splitHigh, splitLow);
    else this.words.splice(2 * at, 0, splitHigh, splitLow);
    return true;
  }

  /** Removes a canonical integer; false when it was not there. */
  remove(member: string): boolean {
    split(member);
    const found = this.search(splitHigh, splitLow);
    if (found < 0) return false;
    this.removeAt(found);
    return true;
  }

  removeAt(i: number): void {
    if (i === this.length - 1) this.words.length -= 2;
    else this.words.splice(2 * i, 2);
  }

  clone(): IntSet {
    const copy = new IntSet();
    copy.words = this.words.slice();
    return copy;
  }

  /** The position of (high, low), or -(insertion point) - 1 when absent. */
  private search(high: number, low: number): number {
    const w = this.words;
    let lo = 0;
    let hi = (w.length >> 1) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const h = w[2 * mid]!;
      const l = w[2 * mid + 1]!;
      if (h < high || (h === high && l < low)) lo = mid + 1;
      else if (h === high && l === low) return mid;
      else hi = mid - 1;
    }
    return -lo - 1;
  }
}
