// What every *SCAN shares (Redis's scanGenericCommand): the cursor, the MATCH, COUNT and TYPE
// options, the walk over what a Map holds now, and the [cursor, elements] reply.

import { globMatch, matchesEverything } from '../storage/glob.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_INTEGER, SYNTAX } from './errors.js';

/**
 * A SCAN cursor as Redis's parseScanCursorOrReply reads it (strtoul, base 10, no leading space):
 * an optional sign, digits, nothing else, below 2^64; "" is 0 and "-n" wraps around. Null when
 * invalid. Cursors we hand out are below 2^53; a larger one is unknown anyway, so a rounded value
 * is fine.
 */
export function parseScanCursor(s: string): number | null {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0) {
    const c = s.charCodeAt(0);
    if (c === 43 /* + */ || c === 45 /* - */) {
      negative = c === 45;
      i = 1;
      if (n === 1) return null;
    }
  }
  let value = 0;
  for (let j = i; j < n; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
    value = value * 10 + d;
  }
  // Only digits: past 19 of them the exact test against 2^64 needs BigInt.
  if (n - i >= 20 && BigInt(s.slice(i)) > 18446744073709551615n) return null;
  return negative && value !== 0 ? 18446744073709551616 - value : value;
}

export interface ScanOptions {
  count: number;
  /** Null when every element matches. */
  pattern: string | null;
  /** SCAN's TYPE; null when not given. */
  type: string | null;
}

/**
 * [MATCH pattern] [COUNT count] from argv[first] (3, after the key and cursor, for SSCAN, HSCAN
 * and ZSCAN), and [TYPE type] where `withType` (SCAN, whose options start at 2); Redis takes TYPE
 * only when it scans the key space. Null after replying an error.
 */
export function parseScanOptions(ctx: CommandContext, argv: readonly string[], first = 3, withType = false): ScanOptions | null {
  let count = 10;
  let pattern: string | null = null;
  let type: string | null = null;
  for (let i = first; i < argv.length; i += 2) {
    const option = argv[i]!;
    const hasValue = i + 1 < argv.length;
    if (hasValue && eqIgnoreCase(option, 'count')) {
      const n = parseInteger(argv[i + 1]!);
      if (n === null) {
        ctx.reply.error(NOT_INTEGER);
        return null;
      }
      if (n < 1) {
        ctx.reply.error(SYNTAX);
        return null;
      }
      count = n;
    } else if (hasValue && eqIgnoreCase(option, 'match')) {
      pattern = matchesEverything(argv[i + 1]!) ? null : argv[i + 1]!;
    } else if (hasValue && withType && eqIgnoreCase(option, 'type')) {
      type = argv[i + 1]!;
    } else {
      ctx.reply.error(SYNTAX);
      return null;
    }
  }
  return { count, pattern, type };
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The first `size` items of an iteration over a Map or LayeredMap (keys or entries, `size` its size now),
 * for one walk over what it holds now. A Map iterates in insertion order and an entry added later
 * (or deleted and added again) comes after every one that was there at the start, so stopping
 * after `size` items still visits each entry present for the whole walk, and the walk ends even
 * when entries are added as fast as it reads them.
 */
export function presentNow<T>(items: Iterator<T>, size: number): Iterator<T> {
  let left = size;
  return { next: () => (left-- > 0 ? items.next() : DONE) };
}

/** The reply to a scan of a missing key: cursor 0, no elements. */
export function replyEmptyScan(ctx: CommandContext): void {
  ctx.reply.arrayLength(2);
  ctx.reply.bulk('0');
  ctx.reply.arrayLength(0);
}

/**
 * Replies [cursor, elements]: `items` holds groups of `stride` strings (a member, or a field and
 * its value), kept when the first of the group matches `pattern`. Filters `items` in place.
 */
export function replyScan(ctx: CommandContext, cursor: number, items: string[], stride: number, pattern: string | null): void {
  if (pattern !== null) {
    let kept = 0;
    for (let i = 0; i < items.length; i += stride) {
      if (!globMatch(pattern, items[i]!)) continue;
      for (let j = 0; j < stride; j++) items[kept++] = items[i + j]!;
    }
    items.length = kept;
  }
  ctx.reply.arrayLength(2);
  ctx.reply.bulk(String(cursor));
  ctx.reply.bulkArray(items);
}
