// Sorted set commands (Redis's t_zset.c): adding, removing, counting and looking up members.
// Ranges, pops, set operations, ZRANDMEMBER and ZSCAN live in the other commands/zset-*.ts files;
// zsetCommands lists the whole family.

import { SortedSet } from '../storage/zset.js';
import { eqIgnoreCase, parseDouble } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_FLOAT, SYNTAX } from './errors.js';
import { formatDouble } from './format-double.js';
import type { CommandSpec } from './types.js';
import { collectionShrunk } from './collection.js';
import { Notify } from './notify.js';
import {
  oneKey,
  MIN_MAX_NOT_FLOAT,
  MIN_MAX_NOT_LEX,
  SCORE_IS_NAN,
  parseLexRange,
  parseScoreRange,
  readZset,
  writeZset,
} from './zset-parse.js';
import { zsetRangeCommands } from './zset-range.js';
import { zsetPopCommands } from './zset-pop.js';
import { zsetSetOpCommands } from './zset-setops.js';
import { ZRANDMEMBER } from './zset-random.js';
import { ZSCAN } from './zset-scan.js';

const NX_AND_XX = 'ERR XX and NX options at the same time are not compatible';
const GT_LT_NX = 'ERR GT, LT, and/or NX options at the same time are not compatible';
const INCR_ONE_PAIR = 'ERR INCR option supports a single increment-element pair';

/** The scores of one ZADD, parsed before anything changes (the command is all or nothing). */
const scratchScores: number[] = [];

/** ZADD and ZINCRBY (zaddGenericCommand). */
function zadd(ctx: CommandContext, argv: string[], incrCommand: boolean): void {
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = incrCommand;
  let first = 2;
  for (; first < argv.length; first++) {
    const opt = argv[first]!;
    if (eqIgnoreCase(opt, 'nx')) nx = true;
    else if (eqIgnoreCase(opt, 'xx')) xx = true;
    else if (eqIgnoreCase(opt, 'ch')) ch = true;
    else if (eqIgnoreCase(opt, 'incr')) incr = true;
    else if (eqIgnoreCase(opt, 'gt')) gt = true;
    else if (eqIgnoreCase(opt, 'lt')) lt = true;
    else break;
  }
  const args = argv.length - first;
  if (args === 0 || args % 2 !== 0) return ctx.reply.error(SYNTAX);
  if (nx && xx) return ctx.reply.error(NX_AND_XX);
  if ((gt && nx) || (lt && nx) || (gt && lt)) return ctx.reply.error(GT_LT_NX);
  if (incr && args > 2) return ctx.reply.error(INCR_ONE_PAIR);
  // A huge ZADD gets its own array, so that the shared one stays small.
  const scores = args > 2048 ? [] : scratchScores;
  scores.length = 0;
  for (let j = first; j < argv.length; j += 2) {
    const s = parseDouble(argv[j]!);
    if (s === null) return ctx.reply.error(NOT_FLOAT);
    scores.push(s);
  }
  const key = argv[1]!;
  let z = writeZset(ctx, key);
  if (z === null) return;
  const isNew = z === undefined;
  if (z === undefined) {
    if (xx) return incr ? ctx.reply.nullBulk() : ctx.reply.integer(0);
    z = new SortedSet();
  }
  const settings = ctx.keyspace.encoding;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  for (let e = 0; e < scores.length; e++) {
    score = scores[e]!;
    const member = argv[first + 2 * e + 1]!;
    const current = z.score(member);
    if (current === undefined) {
      if (xx) continue;
      z.insert(member, score, settings);
      added++;
      processed++;
      continue;
    }
    if (nx) continue;
    if (incr) {
      score += current;
      // INCR takes one pair, so nothing has changed yet.
      if (Number.isNaN(score)) return ctx.reply.error(SCORE_IS_NAN);
    }
    if ((lt && score >= current) || (gt && score <= current)) continue;
    processed++;
    if (score !== current) {
      z.update(member, current, score);
      updated++;
    }
  }
  if (isNew) ctx.db.set(key, z);
  else if (added + updated > 0) ctx.db.touched(key);
  if (added + updated > 0) ctx.notify(Notify.Zset, incr ? 'zincr' : 'zadd', key);
  if (incr) {
    if (processed > 0) ctx.reply.bulk(formatDouble(score));
    else ctx.reply.nullBulk();
  } else {
    ctx.reply.integer(ch ? added + updated : added);
  }
}

export const ZADD: CommandSpec = {
  name: 'zadd',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW UPDATE'),
  doc: {
    summary: 'Add one or more members to a sorted set, or update its score if it already exists',
    since: '1.2.0',
    group: 'sorted-set',
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    history: [
      ['2.4.0', 'Accepts multiple elements.'],
      ['3.0.2', 'Added the `XX`, `NX`, `CH` and `INCR` options.'],
      ['6.2.0', 'Added the `GT` and `LT` options.'],
    ],
    syntax: 'key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]',
  },
  exec(ctx, argv) {
    zadd(ctx, argv, false);
  },
};

export const ZINCRBY: CommandSpec = {
  name: 'zincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW ACCESS UPDATE'),
  doc: {
    summary: 'Increment the score of a member in a sorted set',
    since: '1.2.0',
    group: 'sorted-set',
    complexity: 'O(log(N)) where N is the number of elements in the sorted set.',
    syntax: 'key increment member',
  },
  exec(ctx, argv) {
    zadd(ctx, argv, true);
  },
};

export const ZREM: CommandSpec = {
  name: 'zrem',
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW DELETE'),
  doc: {
    summary: 'Remove one or more members from a sorted set',
    since: '1.2.0',
    group: 'sorted-set',
    complexity: 'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.',
    history: [['2.4.0', 'Accepts multiple elements.']],
    syntax: 'key member [member ...]',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const z = writeZset(ctx, key);
    if (z === null) return;
    if (z === undefined) return ctx.reply.integer(0);
    let deleted = 0;
    for (let j = 2; j < argv.length && z.length > 0; j++) {
      if (z.remove(argv[j]!)) deleted++;
    }
    if (deleted > 0) {
      ctx.notify(Notify.Zset, 'zrem', key);
      collectionShrunk(ctx, key, z.length);
    }
    ctx.reply.integer(deleted);
  },
};

export const ZCARD: CommandSpec = {
  name: 'zcard',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO'),
  doc: { summary: 'Get the number of members in a sorted set', since: '1.2.0', group: 'sorted-set', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const z = readZset(ctx, argv[1]!);
    if (z !== null) ctx.reply.integer(z === undefined ? 0 : z.length);
  },
};

export const ZSCORE: CommandSpec = {
  name: 'zscore',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Get the score associated with the given member in a sorted set',
    since: '1.2.0',
    group: 'sorted-set',
    complexity: 'O(1)',
    syntax: 'key member',
  },
  exec(ctx, argv) {
    const z = readZset(ctx, argv[1]!);
    if (z === null) return;
    const s = z === undefined ? undefined : z.score(argv[2]!);
    if (s === undefined) ctx.reply.nullBulk();
    else ctx.reply.bulk(formatDouble(s));
  },
};

export const ZMSCORE: CommandSpec = {
  name: 'zmscore',
  arity: -3,
  flags: ['readonly', 'fast'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Get the score associated with the given members in a sorted set',
    since: '6.2.0',
    group: 'sorted-set',
    complexity: 'O(N) where N is the number of members being requested.',
    syntax: 'key member [member ...]',
  },
  exec(ctx, argv) {
    const z = readZset(ctx, argv[1]!);
    if (z === null) return;
    ctx.reply.arrayLength(argv.length - 2);
    for (let j = 2; j < argv.length; j++) {
      const s = z === undefined ? undefined : z.score(argv[j]!);
      if (s === undefined) ctx.reply.nullBulk();
      else ctx.reply.bulk(formatDouble(s));
    }
  },
};

function zrank(ctx: CommandContext, argv: string[], reverse: boolean): void {
  const z = readZset(ctx, argv[1]!);
  if (z === null) return;
  const rank = z === undefined ? -1 : z.rank(argv[2]!);
  if (rank < 0) ctx.reply.nullBulk();
  else ctx.reply.integer(reverse ? z!.length - 1 - rank : rank);
}

export const ZRANK: CommandSpec = {
  name: 'zrank',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: { summary: 'Determine the index of a member in a sorted set', since: '2.0.0', group: 'sorted-set', complexity: 'O(log(N))', syntax: 'key member' },
  exec(ctx, argv) {
    zrank(ctx, argv, false);
  },
};

export const ZREVRANK: CommandSpec = {
  name: 'zrevrank',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Determine the index of a member in a sorted set, with scores ordered from high to low',
    since: '2.0.0',
    group: 'sorted-set',
    complexity: 'O(log(N))',
    syntax: 'key member',
  },
  exec(ctx, argv) {
    zrank(ctx, argv, true);
  },
};

export const ZCOUNT: CommandSpec = {
  name: 'zcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Count the members in a sorted set with scores within the given values',
    since: '2.0.0',
    group: 'sorted-set',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    syntax: 'key min max',
  },
  exec(ctx, argv) {
    const range = parseScoreRange(argv[2]!, argv[3]!);
    if (range === null) return ctx.reply.error(MIN_MAX_NOT_FLOAT);
    const z = readZset(ctx, argv[1]!);
    if (z === null) return;
    ctx.reply.integer(z === undefined ? 0 : Math.max(0, z.scoreEnd(range) - z.scoreStart(range)));
  },
};

export const ZLEXCOUNT: CommandSpec = {
  name: 'zlexcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  doc: {
    summary: 'Count the number of members in a sorted set between a given lexicographical range',
    since: '2.8.9',
    group: 'sorted-set',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    syntax: 'key min:string max:string',
  },
  exec(ctx, argv) {
    const range = parseLexRange(argv[2]!, argv[3]!);
    if (range === null) return ctx.reply.error(MIN_MAX_NOT_LEX);
    const z = readZset(ctx, argv[1]!);
    if (z === null) return;
    if (z === undefined) return ctx.reply.integer(0);
    const first = z.lexRangeEdge(range, false);
    ctx.reply.integer(first < 0 ? 0 : z.lexRun(range, first, false, -1));
  },
};

export const zsetCommands: CommandSpec[] = [
  ZADD,
  ZINCRBY,
  ZREM,
  ZCARD,
  ZSCORE,
  ZMSCORE,
  ZRANK,
  ZREVRANK,
  ZCOUNT,
  ZLEXCOUNT,
  ...zsetRangeCommands,
  ...zsetPopCommands,
  ...zsetSetOpCommands,
  ZRANDMEMBER,
  ZSCAN,
];
