// The layout of a small list: its elements in one latin1 string, as Redis keeps a small list in one
// listpack. Each element sits between its length written before it and its length written after
// it, so that both ends are read without a walk (LPOP and RPOP), as a listpack's backlen allows:
//
//   [length][bytes of the element][length, backwards] ...
//
// A length below 128 is one char; a longer one (below 32768) two chars, the outer one with its
// high bit set, so that a reader from either side knows by the first char it meets how many to
// read. A small list holds at most NODE_MAX_BYTES bytes, so two chars always suffice. An element costs its bytes and two chars where a string of its own costs ~24.

import { flat, ownedSlice } from './packed-string.js';

/** Where the element read by readForward/readBackward starts (a second result, no allocation). */
export let dataStart = 0;

/** The element as it is packed. */
export function encodeElement(v: string): string {
  const n = v.length;
  if (n < 128) {
    const c = String.fromCharCode(n);
    return c + v + c;
  }
  const high = String.fromCharCode(128 | (n >>> 8));
  const low = String.fromCharCode(n & 0xff);
  return high + low + v + low + high;
}

/** Chars taken by each of an element's two lengths. */
export function lengthChars(n: number): number {
  return n < 128 ? 1 : 2;
}

/** The length of the element whose first length starts at `pos`; sets dataStart. */
export function readForward(p: string, pos: number): number {
  const c = p.charCodeAt(pos);
  if (c < 128) {
    dataStart = pos + 1;
    return c;
  }
  dataStart = pos + 2;
  return ((c & 0x7f) << 8) | p.charCodeAt(pos + 1);
}

/** The length of the element whose second length ends at `end` (exclusive); sets dataStart. */
export function readBackward(p: string, end: number): number {
  const c = p.charCodeAt(end - 1);
  if (c < 128) {
    dataStart = end - 1 - c;
    return c;
  }
  const n = ((c & 0x7f) << 8) | p.charCodeAt(end - 2);
  dataStart = end - 2 - n;
  return n;
}

/** Where the element whose first length starts at `pos` ends, its second length included. */
export function elementEnd(p: string, pos: number): number {
  const n = readForward(p, pos);
  return dataStart + n + lengthChars(n);
}

/** The elements, each a string of its own (never a view of `p`). */
export function unpackElements(p: string): string[] {
  const out: string[] = [];
  for (let pos = 0; pos < p.length; ) {
    const n = readForward(p, pos);
    out.push(ownedSlice(p, dataStart, dataStart + n));
    pos = dataStart + n + lengthChars(n);
  }
  return out;
}

/** The elements packed, as one flat string. */
export function packElements(items: readonly string[]): string {
  let p = '';
  for (let i = 0; i < items.length; i++) p += encodeElement(items[i]!);
  return flat(p);
}

/** Where the element before the one starting at `pos` starts (pos > 0). */
export function previousStart(p: string, pos: number): number {
  const n = readBackward(p, pos);
  return dataStart - lengthChars(n);
}
