// ZSCAN (Redis's scanGenericCommand over a sorted set). A listpack-encoded set is returned whole
// with cursor 0, as Redis does; a skiplist-encoded one is walked through its member -> score map
// with a live cursor (storage/scan-cursors.ts), so every member present for the whole scan is
// returned.

import { globMatch } from '../storage/glob.js';
import { INVALID_CURSOR } from './errors.js';
import { formatDouble, formatListpackDouble } from './format-double.js';
import { parseScanCursor, parseScanOptions, presentNow, replyEmptyScan } from './scan.js';
import type { CommandSpec } from './types.js';
import { oneKey, readZset } from './zset-parse.js';

export const ZSCAN: CommandSpec = {
  name: 'zscan',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Incrementally iterate sorted sets elements and associated scores',
    since: '2.8.0',
    group: 'sorted-set',
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    syntax: 'key cursor [MATCH pattern] [COUNT count]',
  },
  exec(ctx, argv) {
    const cursor = parseScanCursor(argv[2]!);
    if (cursor === null) return ctx.reply.error(INVALID_CURSOR);
    const z = readZset(ctx, argv[1]!);
    if (z === null) return;
    if (z === undefined) return replyEmptyScan(ctx);
    const options = parseScanOptions(ctx, argv);
    if (options === null) return;
    const { count, pattern } = options;
    const members: string[] = [];
    const scores: number[] = [];
    let next = 0;
    const dict = z.scanSource();
    if (dict === null) {
      const n = z.length;
      const c = z.cursor(0);
      for (let i = 0; i < n; i++, c.forward()) {
        if (pattern !== null && !globMatch(pattern, c.member)) continue;
        members.push(c.member);
        scores.push(c.score);
      }
    } else {
      const step = ctx.db.scanCursors.scan(dict, () => presentNow(dict.entries(), dict.size), cursor, count);
      next = step.cursor;
      for (const [member, score] of step.items) {
        if (pattern !== null && !globMatch(pattern, member)) continue;
        members.push(member);
        scores.push(score);
      }
    }
    const reply = ctx.reply;
    reply.arrayLength(2);
    reply.bulk(String(next));
    reply.arrayLength(members.length * 2);
    // A listpack hands out its scores as it stores them (d2string); a skiplist prints them.
    const format = dict === null ? formatListpackDouble : formatDouble;
    for (let i = 0; i < members.length; i++) {
      reply.bulk(members[i]!);
      reply.bulk(format(scores[i]!));
    }
  },
};
