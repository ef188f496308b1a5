// How Redis 7.0 reads and writes the values of configuration parameters (util.c memtoull,
// string2ll and strtoll, config.c's formatting for CONFIG REWRITE, notify.c's event classes),
// so that the same text is accepted or refused with the same error.

export const LLONG_MIN = -(2n ** 63n);
export const LLONG_MAX = 2n ** 63n - 1n;
export const ULLONG_MAX = 2n ** 64n - 1n;

/** Redis's string2ll: canonical decimal only (no '+', no spaces, no leading zeros). */
export function string2ll(s: string): bigint | null {
  if (!/^(0|-?[1-9][0-9]*)$/.test(s)) return null;
  const v = BigInt(s);
  return v < LLONG_MIN || v > LLONG_MAX ? null : v;
}

/**
 * C's strtoll(s, &end, 10) where the caller then requires *end == '\0': leading whitespace and a
 * sign are allowed, an empty digit run reads as 0, overflow clamps. Null when characters remain.
 */
export function strtollWhole(s: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)$/.exec(s);
  if (m === null) return null;
  const digits = m[2]!;
  // "+" or "-" alone consumes nothing, so the end pointer stays at the sign.
  if (digits.length === 0) return m[1]!.length === 0 ? 0n : null;
  const v = m[1] === '-' ? -BigInt(digits) : BigInt(digits);
  return v < LLONG_MIN ? LLONG_MIN : v > LLONG_MAX ? LLONG_MAX : v;
}

const MEMORY_UNITS: Record<string, bigint> = {
  '': 1n,
  b: 1n,
  k: 1000n,
  kb: 1024n,
  m: 1000n * 1000n,
  mb: 1024n * 1024n,
  g: 1000n * 1000n * 1000n,
  gb: 1024n * 1024n * 1024n,
};

/**
 * Redis's memtoull: digits with an optional unit (b, k, kb, m, mb, g, gb in any case), as an
 * unsigned 64-bit value; null for anything else. Like Redis, the product wraps modulo 2^64.
 */
export function memtoull(s: string): bigint | null {
  const m = /^([0-9]*)(.*)$/s.exec(s)!;
  const mul = MEMORY_UNITS[m[2]!.toLowerCase()];
  if (mul === undefined || m[1]!.length >= 128) return null;
  let v = m[1]!.length === 0 ? 0n : BigInt(m[1]!);
  if (v > ULLONG_MAX) v = ULLONG_MAX; // strtoull clamps
  return (v * mul) & ULLONG_MAX;
}

/** Redis's yesnotoi. */
export function yesNo(s: string): boolean | null {
  const l = s.toLowerCase();
  return l === 'yes' ? true : l === 'no' ? false : null;
}

/** rewriteConfigFormatMemory: the largest of gb, mb, kb that divides the value. */
export function formatMemory(bytes: bigint): string {
  if (bytes !== 0n) {
    if (bytes % (1n << 30n) === 0n) return `${bytes >> 30n}gb`;
    if (bytes % (1n << 20n) === 0n) return `${bytes >> 20n}mb`;
    if (bytes % (1n << 10n) === 0n) return `${bytes >> 10n}kb`;
  }
  return String(bytes);
}

/** sdscatrepr: a double-quoted string with C escapes, as CONFIG REWRITE writes string values. */
export function quoteRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (c >= 32 && c < 127) out += ch;
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + '"';
}

/** C's "%f" followed by Redis's trimDoubleString (no trailing zeros, no trailing point). */
export function formatPercentile(v: number): string {
  let s = v.toFixed(6);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}
