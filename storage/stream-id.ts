// Stream entry IDs, `<ms>-<seq>`: two unsigned 64-bit numbers compared as a pair (Redis's
// streamID). A JS number is exact only up to 2^53 and IDs go up to 2^64-1, so each half is held
// as two unsigned 32-bit numbers; arithmetic on them is exact, and BigInt is used only to print
// or read a half that does not fit in 53 bits.

const TWO_32 = 4294967296;
/** Halves whose high word is below this print through a plain number (< 2^53). */
const SAFE_HI = 0x200000;

export class StreamId {
  constructor(
    public msHi = 0,
    public msLo = 0,
    public seqHi = 0,
    public seqLo = 0,
  ) {}

  static max(): StreamId {
    return new StreamId(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
  }

  /** An ID from numbers below 2^53 (milliseconds and sequence as Redis prints them). */
  static of(ms: number, seq: number): StreamId {
    return new StreamId(Math.floor(ms / TWO_32), ms >>> 0, Math.floor(seq / TWO_32), seq >>> 0);
  }

  clone(): StreamId {
    return new StreamId(this.msHi, this.msLo, this.seqHi, this.seqLo);
  }

  copyFrom(o: StreamId): this {
    this.msHi = o.msHi;
    this.msLo = o.msLo;
    this.seqHi = o.seqHi;
    this.seqLo = o.seqLo;
    return this;
  }

  setZero(): this {
    this.msHi = this.msLo = this.seqHi = this.seqLo = 0;
    return this;
  }

  setMax(): this {
    this.msHi = this.msLo = this.seqHi = this.seqLo = 0xffffffff;
    return this;
  }

  isZero(): boolean {
    return this.msLo === 0 && this.seqLo === 0 && this.msHi === 0 && this.seqHi === 0;
  }

  isMax(): boolean {
    return this.msHi === 0xffffffff && this.msLo === 0xffffffff && this.seqHi === 0xffffffff && this.seqLo === 0xffffffff;
  }

  /** -1, 0 or 1 as this ID is below, equal to or above `o` (streamCompareID). */
  compare(o: StreamId): number {
    if (this.msHi !== o.msHi) return this.msHi < o.msHi ? -1 : 1;
    if (this.msLo !== o.msLo) return this.msLo < o.msLo ? -1 : 1;
    if (this.seqHi !== o.seqHi) return this.seqHi < o.seqHi ? -1 : 1;
    if (this.seqLo !== o.seqLo) return this.seqLo < o.seqLo ? -1 : 1;
    return 0;
  }

  equals(o: StreamId): boolean {
    return this.msLo === o.msLo && this.seqLo === o.seqLo && this.msHi === o.msHi && this.seqHi === o.seqHi;
  }

  /** The next ID (streamIncrID); false, leaving the ID unchanged, at the largest one. */
  increment(): boolean {
    if (this.seqLo !== 0xffffffff) {
      this.seqLo++;
      return true;
    }
    if (this.seqHi !== 0xffffffff) {
      this.seqHi++;
      this.seqLo = 0;
      return true;
    }
    if (this.msLo !== 0xffffffff) this.msLo++;
    else if (this.msHi !== 0xffffffff) {
      this.msHi++;
      this.msLo = 0;
    } else return false;
    this.seqHi = this.seqLo = 0;
    return true;
  }

  /** The previous ID (streamDecrID); false, leaving the ID unchanged, at 0-0. */
  decrement(): boolean {
    if (this.seqLo !== 0) {
      this.seqLo--;
      return true;
    }
    if (this.seqHi !== 0) {
      this.seqHi--;
      this.seqLo = 0xffffffff;
      return true;
    }
    if (this.msLo !== 0) this.msLo--;
    else if (this.msHi !== 0) {
      this.msHi--;
      this.msLo = 0xffffffff;
    } else return false;
    this.seqHi = this.seqLo = 0xffffffff;
    return true;
  }

  /** Redis's text, `<ms>-<seq>`. */
  toString(): string {
    return `${u64ToString(this.msHi, this.msLo)}-${u64ToString(this.seqHi, this.seqLo)}`;
  }

  /**
   * The ID as an 8-unit string whose code units are its 16-bit words, most significant first:
   * comparing two keys as strings compares the IDs, so keys order and index pending entries.
   */
  key(): string {
    return String.fromCharCode(
      this.msHi >>> 16,
      this.msHi & 0xffff,
      this.msLo >>> 16,
      this.msLo & 0xffff,
      this.seqHi >>> 16,
      this.seqHi & 0xffff,
      this.seqLo >>> 16,
      this.seqLo & 0xffff,
    );
  }

  /** Reads back an ID written by key(). */
  setFromKey(k: string): this {
    this.msHi = ((k.charCodeAt(0) << 16) | k.charCodeAt(1)) >>> 0;
    this.msLo = ((k.charCodeAt(2) << 16) | k.charCodeAt(3)) >>> 0;
    this.seqHi = ((k.charCodeAt(4) << 16) | k.charCodeAt(5)) >>> 0;
    this.seqLo = ((k.charCodeAt(6) << 16) | k.charCodeAt(7)) >>> 0;
    return this;
  }

  /** The ID as 16 big-endian bytes, one latin1 character each (Redis's radix tree key). */
  bytes(): string {
    return wordBytes(this.msHi) + wordBytes(this.msLo) + wordBytes(this.seqHi) + wordBytes(this.seqLo);
  }
}

function wordBytes(w: number): string {
  return String.fromCharCode(w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff);
}

/** The decimal text of the unsigned 64-bit number hi * 2^32 + lo. */
export function u64ToString(hi: number, lo: number): string {
  if (hi === 0) return String(lo);
  if (hi < SAFE_HI) return String(hi * TWO_32 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}
