// Score and lexicographical ranges over a sorted set (Redis's zrangespec and zlexrangespec), and
// the bound tests of lex ranges (zslLexValueGteMin/LteMax); score ranges are counted by rank.

/** [min, max] over scores; an exclusive end is the "(" form. */
export interface ScoreRange {
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}

/** A lex bound: "-" (below every string), "+" (above every string) or a string. */
export const LEX_MINUS = -1;
export const LEX_VALUE = 0;
export const LEX_PLUS = 1;

/** [min, max] over members; "-" and "+" are exclusive by definition, as in Redis. */
export interface LexRange {
  minKind: number;
  min: string;
  minExclusive: boolean;
  maxKind: number;
  max: string;
  maxExclusive: boolean;
}

/** sdscmplex: "-" below everything, "+" above, strings by bytes. */
function compareLex(kind: number, value: string, boundKind: number, bound: string): number {
  if (kind === boundKind && kind !== LEX_VALUE) return 0;
  if (kind === LEX_MINUS || boundKind === LEX_PLUS) return -1;
  if (kind === LEX_PLUS || boundKind === LEX_MINUS) return 1;
  return value < bound ? -1 : value > bound ? 1 : 0;
}

export function memberAboveMin(member: string, r: LexRange): boolean {
  const c = compareLex(LEX_VALUE, member, r.minKind, r.min);
  return r.minExclusive ? c > 0 : c >= 0;
}

export function memberBelowMax(member: string, r: LexRange): boolean {
  const c = compareLex(LEX_VALUE, member, r.maxKind, r.max);
  return r.maxExclusive ? c < 0 : c <= 0;
}

/** True when no string can be in the range (min above max, or equal with an exclusive end). */
export function lexRangeIsEmpty(r: LexRange): boolean {
  const c = compareLex(r.minKind, r.min, r.maxKind, r.max);
  return c > 0 || (c === 0 && (r.minExclusive || r.maxExclusive));
}
