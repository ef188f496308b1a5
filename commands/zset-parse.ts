// What the sorted set commands share: their errors, the lookup of a sorted set, and the parsing
// of score ranges (zslParseRange) and lex ranges (zslParseLexRange) with Redis's rules.

import { SortedSet } from '../storage/zset.js';
import { LEX_MINUS, LEX_PLUS, LEX_VALUE, type LexRange, type ScoreRange } from '../storage/zset-range.js';
import { strtod } from './args.js';
import type { CommandContext } from './context.js';
import { WRONGTYPE } from './errors.js';
import type { KeySpecDecl } from './types.js';

export const MIN_MAX_NOT_FLOAT = 'ERR min or max is not a float';
export const MIN_MAX_NOT_LEX = 'ERR min or max not valid string range item';
export const SCORE_IS_NAN = 'ERR resulting score is not a number (NaN)';

/** The key spec of a command with one key, at argv[index]. */
export function oneKey(flags: string, index = 1): KeySpecDecl[] {
  return [{ flags, begin: index, range: { lastKey: 0, step: 1, limit: 0 } }];
}

/**
 * The sorted set at `key` for a read: undefined when the key does not exist, null when it holds
 * another type (WRONGTYPE has been replied).
 */
export function readZset(ctx: CommandContext, key: string): SortedSet | null | undefined {
  const v = ctx.lookupRead(key);
  if (v === undefined || v instanceof SortedSet) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

/** Like readZset, inside a write: an expired key is removed first. */
export function writeZset(ctx: CommandContext, key: string): SortedSet | null | undefined {
  const v = ctx.db.getForWrite(key, ctx.now);
  if (v === undefined || v instanceof SortedSet) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

/**
 * A score range from its two arguments, or null when either is not a float. Redis reads each with
 * plain strtod on the C string: a "(" makes the end exclusive, leading spaces are skipped, the
 * text stops at a NUL byte, an empty text is 0, overflow gives ±inf, and only NaN is refused.
 */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange | null {
  const minEx = minArg.charCodeAt(0) === 40; /* ( */
  const maxEx = maxArg.charCodeAt(0) === 40;
  const min = rangeDouble(minEx ? minArg.slice(1) : minArg);
  const max = rangeDouble(maxEx ? maxArg.slice(1) : maxArg);
  if (min === null || max === null) return null;
  return { min, max, minExclusive: minEx, maxExclusive: maxEx };
}

function rangeDouble(s: string): number | null {
  const nul = s.indexOf('\0');
  if (nul >= 0) s = s.slice(0, nul);
  if (s.length === 0) return 0; // strtod converts nothing and stops at the terminator
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (i === s.length) return null;
  const v = strtod(i === 0 ? s : s.slice(i));
  return v === null || Number.isNaN(v) ? null : v;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** A lex range from its two arguments ("-", "+", "[value", "(value"), or null when invalid. */
export function parseLexRange(minArg: string, maxArg: string): LexRange | null {
  const r: LexRange = { minKind: LEX_VALUE, min: '', minExclusive: false, maxKind: LEX_VALUE, max: '', maxExclusive: false };
  const minKind = lexKind(minArg);
  const maxKind = lexKind(maxArg);
  if (minKind === null || maxKind === null) return null;
  r.minKind = minKind;
  r.maxKind = maxKind;
  r.minExclusive = minKind !== LEX_VALUE || minArg.charCodeAt(0) === 40;
  r.maxExclusive = maxKind !== LEX_VALUE || maxArg.charCodeAt(0) === 40;
  if (minKind === LEX_VALUE) r.min = minArg.slice(1);
  if (maxKind === LEX_VALUE) r.max = maxArg.slice(1);
  return r;
}

/** Which kind of lex bound an argument is; "+" and "-" may be followed only by a NUL (C string). */
function lexKind(s: string): number | null {
  const c = s.charCodeAt(0);
  if (c === 43 /* + */ || c === 45 /* - */) {
    if (s.length > 1 && s.charCodeAt(1) !== 0) return null;
    return c === 43 ? LEX_PLUS : LEX_MINUS;
  }
  if (c === 40 /* ( */ || c === 91 /* [ */) return LEX_VALUE;
  return null;
}
