// What a key holds. A string value is stored as the bare one-byte JS string (no wrapper object:
// most keys are strings and every wrapper would cost ~40 bytes a key); every other type is an
// object that says what it is.

export type ValueType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream';

/** A collection type held by a key: hash, list, set, sorted set or stream. */
export interface CollectionValue {
  readonly type: Exclude<ValueType, 'string'>;
  /** Redis's OBJECT ENCODING name for the representation in use now. */
  encoding(): string;
  /** Number of elements; a collection that reaches 0 is deleted by the command that emptied it. */
  readonly length: number;
  /** A deep copy, for COPY. */
  clone(): CollectionValue;
}

export type StoredValue = string | CollectionValue;

export function typeOf(v: StoredValue): ValueType {
  return typeof v === 'string' ? 'string' : v.type;
}

/** Redis's longest embedded string (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
const EMBSTR_LIMIT = 44;

/** True when `s` is the canonical text of a signed 64-bit integer, as string2ll accepts it. */
export function isCanonicalInt64(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    if (n === 1) return false;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first === 48) return n === 1; // "0" only; no "-0", no leading zeros
  if (first < 49 || first > 57) return false;
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return false;
  }
  if (n - i < 19) return true;
  return BigInt(s) >= -9223372036854775808n && BigInt(s) <= 9223372036854775807n;
}

/**
 * How a string value was made, where its text alone does not tell OBJECT ENCODING and REFCOUNT.
 * None (undefined) for a value stored as SET stores it: an integer text is an int (one in
 * [0, 10000) Redis's shared object), else embstr up to 44 bytes, else raw. Otherwise:
 * - 'raw': APPEND or SETRANGE made it a mutable buffer;
 * - 'embstr': INCRBYFLOAT stored its text as created (createStringObject), never as an int;
 * - 'unshared': COPY duplicated a shared integer (dupStringObject): an int, but its own object.
 */
export type StringForm = 'raw' | 'embstr' | 'unshared';

/** OBJECT ENCODING of a string value made as `form` says. */
export function stringEncoding(s: string, form: StringForm | undefined): string {
  if (form === 'raw') return 'raw';
  if (form !== 'embstr' && isCanonicalInt64(s)) return 'int';
  return s.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
}

/** Redis shares one object per integer in [0, 10000) (OBJ_SHARED_INTEGERS): up to 4 digits. */
const SHARED_INTEGER_DIGITS = 4;

/** True when the value is one of Redis's shared integer objects, which SET stores for such a text. */
export function isSharedInteger(s: string, form: StringForm | undefined): boolean {
  return form === undefined && s.length <= SHARED_INTEGER_DIGITS && s.charCodeAt(0) !== 45 && isCanonicalInt64(s);
}
