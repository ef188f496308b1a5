// The listpack encoding of a small hash, held in one latin1 string: each field and then its
// value, each preceded by its length. One string per hash instead of an array of strings is what
// keeps many small hashes as compact as Redis's listpacks (a V8 string costs 16 bytes of header,
// so twenty short strings would cost more than their text).
//
// A length below 128 is one char; a longer one is written 7 bits per char, low bits first, every
// char but the last with its high bit set. Every function here takes the packed string and a
// position in it; they allocate only the strings they return.

/** Where the length read by readLength ended (a second result without an allocation; live for importers). */
export let lengthEnd = 0;

export function readLength(packed: string, pos: number): number {
  let c = packed.charCodeAt(pos++);
  if (c < 128) {
    lengthEnd = pos;
    return c;
  }
  let length = c & 127;
  let scale = 128;
  for (;;) {
    c = packed.charCodeAt(pos++);
    length += (c & 127) * scale;
    if (c < 128) break;
    scale *= 128;
  }
  lengthEnd = pos;
  return length;
}

export function encodeLength(length: number): string {
  if (length < 128) return String.fromCharCode(length);
  let out = '';
  while (length >= 128) {
    out += String.fromCharCode(128 | (length & 127));
    length = Math.floor(length / 128);
  }
  return out + String.fromCharCode(length);
}

/** An entry (a field and its value) as packed text. */
export function packEntry(field: string, value: string): string {
  return encodeLength(field.length) + field + encodeLength(value.length) + value;
}

/** The position of the entry whose field is `field`, or -1. */
export function findField(packed: string, field: string): number {
  const end = packed.length;
  const wanted = field.length;
  let pos = 0;
  while (pos < end) {
    const entry = pos;
    const fieldLength = readLength(packed, pos);
    pos = lengthEnd;
    if (fieldLength === wanted && packed.startsWith(field, pos)) return entry;
    pos += fieldLength;
    const valueLength = readLength(packed, pos);
    pos = lengthEnd + valueLength;
  }
  return -1;
}

/** The position of the value's length in the entry at `entry`. */
export function valuePosition(packed: string, entry: number): number {
  return readLength(packed, entry) + lengthEnd;
}

/** The position just after the entry at `entry`. */
export function entryEnd(packed: string, entry: number): number {
  const valueLength = readLength(packed, valuePosition(packed, entry));
  return lengthEnd + valueLength;
}

/** The length of the value of the entry at `entry`. */
export function valueLength(packed: string, entry: number): number {
  return readLength(packed, valuePosition(packed, entry));
}

/** The value of the entry at `entry`. */
export function valueAt(packed: string, entry: number): string {
  const length = readLength(packed, valuePosition(packed, entry));
  return packed.slice(lengthEnd, lengthEnd + length);
}

/**
 * Every field and/or value in order, taken from `source` (the packed string itself, or a Buffer
 * of it when the strings must not share the packed string's memory).
 */
export function unpack(packed: string, wantFields: boolean, wantValues: boolean, source: string | Buffer = packed): string[] {
  const out: string[] = [];
  const end = packed.length;
  let pos = 0;
  while (pos < end) {
    const fieldLength = readLength(packed, pos);
    pos = lengthEnd;
    if (wantFields) out.push(sliceOf(source, pos, pos + fieldLength));
    pos += fieldLength;
    const valueLength = readLength(packed, pos);
    pos = lengthEnd;
    if (wantValues) out.push(sliceOf(source, pos, pos + valueLength));
    pos += valueLength;
  }
  return out;
}

function sliceOf(source: string | Buffer, start: number, end: number): string {
  return typeof source === 'string' ? source.slice(start, end) : source.toString('latin1', start, end);
}
