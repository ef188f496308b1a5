// The listpack encoding of a small sorted set, held in one latin1 string (as hash-listpack.ts
// holds a small hash): the elements in order, each its member's length (hash-listpack's length
// code), the member, then the score as the 8 bytes of the double. One string per set keeps many
// small sorted sets about as compact as Redis's listpacks; every operation walks the string, as
// Redis walks its listpack.

import { encodeLength, readLength } from './hash-listpack.js';

const SCORE_BYTES = 8;
const bits = new DataView(new ArrayBuffer(8));

/** Chars taken by the length code of a member of this length. */
function lengthSize(length: number): number {
  let size = 1;
  while (length >= 128) {
    length = Math.floor(length / 128);
    size++;
  }
  return size;
}

function encodeScore(score: number): string {
  bits.setFloat64(0, score);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  return String.fromCharCode(hi >>> 24, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255, lo >>> 24, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
}

/** One element as packed text. */
export function packElement(member: string, score: number): string {
  return encodeLength(member.length) + member + encodeScore(score);
}

/** Where the member of the element at `pos` starts. */
export function memberStart(packed: string, pos: number): number {
  return pos + lengthSize(readLength(packed, pos));
}

export function memberLength(packed: string, pos: number): number {
  return readLength(packed, pos);
}

/** The position just after the element at `pos`. */
export function elementEnd(packed: string, pos: number): number {
  const length = readLength(packed, pos);
  return pos + lengthSize(length) + length + SCORE_BYTES;
}

export function memberAt(packed: string, pos: number): string {
  const length = readLength(packed, pos);
  const start = pos + lengthSize(length);
  return packed.slice(start, start + length);
}

export function scoreAt(packed: string, pos: number): number {
  const length = readLength(packed, pos);
  const p = pos + lengthSize(length) + length;
  bits.setUint32(0, (packed.charCodeAt(p) << 24) | (packed.charCodeAt(p + 1) << 16) | (packed.charCodeAt(p + 2) << 8) | packed.charCodeAt(p + 3));
  bits.setUint32(4, (packed.charCodeAt(p + 4) << 24) | (packed.charCodeAt(p + 5) << 16) | (packed.charCodeAt(p + 6) << 8) | packed.charCodeAt(p + 7));
  return bits.getFloat64(0);
}

/** True when the element at `pos` has this member. */
function memberIs(packed: string, pos: number, member: string): boolean {
  const length = readLength(packed, pos);
  return length === member.length && packed.startsWith(member, pos + lengthSize(length));
}

/** Compares the member of the element at `pos` with `member` by bytes: <0, 0 or >0. */
function compareMember(packed: string, pos: number, member: string): number {
  const length = readLength(packed, pos);
  const start = pos + lengthSize(length);
  const n = Math.min(length, member.length);
  for (let i = 0; i < n; i++) {
    const d = packed.charCodeAt(start + i) - member.charCodeAt(i);
    if (d !== 0) return d;
  }
  return length - member.length;
}

/** The position of the element of this rank (rank <= count: the end for rank === count). */
export function positionOf(packed: string, rank: number): number {
  let pos = 0;
  for (let r = 0; r < rank; r++) pos = elementEnd(packed, pos);
  return pos;
}

/** The position of the element with this member, or -1. */
export function findMember(packed: string, member: string): number {
  const end = packed.length;
  for (let pos = 0; pos < end; pos = elementEnd(packed, pos)) {
    if (memberIs(packed, pos, member)) return pos;
  }
  return -1;
}

/** Where an element goes: the position of the first element after (score, member). */
export function insertPosition(packed: string, score: number, member: string): number {
  const end = packed.length;
  let pos = 0;
  for (; pos < end; pos = elementEnd(packed, pos)) {
    const s = scoreAt(packed, pos);
    if (s > score || (s === score && compareMember(packed, pos, member) > 0)) break;
  }
  return pos;
}
