// The options of SET and GETEX (t_string.c parseExtendedStringArgumentsOrReply) and the absolute
// expiry time they ask for (getExpireMillisecondsOrReply).

import { parseInt64, parseInteger, INT64_MAX } from './args.js';

export const NX = 1;
export const XX = 2;
export const GET = 4;
export const KEEPTTL = 8;
export const PERSIST = 16;
export const EX = 32;
export const PX = 64;
export const EXAT = 128;
export const PXAT = 256;
/** Any option that sets an expiry time. */
export const EXPIRE = EX | PX | EXAT | PXAT;
/** Options that may not be combined with another way of setting the expiry. */
const TTL_CHOICE = EXPIRE | KEEPTTL | PERSIST;

/** The result of parsing; one instance is reused, since a command is parsed and used at once. */
export interface StringOptions {
  flags: number;
  /** argv index of the expiry value; 0 when no expiry option was given. */
  expireIndex: number;
}

/**
 * Parses argv[from..] as SET's options (forSet) or GETEX's; false on Redis's syntax error. As in
 * Redis, a repeated option is accepted (the last expiry wins) and conflicting ones are not.
 */
export function parseStringOptions(argv: readonly string[], from: number, forSet: boolean, out: StringOptions): boolean {
  let flags = 0;
  let expireIndex = 0;
  const last = argv.length - 1;
  for (let j = from; j <= last; j++) {
    const opt = argv[j]!;
    let expire = 0;
    if (forSet && optionIs(opt, 'NX') && (flags & XX) === 0) flags |= NX;
    else if (forSet && optionIs(opt, 'XX') && (flags & NX) === 0) flags |= XX;
    else if (forSet && optionIs(opt, 'GET')) flags |= GET;
    else if (forSet && optionIs(opt, 'KEEPTTL') && (flags & TTL_CHOICE & ~KEEPTTL) === 0) flags |= KEEPTTL;
    else if (!forSet && optionIs(opt, 'PERSIST') && (flags & TTL_CHOICE & ~PERSIST) === 0) flags |= PERSIST;
    else if (optionIs(opt, 'EX')) expire = EX;
    else if (optionIs(opt, 'PX')) expire = PX;
    else if (optionIs(opt, 'EXAT')) expire = EXAT;
    else if (optionIs(opt, 'PXAT')) expire = PXAT;
    else return false;
    if (expire !== 0) {
      if ((flags & TTL_CHOICE & ~expire) !== 0 || j === last) return false;
      flags |= expire;
      expireIndex = ++j;
    }
  }
  out.flags = flags;
  out.expireIndex = expireIndex;
  return true;
}

/**
 * True when the option equals `word` (upper case) ignoring ASCII case. Redis compares options as
 * C strings, so whatever follows a NUL byte is ignored ("NX\0junk" is NX).
 */
export function optionIs(opt: string, word: string): boolean {
  const n = word.length;
  if (opt.length < n || (opt.length > n && opt.charCodeAt(n) !== 0)) return false;
  for (let i = 0; i < n; i++) {
    if ((opt.charCodeAt(i) | 0x20) !== (word.charCodeAt(i) | 0x20)) return false;
  }
  return true;
}

/** expireTimeMs's failures; every valid time is positive. */
export const EXPIRE_NOT_INTEGER = -1;
export const EXPIRE_INVALID = -2;

/**
 * The absolute expiry time in ms that an EX/PX/EXAT/PXAT value asks for at `now`, or
 * EXPIRE_NOT_INTEGER ("value is not an integer") or EXPIRE_INVALID ("invalid expire time"): a
 * value that is not positive, or a time past the signed 64-bit range (where Redis's arithmetic
 * wraps to a negative number).
 */
export function expireTimeMs(text: string, flags: number, now: number): number {
  const seconds = (flags & (EX | EXAT)) !== 0;
  const relative = (flags & (EX | PX)) !== 0;
  if (text.length < 16) {
    // Below 10^15: even in seconds and added to now, far from 2^63.
    const n = parseInteger(text);
    if (n === null) return EXPIRE_NOT_INTEGER;
    if (n <= 0) return EXPIRE_INVALID;
    const ms = seconds ? n * 1000 : n;
    return relative ? ms + now : ms;
  }
  const n = parseInt64(text);
  if (n === null) return EXPIRE_NOT_INTEGER;
  if (n <= 0n || (seconds && n > INT64_MAX / 1000n)) return EXPIRE_INVALID;
  let ms = seconds ? n * 1000n : n;
  if (relative) ms += BigInt(now);
  return ms > INT64_MAX ? EXPIRE_INVALID : Number(ms);
}
