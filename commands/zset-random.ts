// ZRANDMEMBER (Redis's zrandmemberCommand): random members, with repeats for a negative count,
// distinct ones for a positive count. Randomness comes from the context only, so the same entry
// picks the same members on every node.

import { eqIgnoreCase, parseInt64, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_INTEGER, SYNTAX } from './errors.js';
import { formatDouble } from './format-double.js';
import type { CommandSpec } from './types.js';
import { oneKey, readZset } from './zset-parse.js';
import type { SortedSet } from '../storage/zset.js';

const COUNT_OUT_OF_RANGE = 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807';
const REPLY_TOO_LONG = 'ERR value is out of range';
/** -LONG_MAX / 2: with WITHSCORES, a larger negative count would overflow the reply length. */
const MOST_NEGATIVE_WITH_SCORES = -4611686018427387903n;

function replyElement(ctx: CommandContext, z: SortedSet, rank: number, withScores: boolean): void {
  ctx.reply.bulk(z.memberAt(rank));
  if (withScores) ctx.reply.bulk(formatDouble(z.scoreAt(rank)));
}

function randomWithCount(ctx: CommandContext, z: SortedSet, l: number, withScores: boolean): void {
  const reply = ctx.reply;
  const size = z.length;
  const count = Math.abs(l);
  if (count === 0) return reply.arrayLength(0);
  if (l < 0 || count === 1) {
    reply.arrayLength(withScores ? count * 2 : count);
    for (let i = 0; i < count; i++) replyElement(ctx, z, ctx.randomInt(size), withScores);
    return;
  }
  if (count >= size) {
    // The whole set, walked from the highest member down as Redis's zuiNext walks it.
    reply.arrayLength(withScores ? size * 2 : size);
    const c = z.cursor(size - 1);
    for (let i = 0; i < size; i++, c.backward()) {
      reply.bulk(c.member);
      if (withScores) reply.bulk(formatDouble(c.score));
    }
    return;
  }
  // `count` distinct ranks (Floyd's sampling).
  const chosen = new Set<number>();
  for (let j = size - count; j < size; j++) {
    const t = ctx.randomInt(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  reply.arrayLength(withScores ? count * 2 : count);
  for (const rank of chosen) replyElement(ctx, z, rank, withScores);
}

export const ZRANDMEMBER: CommandSpec = {
  name: 'zrandmember',
  arity: -2,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: oneKey('RO ACCESS'),
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Get one or multiple random elements from a sorted set',
    since: '6.2.0',
    group: 'sorted-set',
    complexity: 'O(N) where N is the number of elements returned',
    syntax: 'key options:[count [WITHSCORES]]',
  },
  exec(ctx, argv) {
    if (argv.length >= 3) {
      const text = argv[2]!;
      const l = parseInteger(text);
      if (l === null) return ctx.reply.error(NOT_INTEGER);
      if (text === '-9223372036854775808') return ctx.reply.error(COUNT_OUT_OF_RANGE);
      if (argv.length > 4 || (argv.length === 4 && !eqIgnoreCase(argv[3]!, 'withscores'))) return ctx.reply.error(SYNTAX);
      const withScores = argv.length === 4;
      if (withScores && l < -4e18 && parseInt64(text)! < MOST_NEGATIVE_WITH_SCORES) return ctx.reply.error(REPLY_TOO_LONG);
      const z = readZset(ctx, argv[1]!);
      if (z === null) return;
      if (z === undefined) return ctx.reply.arrayLength(0);
      randomWithCount(ctx, z, l, withScores);
      return;
    }
    const z = readZset(ctx, argv[1]!);
    if (z === null) return;
    if (z === undefined) return ctx.reply.nullBulk();
    ctx.reply.bulk(z.memberAt(ctx.randomInt(z.length)));
  },
};
