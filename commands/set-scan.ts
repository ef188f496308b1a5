// SSCAN, and the parts of Redis's scanGenericCommand that HSCAN shares with it.
//
// A compact value (intset, listpack) is returned whole with cursor 0, whatever the cursor, as
// Redis does. A hash table is walked through the database's ScanCursors: a cursor names a live
// iterator of the value, so every element present from start to end is returned once.

import { globMatch } from '../storage/glob.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import { INVALID_CURSOR, NOT_INTEGER, SYNTAX } from './errors.js';
import { parseScanCursor } from './keys-scan.js';
import { keyAt, setToRead } from './set-lookup.js';

export interface ScanOptions {
  count: number;
  /** Null when every element matches. */
  pattern: string | null;
}

/** [MATCH pattern] [COUNT count] after the cursor (argv[3...]); null after replying an error. */
export function parseScanOptions(ctx: CommandContext, argv: readonly string[]): ScanOptions | null {
  let count = 10;
  let pattern: string | null = null;
  for (let i = 3; i < argv.length; i += 2) {
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
      pattern = argv[i + 1] === '*' ? null : argv[i + 1]!;
    } else {
      ctx.reply.error(SYNTAX);
      return null;
    }
  }
  return { count, pattern };
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

export const SSCAN: CommandSpec = {
  name: 'sscan',
  arity: -3,
  flags: ['readonly'],
  acl: ['set'],
  keys: [keyAt(1, 'RO ACCESS')],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Incrementally iterate Set elements',
    since: '2.8.0',
    group: 'set',
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    syntax: 'key cursor [MATCH pattern] [COUNT count]',
  },
  exec(ctx, argv) {
    const cursor = parseScanCursor(argv[2]!);
    if (cursor === null) return ctx.reply.error(INVALID_CURSOR);
    const set = setToRead(ctx, argv[1]!);
    if (set === null) return;
    if (set === undefined) return replyEmptyScan(ctx);
    const options = parseScanOptions(ctx, argv);
    if (options === null) return;
    if (set.isCompact) return replyScan(ctx, 0, set.toArray(), 1, options.pattern);
    const step = ctx.db.scanCursors.scan(set, () => set.scanMembers(), cursor, options.count);
    replyScan(ctx, step.cursor, step.items, 1, options.pattern);
  },
};
