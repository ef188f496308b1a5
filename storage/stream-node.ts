// One node of a stream: a run of consecutive entries packed into one byte string, as Redis packs
// them into one listpack under a key of its radix tree (t_stream.c).
//
// Like Redis's "master entry", a node keeps the field names of its first entry once; a later
// entry with exactly those fields stores only its values. IDs are stored as the milliseconds'
// distance from the node's first ID and the sequence, as LEB128 varints, so an entry of two
// small fields added with `*` takes about ten bytes.
//
// Entry layout: flags byte | ms delta | seq | (field count, then field/value pairs) or (values).
// Strings are a varint length and their bytes. Entries are found by walking the node from its
// start, as Redis walks a listpack; deleting an entry only flags it, as in Redis, so a node's
// layout (and with it where Redis would start the next node) follows Redis's own.
//
// Storage: the tail node, which takes the appends, fills a growable buffer; a node that is no
// longer the tail becomes a one-byte JS string (16 bytes of header, on the V8 heap, where the
// collector compacts it), which is what most of a large stream is.
//
// A node also tracks the size in bytes Redis's listpack would have (lpBytes): Redis starts a new
// node when the tail one reaches stream-node-max-bytes, and MAXLEN ~ trims whole nodes only, so
// the lengths Redis reports after approximate trimming depend on it.

import type { StreamId } from './stream-id.js';
import { isCanonicalInt64 } from './value.js';

export const ENTRY_DELETED = 1;
export const ENTRY_SAMEFIELDS = 2;

const TWO_32 = 4294967296;
const INITIAL_BYTES = 256;

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
function getVarU64(s: string, p: number): number {
  let byte = s.charCodeAt(p++);
  if (byte < 0x80) {
    readHi = 0;
    readLo = byte;
    return p;
  }
  let lo = byte & 0x7f;
  let hi = 0;
  let shift = 7;
  do {
    byte = s.charCodeAt(p++);
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
function getVar(s: string, p: number): number {
  let byte = s.charCodeAt(p++);
  if (byte < 0x80) {
    readLo = byte;
    return p;
  }
  let n = byte & 0x7f;
  let shift = 7;
  do {
    byte = s.charCodeAt(p++);
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

/** Used to rewrite a byte of an immutable node string. */
let scratch = Buffer.allocUnsafe(4096) as Latin1Buffer;

function withByte(s: string, p: number, value: number): string {
  if (scratch.length < s.length) scratch = Buffer.allocUnsafe(s.length * 2) as Latin1Buffer;
  scratch.latin1Write(s, 0);
  scratch[p] = value;
  return scratch.latin1Slice(0, s.length);
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

/** Listpack bytes of an entry's strings: its values, and its field names unless `same`. */
export function lpEntryStringBytes(argv: readonly string[], from: number, nfields: number, same: boolean): number {
  let n = 0;
  for (let i = same ? 1 : 0; i < 2 * nfields; i += same ? 2 : 1) n += lpStringSize(argv[from + i]!);
  return n;
}

/** Header (total bytes, element count) and end byte of an empty listpack. */
const LP_EMPTY = 7;

// ---------------------------------------------------------------------------------------------

/**
 * Entries are addressed by their position (byte offset) in the node: 0 is the first, `size`
 * is past the last, and next() moves from one to the following.
 */
export class StreamNode {
  /** Live (not deleted) entries, and entries flagged deleted that stay in the node. */
  live = 0;
  deleted = 0;
  /** The size of the listpack Redis would hold for this node. */
  lpBytes: number;
  /** Bytes of entries. */
  size = 0;
  /** Position of the last entry (deleted or not). */
  lastPos = 0;
  /** The entries as a string: the whole payload once closed, a copy of the buffer while open. */
  private data = '';
  /** The tail node's growable payload; null once closed. */
  private buf: Latin1Buffer | null;
  /** False when the open node's buffer changed since `data` was copied from it. */
  private dataFresh = true;

  constructor(
    /** The ID of the node's first entry (Redis's radix tree key for the node). */
    readonly master: StreamId,
    readonly masterFields: readonly string[],
  ) {
    this.buf = Buffer.allocUnsafeSlow(INITIAL_BYTES) as Latin1Buffer;
    let bytes = LP_EMPTY + lpIntSize(0) + lpIntSize(0) + lpIntSize(masterFields.length) + lpIntSize(0);
    for (const f of masterFields) bytes += lpStringSize(f);
    this.lpBytes = bytes;
  }

  /** Entries in the node, deleted ones included. */
  get count(): number {
    return this.live + this.deleted;
  }

  /** The payload to read from. */
  private text(): string {
    if (!this.dataFresh) {
      this.data = this.buf!.latin1Slice(0, this.size);
      this.dataFresh = true;
    }
    return this.data;
  }

  /** True when an entry with these fields (argv[from], argv[from+2], ...) needs no field names. */
  sameFields(argv: readonly string[], from: number, nfields: number): boolean {
    const master = this.masterFields;
    if (master.length !== nfields) return false;
    for (let i = 0; i < nfields; i++) if (master[i] !== argv[from + 2 * i]) return false;
    return true;
  }

  /**
   * Appends an entry whose fields and values are argv[from..from+2*nfields); `same` when it has
   * the node's field names (they are then not stored), `lpEntryBytes` the listpack size of its
   * strings (lpEntryStringBytes).
   */
  append(id: StreamId, argv: readonly string[], from: number, nfields: number, same: boolean, lpEntryBytes: number): void {
    let need = 1 + 10 + 10 + 5;
    for (let i = same ? 1 : 0; i < 2 * nfields; i += same ? 2 : 1) need += 5 + argv[from + i]!.length;
    let b = this.buf!;
    if (this.size + need > b.length) b = this.grow(this.size + need);
    let p = this.size;
    this.lastPos = p;
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
    this.size = p;
    this.dataFresh = false;
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

  isDeleted(pos: number): boolean {
    return (this.flagsAt(pos) & ENTRY_DELETED) !== 0;
  }

  private flagsAt(pos: number): number {
    return this.buf !== null ? this.buf[pos]! : this.data.charCodeAt(pos);
  }

  /** Writes the ID of the entry at pos (deleted or not) into `out`. */
  readId(pos: number, out: StreamId): StreamId {
    const s = this.text();
    let p = getVarU64(s, pos + 1);
    let lo = this.master.msLo + readLo;
    let hi = this.master.msHi + readHi;
    if (lo >= TWO_32) {
      lo -= TWO_32;
      hi++;
    }
    out.msHi = hi >>> 0;
    out.msLo = lo;
    p = getVarU64(s, p);
    out.seqHi = readHi;
    out.seqLo = readLo;
    return out;
  }

  /** The position of the entry after the one at pos (`size` after the last). */
  next(pos: number): number {
    const s = this.text();
    const same = (s.charCodeAt(pos) & ENTRY_SAMEFIELDS) !== 0;
    let p = getVarU64(s, getVarU64(s, pos + 1));
    let strings = this.masterFields.length;
    if (!same) {
      p = getVar(s, p);
      strings = 2 * readLo;
    }
    for (let k = 0; k < strings; k++) {
      p = getVar(s, p);
      p += readLo;
    }
    return p;
  }

  /** The position of the first entry (deleted or not) whose ID is >= id; `size` when none. */
  lowerBound(id: StreamId, scratchId: StreamId): number {
    if (this.readId(this.lastPos, scratchId).compare(id) < 0) return this.size;
    let pos = 0;
    while (this.readId(pos, scratchId).compare(id) < 0) pos = this.next(pos);
    return pos;
  }

  /** Appends the positions of every entry to `out` (for walking the node backwards). */
  positions(out: number[]): void {
    for (let pos = 0; pos < this.size; pos = this.next(pos)) out.push(pos);
  }

  /** Appends the fields and values of the entry at pos, alternately, to `out`. */
  readFields(pos: number, out: string[]): void {
    const s = this.text();
    const same = (s.charCodeAt(pos) & ENTRY_SAMEFIELDS) !== 0;
    let p = getVarU64(s, getVarU64(s, pos + 1));
    if (same) {
      const fields = this.masterFields;
      for (let k = 0; k < fields.length; k++) {
        out.push(fields[k]!);
        p = getVar(s, p);
        out.push(s.slice(p, p + readLo));
        p += readLo;
      }
      return;
    }
    p = getVar(s, p);
    const n = 2 * readLo;
    for (let k = 0; k < n; k++) {
      p = getVar(s, p);
      out.push(s.slice(p, p + readLo));
      p += readLo;
    }
  }

  /** Flags the entry at pos deleted and updates the counts (the caller drops an emptied node). */
  markDeleted(pos: number): void {
    const flags = this.flagsAt(pos) | ENTRY_DELETED;
    if (this.buf !== null) {
      this.buf[pos] = flags;
      this.dataFresh = false;
    } else {
      this.data = withByte(this.data, pos, flags);
    }
    this.lpBytes += lpIntSize(this.live - 1) - lpIntSize(this.live) + lpIntSize(this.deleted + 1) - lpIntSize(this.deleted);
    this.live--;
    this.deleted++;
  }

  /** The node is no longer the tail: its entries become one immutable string (lpShrinkToFit). */
  close(): void {
    if (this.buf === null) return;
    this.text();
    this.buf = null;
  }

  clone(): StreamNode {
    const n = new StreamNode(this.master.clone(), this.masterFields);
    n.live = this.live;
    n.deleted = this.deleted;
    n.lpBytes = this.lpBytes;
    n.size = this.size;
    n.lastPos = this.lastPos;
    if (this.buf === null) {
      n.data = this.data;
      n.buf = null;
    } else {
      n.grow(this.size).set(this.buf.subarray(0, this.size));
      n.dataFresh = false;
    }
    return n;
  }

  private grow(need: number): Latin1Buffer {
    const old = this.buf!;
    const b = Buffer.allocUnsafeSlow(Math.max(need, old.length * 2)) as Latin1Buffer;
    old.copy(b, 0, 0, this.size);
    this.buf = b;
    return b;
  }
}
