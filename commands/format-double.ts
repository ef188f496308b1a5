// Doubles as Redis 7.0 prints them in replies (addReplyDouble, d2string, ld2string): C's "%.17g"
// with "inf", "-inf" and "nan" spelled out. Seventeen significant digits always round-trip, so
// 1.1 prints as "1.1000000000000001" and 0.1 as "0.10000000000000001".
//
// JS has no printf: toExponential(16) gives the same seventeen digits except at an exact tie
// (the exact binary value ends in a 5 right after the seventeenth digit), where JS rounds half up
// and glibc rounds half to even. Ties are rare and detected exactly, with BigInt.

/** Redis's text for a double: %.17g, with inf, -inf, nan and -0 as glibc prints them. */
export function formatDouble(x: number): string {
  if (Number.isSafeInteger(x)) return x === 0 && 1 / x < 0 ? '-0' : String(x);
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  let s = x.toExponential(16);
  if (mayBeTie(Math.abs(x))) s = roundTieToEven(x, s);
  return fromExponential(s);
}

/** LLONG_MAX / 2 as a double (2^62): d2string prints integral doubles up to this as integers. */
const INTEGRAL_LIMIT = 4611686018427387904;

/**
 * A double as Redis 7.0's d2string writes it into a listpack (a listpack-encoded sorted set
 * stores its scores this way, and ZSCAN returns that text): an integral value up to 2^62 in
 * magnitude as its exact integer digits (so 1e17 is "100000000000000000" and -0 is "0"), any
 * other value as formatDouble does.
 */
export function formatListpackDouble(x: number): string {
  if (Number.isInteger(x) && x >= -INTEGRAL_LIMIT && x <= INTEGRAL_LIMIT) {
    return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
  }
  return formatDouble(x);
}

/** "%g" from a toExponential(16) string: exponent form below 1e-4 or from 1e17, trailing zeros cut. */
function fromExponential(s: string): string {
  const e = s.indexOf('e');
  const exp = Number(s.slice(e + 1));
  const negative = s.charCodeAt(0) === 45;
  const digits = (negative ? s.slice(1, 2) + s.slice(3, e) : s.slice(0, 1) + s.slice(2, e)).replace(/0+$/, '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 17) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const abs = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * Cheap filter for ties. A tie is a value whose exact expansion has 18 significant digits, the
 * last a 5: x = m / 2^j with m odd and j >= 1 fraction bits, whose digits are those of m * 5^j.
 * With m < 2^53 that needs j <= 25 and m * 5^j = x * 10^j in [1e17, 1e18). Integers never tie.
 */
function mayBeTie(a: number): boolean {
  if (Number.isInteger(a) || !Number.isInteger(a * 33554432 /* 2^25 */)) return false;
  let j = 1;
  for (let scaled = a * 2; !Number.isInteger(scaled); scaled *= 2) j++;
  const digits = a * 10 ** j;
  return digits >= 0.99e17 && digits < 1.01e18;
}

/** True when `s` (the toExponential form of a) is the exact value of `a`, not a rounding. */
function isExactDecimal(a: number, s: string): boolean {
  const e = s.indexOf('e');
  const digits = BigInt(s.slice(0, 1) + s.slice(2, e));
  const exp10 = Number(s.slice(e + 1)) - (e - 2);
  const [mant, exp2] = decompose(a);
  // a = mant * 2^exp2 and the decimal is digits * 10^exp10; compare them as integers.
  let left = mant;
  let right = digits;
  if (exp2 >= 0) left <<= BigInt(exp2);
  else right <<= BigInt(-exp2);
  if (exp10 >= 0) right *= 10n ** BigInt(exp10);
  else left *= 10n ** BigInt(-exp10);
  return left === right;
}

const scratch = new DataView(new ArrayBuffer(8));

/** A positive finite double as an integer mantissa and a power of two. */
function decompose(a: number): [bigint, number] {
  scratch.setFloat64(0, a);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = hi >>> 20;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return [fraction, -1074];
  return [fraction | (1n << 52n), biased - 1075];
}

/**
 * For a tie (the exact value has 18 significant digits ending in 5): keep JS's rounding up when
 * the seventeenth digit is odd, otherwise truncate the exact 18 digits (round half to even).
 */
function roundTieToEven(x: number, rounded: string): string {
  const a = Math.abs(x);
  const exact = a.toExponential(17);
  if (exact.charCodeAt(18) !== 53 || !isExactDecimal(a, exact)) return rounded;
  const seventeenth = exact.charCodeAt(17) - 48;
  if (seventeenth % 2 === 1) return rounded;
  const e = exact.indexOf('e');
  return (x < 0 ? '-' : '') + exact.slice(0, 18) + exact.slice(e);
}
