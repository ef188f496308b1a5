// Parsing of command arguments with Redis's rules (util.c string2ll, string2ld, getDouble...).

import { isCanonicalInt64 } from '../storage/value.js';

export const INT64_MIN = -9223372036854775808n;
export const INT64_MAX = 9223372036854775807n;

/**
 * A signed 64-bit integer argument as a number, or null when the text is not one (Redis's
 * getLongLongFromObject). Beyond 2^53 the number is the nearest double: fine for counts, indexes
 * and times that Redis clamps anyway; use parseInt64 where every bit matters (INCRBY).
 */
export function parseInteger(s: string): number | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  if (n < 16) {
    // Fast path: no overflow possible.
    let i = 0;
    let neg = false;
    if (s.charCodeAt(0) === 45) {
      if (n === 1) return null;
      neg = true;
      i = 1;
    }
    const first = s.charCodeAt(i);
    if (first === 48) return n === 1 ? 0 : null;
    if (first < 49 || first > 57) return null;
    let v = first - 48;
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      v = v * 10 + (c - 48);
    }
    return neg ? -v : v;
  }
  return isCanonicalInt64(s) ? Number(s) : null;
}

/** A signed 64-bit integer argument, exact. */
export function parseInt64(s: string): bigint | null {
  return isCanonicalInt64(s) ? BigInt(s) : null;
}

/**
 * A double argument as Redis's getDoubleFromObject reads it (strtod): no leading space, the whole
 * text consumed, "inf"/"infinity" with a sign allowed, NaN refused, and refused too when strtod
 * reports ERANGE with a result of ±HUGE_VAL or 0 ("1e400", "1e-400"; a denormal such as "1e-310"
 * passes).
 */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || isSpaceCode(s.charCodeAt(0)) || isSpaceCode(s.charCodeAt(s.length - 1))) return null;
  const v = strtod(s);
  if (v === null || Number.isNaN(v)) return null;
  if ((v === Infinity || v === -Infinity) && !INF.test(s)) return null;
  if (v === 0 && NONZERO_MANTISSA.test(s)) return null;
  return v;
}

/** A nonzero digit before the exponent: such a text that reads as 0 underflowed. */
const NONZERO_MANTISSA = /^[+-]?(?:0[xX][0-9a-fA-F.]*[1-9a-fA-F]|[0-9.]*[1-9])/;

function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const INF = /^[+-]?(inf|infinity)$/i;
const NAN = /^[+-]?nan(\([0-9a-zA-Z_]*\))?$/i;

/** C's strtod over the whole string; null when it would not consume every character. */
export function strtod(s: string): number | null {
  if (DECIMAL.test(s)) return Number(s);
  if (INF.test(s)) return s.charCodeAt(0) === 45 ? -Infinity : Infinity;
  if (NAN.test(s)) return NaN;
  const m = HEX.exec(s);
  if (m !== null) {
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    if (intPart.length === 0 && frac.length === 0) return null;
    let v = 0;
    for (const ch of intPart) v = v * 16 + parseInt(ch, 16);
    let scale = 1 / 16;
    for (const ch of frac) {
      v += parseInt(ch, 16) * scale;
      scale /= 16;
    }
    if (m[4] !== undefined) v *= Math.pow(2, Number(m[4]));
    return m[1] === '-' ? -v : v;
  }
  return null;
}

/** True when `s` equals `word` ignoring ASCII case (option names such as "NX", "withscores"). */
export function eqIgnoreCase(s: string, word: string): boolean {
  return s.length === word.length && (s === word || s.toLowerCase() === word);
}
