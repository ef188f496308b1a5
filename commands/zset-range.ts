// Sorted set ranges (Redis's zrangeGenericCommand and zremrangeGenericCommand): ZRANGE with
// BYSCORE/BYLEX/REV/LIMIT/WITHSCORES, ZRANGESTORE, the older ZRANGEBYSCORE, ZREVRANGEBYSCORE,
// ZRANGEBYLEX, ZREVRANGEBYLEX and ZREVRANGE, and ZREMRANGEBYRANK/SCORE/LEX.
//
// Every range comes down to a starting rank, a direction and a count, known before the reply
// starts (our replies have no deferred lengths): rank ranges by arithmetic, score ranges by two
// O(log n) searches, lex ranges as SortedSet.lexRangeEdge/lexRun walk them.

import { SortedSet } from '../storage/zset.js';
import type { LexRange, ScoreRange } from '../storage/zset-range.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_INTEGER, SYNTAX } from './errors.js';
import { formatDouble } from './format-double.js';
import type { CommandSpec } from './types.js';
import { collectionShrunk } from './collection.js';
import { MIN_MAX_NOT_FLOAT, MIN_MAX_NOT_LEX, oneKey, parseLexRange, parseScoreRange, readZset, writeZset } from './zset-parse.js';
import { Notify } from './notify.js';

const BY_AUTO = 0;
const BY_RANK = 1;
const BY_SCORE = 2;
const BY_LEX = 3;

const DIRECTION_AUTO = 0;
const FORWARD = 1;
const REVERSE = 2;

const LIMIT_NEEDS_BY = 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX';
const WITHSCORES_BYLEX = 'ERR syntax error, WITHSCORES not supported in combination with BYLEX';

/**
 * The elements a rank range selects: `count` of them from rank `first`, walking backward when
 * `reverse`. Sanitised as genericZrangebyrankCommand does (negative indexes count from the end).
 */
function rankSpan(z: SortedSet, start: number, end: number, reverse: boolean, out: Span): void {
  const n = z.length;
  if (start < 0) start += n;
  if (end < 0) end += n;
  if (start < 0) start = 0;
  if (start > end || start >= n) {
    out.count = 0;
    return;
  }
  if (end >= n) end = n - 1;
  out.count = end - start + 1;
  out.first = reverse ? n - 1 - start : start;
}

/** Score range with LIMIT (genericZrangebyscoreCommand): skip `offset` from the edge, then take. */
function scoreSpan(z: SortedSet, r: ScoreRange, reverse: boolean, offset: number, limit: number, out: Span): void {
  out.count = 0;
  const n = z.length;
  // A negative offset makes Redis walk off the end of the set.
  if (offset < 0 || offset >= n) return;
  const start = z.scoreStart(r);
  const end = z.scoreEnd(r);
  if (start >= end) return;
  const p = reverse ? end - 1 - offset : start + offset;
  const run = reverse ? p - start + 1 : end - p;
  if (run <= 0) return;
  out.first = p;
  out.count = limit < 0 ? run : Math.min(run, limit);
}

function lexSpan(z: SortedSet, r: LexRange, reverse: boolean, offset: number, limit: number, out: Span): void {
  out.count = 0;
  const edge = z.lexRangeEdge(r, reverse);
  if (edge < 0 || offset < 0) return;
  const p = reverse ? edge - offset : edge + offset;
  if (p < 0 || p >= z.length) return;
  out.first = p;
  out.count = z.lexRun(r, p, reverse, limit);
}

interface Span {
  first: number;
  count: number;
}

const span: Span = { first: 0, count: 0 };

/** Replies the elements of a span (RESP2: member and score pairs flattened). */
function replySpan(ctx: CommandContext, z: SortedSet, s: Span, reverse: boolean, withScores: boolean): void {
  const reply = ctx.reply;
  const count = s.count;
  reply.arrayLength(withScores ? count * 2 : count);
  if (count === 0) return;
  const c = z.cursor(s.first);
  for (let i = 0; i < count; i++) {
    reply.bulk(c.member);
    if (withScores) reply.bulk(formatDouble(c.score));
    if (reverse) c.backward();
    else c.forward();
  }
}

/**
 * ZRANGESTORE's destination: the span, encoded as adding it element by element leaves it. Redis
 * sizes the new set by the count when it knows it in advance (a rank range: `sizeHint`).
 */
function storeSpan(ctx: CommandContext, dst: string, z: SortedSet | undefined, s: Span, reverse: boolean, sizeHint: number): void {
  const count = z === undefined ? 0 : s.count;
  if (count === 0) {
    if (ctx.db.delete(dst)) ctx.notify(Notify.Generic, 'del', dst);
    ctx.reply.integer(0);
    return;
  }
  const members: string[] = new Array(count);
  const scores: number[] = new Array(count);
  const c = z!.cursor(reverse ? s.first - count + 1 : s.first, true);
  for (let i = 0; i < count; i++, c.forward()) {
    members[i] = c.member;
    scores[i] = c.score;
  }
  ctx.db.set(dst, SortedSet.fromOrdered(members, scores, reverse, sizeHint, ctx.keyspace.encoding));
  ctx.notify(Notify.Zset, 'zrangestore', dst);
  ctx.reply.integer(count);
}

/**
 * ZRANGE, ZRANGESTORE and the older range commands. `src` is the index of the source key; `by`
 * and `direction` are fixed by the older commands and chosen by options for ZRANGE(STORE).
 */
function zrange(ctx: CommandContext, argv: string[], src: number, store: boolean, by: number, direction: number): void {
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = src + 3; j < argv.length; j++) {
    const opt = argv[j]!;
    if (!store && eqIgnoreCase(opt, 'withscores')) {
      withScores = true;
    } else if (eqIgnoreCase(opt, 'limit') && argv.length - j - 1 >= 2) {
      const o = parseInteger(argv[j + 1]!);
      if (o === null) return ctx.reply.error(NOT_INTEGER);
      const l = parseInteger(argv[j + 2]!);
      if (l === null) return ctx.reply.error(NOT_INTEGER);
      offset = o;
      limit = l;
      j += 2;
    } else if (direction === DIRECTION_AUTO && eqIgnoreCase(opt, 'rev')) {
      direction = REVERSE;
    } else if (by === BY_AUTO && eqIgnoreCase(opt, 'bylex')) {
      by = BY_LEX;
    } else if (by === BY_AUTO && eqIgnoreCase(opt, 'byscore')) {
      by = BY_SCORE;
    } else {
      return ctx.reply.error(SYNTAX);
    }
  }
  if (by === BY_AUTO) by = BY_RANK;
  const reverse = direction === REVERSE;
  // "LIMIT x -1" is no limit at all, even for a rank range.
  if (limit !== -1 && by === BY_RANK) return ctx.reply.error(LIMIT_NEEDS_BY);
  if (withScores && by === BY_LEX) return ctx.reply.error(WITHSCORES_BYLEX);
  // The reverse forms take the range as max then min.
  const minArg = argv[reverse && by !== BY_RANK ? src + 2 : src + 1]!;
  const maxArg = argv[reverse && by !== BY_RANK ? src + 1 : src + 2]!;
  let start = 0;
  let end = 0;
  let scores: ScoreRange | null = null;
  let lex: LexRange | null = null;
  if (by === BY_RANK) {
    const a = parseInteger(minArg);
    if (a === null) return ctx.reply.error(NOT_INTEGER);
    const b = parseInteger(maxArg);
    if (b === null) return ctx.reply.error(NOT_INTEGER);
    start = a;
    end = b;
  } else if (by === BY_SCORE) {
    scores = parseScoreRange(minArg, maxArg);
    if (scores === null) return ctx.reply.error(MIN_MAX_NOT_FLOAT);
  } else {
    lex = parseLexRange(minArg, maxArg);
    if (lex === null) return ctx.reply.error(MIN_MAX_NOT_LEX);
  }
  const z = readZset(ctx, argv[src]!);
  if (z === null) return;
  if (z === undefined) {
    if (store) storeSpan(ctx, argv[1]!, undefined, span, reverse, 0);
    else ctx.reply.arrayLength(0);
    return;
  }
  if (by === BY_RANK) rankSpan(z, start, end, reverse, span);
  else if (by === BY_SCORE) scoreSpan(z, scores!, reverse, offset, limit, span);
  else lexSpan(z, lex!, reverse, offset, limit, span);
  if (store) storeSpan(ctx, argv[1]!, z, span, reverse, by === BY_RANK ? span.count : 0);
  else replySpan(ctx, z, span, reverse, withScores);
}

const RANGE_HISTORY: Array<[string, string]> = [['6.2.0', 'Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options.']];
const RANGE_COMPLEXITY = 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.';
const BY_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).';

export const ZRANGE: CommandSpec = {
  name: 'zrange',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Return a range of members in a sorted set',
    since: '1.2.0',
    group: 'sorted-set',
    complexity: RANGE_COMPLEXITY,
    history: RANGE_HISTORY,
    syntax: 'key start:string stop:string [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]',
  },
  exec(ctx, argv) {
    zrange(ctx, argv, 1, false, BY_AUTO, DIRECTION_AUTO);
  },
};

export const ZRANGESTORE: CommandSpec = {
  name: 'zrangestore',
  arity: -5,
  flags: ['write', 'denyoom'],
  acl: ['write', 'sortedset'],
  keys: [...oneKey('OW UPDATE'), ...oneKey('RO ACCESS', 2)],
  doc: {
    summary: 'Store a range of members from sorted set into another key',
    since: '6.2.0',
    group: 'sorted-set',
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
    syntax: 'dst src min:string max:string [BYSCORE | BYLEX] [REV] [LIMIT offset count]',
  },
  exec(ctx, argv) {
    zrange(ctx, argv, 2, true, BY_AUTO, DIRECTION_AUTO);
  },
};

export const ZRANGEBYSCORE: CommandSpec = {
  name: 'zrangebyscore',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Return a range of members in a sorted set, by score',
    since: '1.0.5',
    group: 'sorted-set',
    complexity: BY_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`ZRANGE` with the `BYSCORE` argument',
    history: [['2.0.0', 'Added the `WITHSCORES` modifier.']],
    syntax: 'key min max [WITHSCORES] [LIMIT offset count]',
  },
  exec(ctx, argv) {
    zrange(ctx, argv, 1, false, BY_SCORE, FORWARD);
  },
};

export const ZREVRANGEBYSCORE: CommandSpec = {
  name: 'zrevrangebyscore',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Return a range of members in a sorted set, by score, with scores ordered from high to low',
    since: '2.2.0',
    group: 'sorted-set',
    complexity: BY_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`ZRANGE` with the `REV` and `BYSCORE` arguments',
    history: [['2.1.6', '`min` and `max` can be exclusive.']],
    syntax: 'key max min [WITHSCORES] [LIMIT offset count]',
  },
  exec(ctx, argv) {
    zrange(ctx, argv, 1, false, BY_SCORE, REVERSE);
  },
};

export const ZRANGEBYLEX: CommandSpec = {
  name: 'zrangebylex',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Return a range of members in a sorted set, by lexicographical range',
    since: '2.8.9',
    group: 'sorted-set',
    complexity: BY_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`ZRANGE` with the `BYLEX` argument',
    syntax: 'key min:string max:string [LIMIT offset count]',
  },
  exec(ctx, argv) {
    zrange(ctx, argv, 1, false, BY_LEX, FORWARD);
  },
};

export const ZREVRANGEBYLEX: CommandSpec = {
  name: 'zrevrangebylex',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.',
    since: '2.8.9',
    group: 'sorted-set',
    complexity: BY_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`ZRANGE` with the `REV` and `BYLEX` arguments',
    syntax: 'key max:string min:string [LIMIT offset count]',
  },
  exec(ctx, argv) {
    zrange(ctx, argv, 1, false, BY_LEX, REVERSE);
  },
};

export const ZREVRANGE: CommandSpec = {
  name: 'zrevrange',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Return a range of members in a sorted set, by index, with scores ordered from high to low',
    since: '1.2.0',
    group: 'sorted-set',
    complexity: RANGE_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`ZRANGE` with the `REV` argument',
    syntax: 'key start stop [WITHSCORES]',
  },
  exec(ctx, argv) {
    zrange(ctx, argv, 1, false, BY_RANK, REVERSE);
  },
};

/** ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX: the range is parsed before the lookup. */
function zremrange(ctx: CommandContext, argv: string[], by: number): void {
  let start = 0;
  let end = 0;
  let scores: ScoreRange | null = null;
  let lex: LexRange | null = null;
  if (by === BY_RANK) {
    const a = parseInteger(argv[2]!);
    const b = a === null ? null : parseInteger(argv[3]!);
    if (a === null || b === null) return ctx.reply.error(NOT_INTEGER);
    start = a;
    end = b;
  } else if (by === BY_SCORE) {
    scores = parseScoreRange(argv[2]!, argv[3]!);
    if (scores === null) return ctx.reply.error(MIN_MAX_NOT_FLOAT);
  } else {
    lex = parseLexRange(argv[2]!, argv[3]!);
    if (lex === null) return ctx.reply.error(MIN_MAX_NOT_LEX);
  }
  const key = argv[1]!;
  const z = writeZset(ctx, key);
  if (z === null) return;
  if (z === undefined) return ctx.reply.integer(0);
  if (by === BY_RANK) rankSpan(z, start, end, false, span);
  else if (by === BY_SCORE) scoreSpan(z, scores!, false, 0, -1, span);
  else lexSpan(z, lex!, false, 0, -1, span);
  const count = span.count;
  if (count > 0) {
    z.removeRange(span.first, count);
    ctx.notify(Notify.Zset, by === BY_RANK ? 'zremrangebyrank' : by === BY_SCORE ? 'zremrangebyscore' : 'zremrangebylex', key);
    collectionShrunk(ctx, key, z.length);
  }
  ctx.reply.integer(count);
}

const REMOVE_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.';

export const ZREMRANGEBYRANK: CommandSpec = {
  name: 'zremrangebyrank',
  arity: 4,
  flags: ['write'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW DELETE'),
  doc: {
    summary: 'Remove all members in a sorted set within the given indexes',
    since: '2.0.0',
    group: 'sorted-set',
    complexity: REMOVE_COMPLEXITY,
    syntax: 'key start stop',
  },
  exec(ctx, argv) {
    zremrange(ctx, argv, BY_RANK);
  },
};

export const ZREMRANGEBYSCORE: CommandSpec = {
  name: 'zremrangebyscore',
  arity: 4,
  flags: ['write'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW DELETE'),
  doc: {
    summary: 'Remove all members in a sorted set within the given scores',
    since: '1.2.0',
    group: 'sorted-set',
    complexity: REMOVE_COMPLEXITY,
    syntax: 'key min max',
  },
  exec(ctx, argv) {
    zremrange(ctx, argv, BY_SCORE);
  },
};

export const ZREMRANGEBYLEX: CommandSpec = {
  name: 'zremrangebylex',
  arity: 4,
  flags: ['write'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW DELETE'),
  doc: {
    summary: 'Remove all members in a sorted set between the given lexicographical range',
    since: '2.8.9',
    group: 'sorted-set',
    complexity: REMOVE_COMPLEXITY,
    syntax: 'key min:string max:string',
  },
  exec(ctx, argv) {
    zremrange(ctx, argv, BY_LEX);
  },
};

export const zsetRangeCommands: CommandSpec[] = [
  ZRANGE,
  ZRANGESTORE,
  ZRANGEBYSCORE,
  ZREVRANGEBYSCORE,
  ZRANGEBYLEX,
  ZREVRANGEBYLEX,
  ZREVRANGE,
  ZREMRANGEBYRANK,
  ZREMRANGEBYSCORE,
  ZREMRANGEBYLEX,
];
