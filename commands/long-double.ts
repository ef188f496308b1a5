// Redis's `long double` arithmetic (INCRBYFLOAT, HINCRBYFLOAT), reproduced exactly.
//
// Redis on x86-64 Linux computes these in the x87 extended format: a 64-bit significand and a
// 15-bit exponent. It reads numbers with strtold (correctly rounded, ties to even), adds with one
// rounding to 64 bits, and prints with "%.17Lf" before stripping trailing zeros (util.c ld2string,
// LD_STR_HUMAN). That is why `SET k 0.1` then `INCRBYFLOAT k 0.2` answers "0.3" where JS doubles
// give 0.30000000000000004. Every step here is exact BigInt arithmetic followed by the same single
// rounding the hardware does; these commands are not on the hot path.
//
// Use: parseLongDouble for each operand (null: Redis's "not a valid float" for that operand),
// then incrByFloat (null: the sum is NaN or infinite), or addLongDouble/formatLongDouble directly.

/** An x87 extended value: (-1)^negative × significand × 2^exponent, or an infinity. */
export interface LongDouble {
  readonly negative: boolean;
  /** The integer significand, below 2^64; 0n for zero. */
  readonly significand: bigint;
  /** The power of two of the significand's lowest bit; Infinity for an infinite value. */
  readonly exponent: number;
}

/** Lowest bit of the smallest subnormal (2^-16445), which is also every subnormal's exponent. */
const MIN_EXPONENT = -16445;
/** Lowest bit of the largest finite value, (2^64 - 1) × 2^16320. */
const MAX_EXPONENT = 16320;
const TWO_63 = 1n << 63n;
const TWO_64 = 1n << 64n;
const TEN_17 = 10n ** 17n;

/** Decimal magnitudes outside these bounds overflow or round to zero whatever the digits are. */
const MAX_DECIMAL_MAGNITUDE = 4933; // the largest finite value is about 1.19e4932
const MIN_DECIMAL_MAGNITUDE = -4952; // half the smallest subnormal is about 1.82e-4951

/** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses texts of this length and longer. */
const MAX_TEXT_LENGTH = 5 * 1024;

/** +0, the value of a missing key or field. */
export const LONG_DOUBLE_ZERO: LongDouble = { negative: false, significand: 0n, exponent: MIN_EXPONENT };
const POSITIVE_INFINITY: LongDouble = { negative: false, significand: 0n, exponent: Infinity };
const NEGATIVE_INFINITY: LongDouble = { negative: true, significand: 0n, exponent: Infinity };

const DECIMAL = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const HEX = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const INFINITY_WORD = /^(?:inf|infinity)$/i;

export function isFiniteLongDouble(v: LongDouble): boolean {
  return v.exponent !== Infinity;
}

/**
 * Reads a number as Redis's string2ld does: strtold must consume the whole text (so no white
 * space and no NUL byte anywhere); "inf"/"infinity" are accepted (callers reject them later), NaN,
 * a value that overflows, and a nonzero value that rounds to zero are not. Null means "not a
 * valid float".
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= MAX_TEXT_LENGTH) return null;
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = 1;
  }
  const body = i === 0 ? s : s.slice(i);
  if (INFINITY_WORD.test(body)) return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
  const hex = HEX.exec(body);
  if (hex !== null) return parseHex(negative, hex[1]!, hex[2] ?? '', hex[3]);
  const dec = DECIMAL.exec(body);
  if (dec !== null) return parseDecimal(negative, dec[1]!, dec[2] ?? '', dec[3]);
  return null;
}

function parseDecimal(negative: boolean, intDigits: string, fracDigits: string, exp: string | undefined): LongDouble | null {
  if (intDigits.length === 0 && fracDigits.length === 0) return null;
  let digits = intDigits + fracDigits;
  let exp10 = parseExponent(exp) - fracDigits.length;
  let lead = 0;
  while (lead < digits.length && digits.charCodeAt(lead) === 48) lead++;
  if (lead === digits.length) return { negative, significand: 0n, exponent: MIN_EXPONENT };
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  exp10 += digits.length - end;
  digits = digits.slice(lead, end);
  const magnitude = digits.length + exp10; // the value lies in [10^(magnitude-1), 10^magnitude)
  if (magnitude > MAX_DECIMAL_MAGNITUDE || magnitude < MIN_DECIMAL_MAGNITUDE) return null;
  const n = BigInt(digits);
  const v = exp10 >= 0 ? round(negative, n * 10n ** BigInt(exp10), 1n, 0) : round(negative, n, 10n ** BigInt(-exp10), 0);
  return v.exponent === Infinity || v.significand === 0n ? null : v;
}

function parseHex(negative: boolean, intDigits: string, fracDigits: string, exp: string | undefined): LongDouble | null {
  if (intDigits.length === 0 && fracDigits.length === 0) return null;
  const n = BigInt('0x' + intDigits + fracDigits);
  if (n === 0n) return { negative, significand: 0n, exponent: MIN_EXPONENT };
  const exp2 = parseExponent(exp) - 4 * fracDigits.length;
  const top = bitLength(n) + exp2; // the value lies in [2^(top-1), 2^top)
  if (top > MAX_EXPONENT + 64 || top < MIN_EXPONENT - 1) return null;
  const v = round(negative, n, 1n, exp2);
  return v.exponent === Infinity || v.significand === 0n ? null : v;
}

/** An exponent's digits as a number, saturated far beyond any value that could matter. */
function parseExponent(exp: string | undefined): number {
  if (exp === undefined) return 0;
  const negative = exp.charCodeAt(0) === 45;
  let i = negative || exp.charCodeAt(0) === 43 ? 1 : 0;
  while (i < exp.length - 1 && exp.charCodeAt(i) === 48) i++;
  const v = exp.length - i > 9 ? 1e9 : Number(exp.slice(i));
  return negative ? -v : v;
}

/** a + b rounded to the extended format; null when the sum is NaN (opposite infinities). */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | null {
  if (a.exponent === Infinity || b.exponent === Infinity) {
    if (a.exponent === Infinity && b.exponent === Infinity && a.negative !== b.negative) return null;
    return a.exponent === Infinity ? a : b;
  }
  if (b.significand === 0n) return a.significand === 0n && a.negative !== b.negative ? LONG_DOUBLE_ZERO : a;
  if (a.significand === 0n) return b;
  const e = Math.min(a.exponent, b.exponent);
  const x = a.significand << BigInt(a.exponent - e);
  const y = b.significand << BigInt(b.exponent - e);
  const sum = (a.negative ? -x : x) + (b.negative ? -y : y);
  if (sum === 0n) return LONG_DOUBLE_ZERO;
  return sum < 0n ? round(true, -sum, 1n, e) : round(false, sum, 1n, e);
}

/**
 * Formats a finite value as ld2string's LD_STR_HUMAN mode: "%.17Lf" (every integer digit, the
 * fraction rounded to 17 digits, ties to even), trailing zeros and a bare point removed, "-0"
 * written as "0".
 */
export function formatLongDouble(v: LongDouble): string {
  const m = v.significand * TEN_17;
  let scaled: bigint;
  if (v.exponent >= 0) {
    scaled = m << BigInt(v.exponent);
  } else {
    const shift = BigInt(-v.exponent);
    scaled = m >> shift;
    const rest = m - (scaled << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (scaled & 1n) === 1n)) scaled++;
  }
  if (scaled === 0n) return '0';
  let digits = scaled.toString();
  if (digits.length < 18) digits = '0'.repeat(18 - digits.length) + digits;
  const intPart = digits.slice(0, digits.length - 17);
  let fracEnd = digits.length;
  while (fracEnd > intPart.length && digits.charCodeAt(fracEnd - 1) === 48) fracEnd--;
  const sign = v.negative ? '-' : '';
  return fracEnd === intPart.length ? sign + intPart : `${sign}${intPart}.${digits.slice(intPart.length, fracEnd)}`;
}

/**
 * INCRBYFLOAT's arithmetic: current + increment, formatted as Redis stores it; null when the sum
 * is NaN or infinite (Redis: "increment would produce NaN or Infinity").
 */
export function incrByFloat(current: LongDouble, increment: LongDouble): string | null {
  const sum = addLongDouble(current, increment);
  if (sum === null || sum.exponent === Infinity) return null;
  return formatLongDouble(sum);
}

/**
 * num / den × 2^exp2 (num > 0 or 0n, den > 0) rounded to the nearest extended value, ties to even,
 * with subnormals below 2^-16382 and an infinity past the largest finite value.
 */
function round(negative: boolean, num: bigint, den: bigint, exp2: number): LongDouble {
  if (num === 0n) return { negative, significand: 0n, exponent: MIN_EXPONENT };
  // A shift that gives the quotient 64 or 65 bits, then one fewer if it got 65.
  let shift = 64 - bitLength(num) + bitLength(den);
  if (quotient(num, den, shift) >= TWO_64) shift--;
  let exponent = exp2 - shift;
  if (exponent < MIN_EXPONENT) {
    shift -= MIN_EXPONENT - exponent;
    exponent = MIN_EXPONENT;
  }
  let n = num;
  let d = den;
  if (shift >= 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  let q = n / d;
  const twiceRest = (n - q * d) * 2n;
  if (twiceRest > d || (twiceRest === d && (q & 1n) === 1n)) {
    q++;
    if (q === TWO_64) {
      q = TWO_63;
      exponent++;
    }
  }
  if (exponent > MAX_EXPONENT) return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
  return { negative, significand: q, exponent };
}

function quotient(num: bigint, den: bigint, shift: number): bigint {
  return shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
}

function bitLength(n: bigint): number {
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}
