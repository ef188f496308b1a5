// One node of a stream: a run of consecutive entries packed into one buffer, as Redis packs them
// into one listpack under a key of its radix tree (t_stream.c).
//
// Like Redis's "master entry", a node keeps the field names of its first entry once; a later
// entry with exactly those fields stores only its values. IDs are stored as the milliseconds'
// distance from the node's first ID and the sequence, as LEB128 varints, so an entry of two
// small fields added with `*` takes about ten bytes plus its offset.
//
// Entry layout: flags byte | ms delta | seq | (field count, then field/value pairs) or (values).
// Strings are a varint length and their bytes. Deleting an entry only flags it, as in Redis, so a
// node's layout (and with it where Redis would start the next node) follows Redis's own.
//
// A node also tracks the size in bytes Redis's listpack would have (lpBytes): Redis starts a new
// node when the tail one reaches stream-node-max-bytes, and MAXLEN ~ trims whole nodes only, so
// the lengths Redis reports after approximate trimming depend on it.

import type { StreamId } from './stream-id.js';
import { isCanonicalInt64 } from './value.js';

export const ENTRY_DELETED = 1;
export const ENTRY_SAMEFIELDS = 2;

const TWO_32 = 4294967296;
const INITIAL_BYTES = 64;
const INITIAL_ENTRIES = 8;

type Latin1Buffer = Buffer & {
  latin1Write(s: string, offset: number): number;
  latin1Slice(start: number, end: number): string;
};

/** Where a varint read left its value (module scope: reads allocate nothing). */
let readHi = 0;
let readLo = 0;

function putVar(b: Buffer, p: number, n: number): number {
  while (n > 0x7f) {
    b[p++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  b[p++] = n;
  return p;
}

function putVarU64(b: Buffer, p: number, hi: number, lo: number): number {
  while (hi !== 0 || lo > 0x7f) {
    b[p++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | ((hi & 0x7f) << 25)) >>> 0;
    hi >>>= 7;
  }
  b[p++] = lo;
  return p;
}

/** Reads a varint of up to 64 bits into readHi/readLo; returns the position after it. */
function getVarU64(b: Buffer, p: number): number {
  let byte = b[p++]!;
  if (byte < 0x80) {
    readHi = 0;
    readLo = byte;
    return p;
  }
  let lo = byte & 0x7f;
  let hi = 0;
  let shift = 7;
  do {
    byte = b[p++]!;
    const bits = byte & 0x7f;
    if (shift < 32) {
      lo |= bits << shift;
      if (shift > 25) hi |= bits >>> (32 - shift);
    } else {
      hi |= bits << (shift - 32);
    }
    shift += 7;
  } while (byte >= 0x80);
  readHi = hi >>> 0;
  readLo = lo >>> 0;
  return p;
}

/** Reads a varint below 2^32 into readLo. */
function getVar(b: Buffer, p: number): number {
  let byte = b[p++]!;
  if (byte < 0x80) {
    readLo = byte;
    return p;
  }
  let n = byte & 0x7f;
  let shift = 7;
  do {
    byte = b[p++]!;
    n += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte >= 0x80);
  readLo = n;
  return p;
}

function putString(b: Latin1Buffer, p: number, s: string): number {
  const n = s.length;
  p = putVar(b, p, n);
  if (n < 16) {
    for (let i = 0; i < n; i++) b[p + i] = s.charCodeAt(i);
    return p + n;
  }
  return p + b.latin1Write(s, p);
}

// ---------------------------------------------------------------------------------------------
// Sizes of Redis's listpack elements (listpack.c): integer or string encoding plus back-length.

/** An element holding the integer v (a safe JS integer, or any value whose size is 10). */
export function lpIntSize(v: number): number {
  if (v >= 0 && v <= 127) return 2;
  if (v >= -4096 && v <= 4095) return 3;
  if (v >= -32768 && v <= 32767) return 4;
  if (v >= -8388608 && v <= 8388607) return 5;
  if (v >= -2147483648 && v <= 2147483647) return 6;
  return 10;
}

/** An element holding a 64-bit difference hi:lo, written as the int64 lpAppendInteger reads. */
function lpInt64Size(hi: number, lo: number): number {
  if (hi === 0) return lpIntSize(lo);
  if (hi === 0xffffffff && lo >= 0x80000000) return lpIntSize(lo - TWO_32);
  return 10;
}

function backlenSize(l: number): number {
  return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}

/** An element holding the string s: listpacks store canonical integers as integers. */
export function lpStringSize(s: string): number {
  const n = s.length;
  if (n <= 20 && isCanonicalInt64(s)) return lpIntSize(Number(s));
  const enc = n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n;
  return enc + backlenSize(enc);
}

/** Header (total bytes, element count) and end byte of an empty listpack. */
const LP_EMPTY = 7;

// ---------------------------------------------------------------------------------------------

export class StreamNode {
  /** Live (not deleted) entries, and entries flagged deleted that stay in the buffer. */
  live = 0;
  deleted = 0;
  /** Entries in the buffer, deleted ones included. */
  count = 0;
  /** The size of the listpack Redis would hold for this node. */
  lpBytes: number;
  private buf: Latin1Buffer;
  private used = 0;
  /** Start of each entry in buf. */
  private offsets: Uint32Array;

  /** A node whose first entry will be `master` with the fields at argv[from], argv[from+2], ... */
  constructor(
    /** The ID of the node's first entry (Redis's radix tree key for the node). */
    readonly master: StreamId,
    readonly masterFields: readonly string[],
    capacity = INITIAL_BYTES,
    entries = INITIAL_ENTRIES,
  ) {
    this.buf = Buffer.allocUnsafeSlow(capacity) as Latin1Buffer;
    this.offsets = new Uint32Array(entries);
    let bytes = LP_EMPTY + lpIntSize(0) + lpIntSize(0) + lpIntSize(masterFields.length) + lpIntSize(0);
    for (const f of masterFields) bytes += lpStringSize(f);
    this.lpBytes = bytes;
  }

  /** True when an entry with these fields (argv[from], argv[from+2], ...) needs no field names. */
  sameFields(argv: readonly string[], from: number, nfields: number): boolean {
    const master = this.masterFields;
    if (master.length !== nfields) return false;
    for (let i = 0; i < nfields; i++) if (master[i] !== argv[from + 2 * i]) return false;
    return true;
  }

  /**
   * Appends an entry whose fields and values are argv[from..from+2*nfields). `valueBytes` is the
   * listpack size of its fields and values: the values' sizes, plus the fields' when `same` is
   * false (the caller computes it once for the new-node decision too).
   */
  append(id: StreamId, argv: readonly string[], from: number, nfields: number, same: boolean, lpEntryBytes: number): void {
    let need = 1 + 10 + 10 + 5;
    for (let i = same ? 1 : 0; i < 2 * nfields; i += same ? 2 : 1) need += 5 + argv[from + i]!.length;
    if (this.used + need > this.buf.length) this.growBuffer(this.used + need);
    if (this.count === this.offsets.length) this.growOffsets();
    const b = this.buf;
    let p = this.used;
    this.offsets[this.count] = p;
    b[p++] = same ? ENTRY_SAMEFIELDS : 0;
    // ms - master.ms, as an unsigned 64-bit difference (entries of a node never precede its first).
    let lo = id.msLo - this.master.msLo;
    let hi = id.msHi - this.master.msHi;
    if (lo < 0) {
      lo += TWO_32;
      hi--;
    }
    p = putVarU64(b, p, hi, lo);
    p = putVarU64(b, p, id.seqHi, id.seqLo);
    if (same) {
      for (let i = 1; i < 2 * nfields; i += 2) p = putString(b, p, argv[from + i]!);
    } else {
      p = putVar(b, p, nfields);
      for (let i = 0; i < 2 * nfields; i++) p = putString(b, p, argv[from + i]!);
    }
    this.used = p;
    this.count++;
    // Redis: the count in the master entry becomes live+1, then flags, ID deltas, the entry, lp-count.
    this.lpBytes += lpIntSize(this.live + 1) - lpIntSize(this.live);
    this.live++;
    this.lpBytes += lpEntryBytes + this.idDeltaBytes(id) + 2 + lpIntSize(same ? nfields + 3 : 2 * nfields + 4) + (same ? 0 : lpIntSize(nfields));
  }

  /** Listpack bytes of an entry's ms and seq differences from the node's first ID. */
  private idDeltaBytes(id: StreamId): number {
    const m = this.master;
    let lo = id.msLo - m.msLo;
    let hi = id.msHi - m.msHi;
    if (lo < 0) {
      lo += TWO_32;
      hi--;
    }
    let size = lpInt64Size(hi >>> 0, lo);
    lo = id.seqLo - m.seqLo;
    hi = id.seqHi - m.seqHi;
    if (lo < 0) {
      lo += TWO_32;
      hi--;
    }
    size += lpInt64Size(hi >>> 0, lo);
    return size;
  }

  isDeleted(i: number): boolean {
    return (this.buf[this.offsets[i]!]! & ENTRY_DELETED) !== 0;
  }

  /** Writes the ID of entry i (deleted or not) into `out`. */
  readId(i: number, out: StreamId): StreamId {
    const b = this.buf;
    let p = getVarU64(b, this.offsets[i]! + 1);
    let lo = this.master.msLo + readLo;
    let hi = this.master.msHi + readHi;
    if (lo >= TWO_32) {
      lo -= TWO_32;
      hi++;
    }
    out.msHi = hi >>> 0;
    out.msLo = lo;
    p = getVarU64(b, p);
    out.seqHi = readHi;
    out.seqLo = readLo;
    return out;
  }

  /** -1, 0 or 1 as entry i's ID is below, equal to or above `id`. */
  compareAt(i: number, id: StreamId, scratch: StreamId): number {
    return this.readId(i, scratch).compare(id);
  }

  /** The index of the first entry (deleted or not) whose ID is >= id; count when none. */
  lowerBound(id: StreamId, scratch: StreamId): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, id, scratch) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of the last entry (deleted or not) whose ID is <= id; -1 when none. */
  upperBound(id: StreamId, scratch: StreamId): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, id, scratch) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Number of field-value pairs of entry i. */
  fieldCount(i: number): number {
    const b = this.buf;
    const p = this.offsets[i]!;
    if ((b[p]! & ENTRY_SAMEFIELDS) !== 0) return this.masterFields.length;
    getVar(b, getVarU64(b, getVarU64(b, p + 1)));
    return readLo;
  }

  /** Appends entry i's fields and values, alternately, to `out`. */
  readFields(i: number, out: string[]): void {
    const b = this.buf;
    let p = this.offsets[i]!;
    const same = (b[p]! & ENTRY_SAMEFIELDS) !== 0;
    p = getVarU64(b, getVarU64(b, p + 1));
    if (same) {
      const fields = this.masterFields;
      for (let k = 0; k < fields.length; k++) {
        out.push(fields[k]!);
        p = getVar(b, p);
        out.push(b.latin1Slice(p, p + readLo));
        p += readLo;
      }
      return;
    }
    p = getVar(b, p);
    const n = 2 * readLo;
    for (let k = 0; k < n; k++) {
      p = getVar(b, p);
      out.push(b.latin1Slice(p, p + readLo));
      p += readLo;
    }
  }

  /** Flags entry i deleted and updates the node's counts (the caller drops an emptied node). */
  markDeleted(i: number): void {
    this.buf[this.offsets[i]!]! |= ENTRY_DELETED;
    this.lpBytes += lpIntSize(this.live - 1) - lpIntSize(this.live) + lpIntSize(this.deleted + 1) - lpIntSize(this.deleted);
    this.live--;
    this.deleted++;
  }

  /** Frees the spare room left for appends, once the node is no longer the tail (lpShrinkToFit). */
  shrinkToFit(): void {
    if (this.buf.length > this.used) {
      const b = Buffer.allocUnsafeSlow(this.used) as Latin1Buffer;
      this.buf.copy(b, 0, 0, this.used);
      this.buf = b;
    }
    if (this.offsets.length > this.count) this.offsets = this.offsets.slice(0, this.count);
  }

  clone(): StreamNode {
    const n = new StreamNode(this.master.clone(), this.masterFields, Math.max(1, this.used), Math.max(1, this.count));
    this.buf.copy(n.buf, 0, 0, this.used);
    n.offsets.set(this.offsets.subarray(0, this.count));
    n.used = this.used;
    n.count = this.count;
    n.live = this.live;
    n.deleted = this.deleted;
    n.lpBytes = this.lpBytes;
    return n;
  }

  private growBuffer(need: number): void {
    const b = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2)) as Latin1Buffer;
    this.buf.copy(b, 0, 0, this.used);
    this.buf = b;
  }

  private growOffsets(): void {
    const o = new Uint32Array(this.offsets.length * 2);
    o.set(this.offsets);
    this.offsets = o;
  }
}

/** Listpack bytes of an entry's strings: its values, and its field names unless `same`. */
export function lpEntryStringBytes(argv: readonly string[], from: number, nfields: number, same: boolean): number {
  let n = 0;
  for (let i = same ? 1 : 0; i < 2 * nfields; i += same ? 2 : 1) n += lpStringSize(argv[from + i]!);
  return n;
}
