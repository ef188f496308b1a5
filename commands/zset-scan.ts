// ZSCAN (Redis's scanGenericCommand over a sorted set). A listpack-encoded set is returned whole
// with cursor 0, as Redis does; a skiplist-encoded one is walked through its member -> score map
// with a live cursor (storage/scan-cursors.ts), so every member present for the whole scan is
// returned.

import { globMatch, matchesEverything } from '../storage/glob.js';
import { ScanCursors } from '../storage/scan-cursors.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import { INVALID_CURSOR, NOT_INTEGER, SYNTAX } from './errors.js';
import { formatDouble, formatListpackDouble } from './format-double.js';
import { parseScanCursor } from './keys-scan.js';
import type { CommandSpec } from './types.js';
import { oneKey, readZset } from './zset-parse.js';

const cursors = new ScanCursors();

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The members of a skiplist-encoded set for one ZSCAN iteration: at most as many as there were
 * at its start. A Map iterates in insertion order, so every member present for the whole scan
 * comes before any added since, and the scan ends even while members are added as fast as it
 * reads them.
 */
function entriesPresentNow(dict: Map<string, number>): Iterator<[string, number]> {
  const entries = dict.entries();
  let left = dict.size;
  return { next: () => (left-- > 0 ? entries.next() : DONE) };
}

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
    const reply = ctx.reply;
    if (z === undefined) {
      reply.arrayLength(2);
      reply.bulk('0');
      return reply.arrayLength(0);
    }
    let count = 10;
    let pattern: string | null = null;
    for (let i = 3; i < argv.length; i += 2) {
      const opt = argv[i]!;
      const hasValue = i + 1 < argv.length;
      if (hasValue && eqIgnoreCase(opt, 'count')) {
        const n = parseInteger(argv[i + 1]!);
        if (n === null) return reply.error(NOT_INTEGER);
        if (n < 1) return reply.error(SYNTAX);
        count = n;
      } else if (hasValue && eqIgnoreCase(opt, 'match')) {
        pattern = matchesEverything(argv[i + 1]!) ? null : argv[i + 1]!;
      } else {
        return reply.error(SYNTAX);
      }
    }
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
      const step = cursors.scan(dict, () => entriesPresentNow(dict), cursor, count);
      next = step.cursor;
      for (const [member, score] of step.items) {
        if (pattern !== null && !globMatch(pattern, member)) continue;
        members.push(member);
        scores.push(score);
      }
    }
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
