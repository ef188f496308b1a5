// SSCAN (Redis's scanGenericCommand over a set; the parts every *SCAN shares are in scan.ts).
//
// A compact value (intset, listpack) is returned whole with cursor 0, whatever the cursor, as
// Redis does. A hash table is walked through the database's ScanCursors: a cursor names a live
// iterator of the value, so every element present from start to end is returned once.

import type { CommandSpec } from './types.js';
import { INVALID_CURSOR } from './errors.js';
import { parseScanCursor, parseScanOptions, replyEmptyScan, replyScan } from './scan.js';
import { keyAt, setToRead } from './set-lookup.js';

// hash.ts (HSCAN) imports these from here until it takes them from scan.ts.
export { parseScanOptions, replyEmptyScan, replyScan } from './scan.js';

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
