// SPOP and SRANDMEMBER (Redis 7.0's t_set.c), with the strategies Redis picks by count, and the
// helpers HRANDFIELD shares with them. Randomness comes from ctx (the entry's seed), so a
// replicated SPOP removes the same members on every node.

import { SetValue, type RandomSource } from '../storage/set.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { parseInteger } from './args.js';
import { NOT_INTEGER, NOT_IN_LONG_RANGE, OUT_OF_RANGE_POSITIVE, SYNTAX } from './errors.js';
import { union } from './set-algebra.js';
import { keyAt, replyMembers, setToRead, setToWrite } from './set-lookup.js';
import { Notify } from './notify.js';
import { collectionShrunk } from './collection.js';

/** SPOP keeps popping at random while the members left are more than 1/5 of those popped. */
const SPOP_MOVE_STRATEGY_MUL = 5;
/** Unique random picks copy the whole collection when the count is more than 1/3 of it. */
export const SUB_STRATEGY_MUL = 3;

/** A random count in [-LONG_MAX, LONG_MAX] (only LONG_MIN is refused); null after replying the error. */
export function parseRandomCount(ctx: CommandContext, text: string): number | null {
  const n = parseInteger(text);
  if (n === null) ctx.reply.error(NOT_INTEGER);
  else if (text === '-9223372036854775808') ctx.reply.error(NOT_IN_LONG_RANGE);
  else return n;
  return null;
}

/**
 * Moves `n` groups of `stride` strings, chosen uniformly at random, to the front of `items` in
 * random order (a partial Fisher-Yates shuffle).
 */
export function shuffleFront(items: string[], n: number, stride: number, rng: RandomSource): void {
  const groups = items.length / stride;
  for (let k = 0; k < n; k++) {
    const j = k + rng.randomInt(groups - k);
    if (j === k) continue;
    for (let s = 0; s < stride; s++) {
      const t = items[k * stride + s]!;
      items[k * stride + s] = items[j * stride + s]!;
      items[j * stride + s] = t;
    }
  }
}

function srandmemberWithCount(ctx: CommandContext, key: string, text: string): void {
  const count = parseRandomCount(ctx, text);
  if (count === null) return;
  const set = setToRead(ctx, key);
  if (set === null) return;
  if (set === undefined || count === 0) return ctx.reply.arrayLength(0);
  const size = set.length;
  const n = Math.abs(count);
  // A negative count may repeat members: n independent picks, in random order.
  if (count < 0 || n === 1) {
    ctx.reply.arrayLength(n);
    for (let i = 0; i < n; i++) ctx.reply.bulk(set.random(ctx));
    return;
  }
  if (n >= size) return replyMembers(ctx, set);
  ctx.reply.arrayLength(n);
  if (n * SUB_STRATEGY_MUL > size) {
    const members = set.toArray();
    shuffleFront(members, n, 1, ctx);
    for (let i = 0; i < n; i++) ctx.reply.bulk(members[i]!);
    return;
  }
  const picked = new Set<string>();
  while (picked.size < n) {
    const member = set.random(ctx);
    if (picked.has(member)) continue;
    picked.add(member);
    ctx.reply.bulk(member);
  }
}

export const SRANDMEMBER: CommandSpec = {
  name: 'srandmember',
  arity: -2,
  flags: ['readonly'],
  acl: ['set'],
  keys: [keyAt(1, 'RO ACCESS')],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Get one or multiple random members from a set',
    since: '1.0.0',
    group: 'set',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    history: [['2.6.0', 'Added the optional `count` argument.']],
    syntax: 'key [count]',
  },
  exec(ctx, argv) {
    if (argv.length === 3) return srandmemberWithCount(ctx, argv[1]!, argv[2]!);
    if (argv.length > 3) return ctx.reply.error(SYNTAX);
    const set = setToRead(ctx, argv[1]!);
    if (set === null) return;
    if (set === undefined) return ctx.reply.nullBulk();
    ctx.reply.bulk(set.random(ctx));
  },
};

/**
 * SPOP key count once the count is known to be positive: pops min(count, size) members and
 * replies with them. `set` is the non-empty set at `key`.
 */
function popMembers(ctx: CommandContext, key: string, set: SetValue, count: number): void {
  const db = ctx.db;
  const size = set.length;
  ctx.notify(Notify.Set, 'spop', key);
  if (count >= size) {
    // Redis answers with SUNION of the one set, whose order (an intset's, ascending) shows.
    replyMembers(ctx, union([set], ctx.keyspace.encoding));
    db.delete(key);
    ctx.notify(Notify.Generic, 'del', key);
    return;
  }
  ctx.reply.arrayLength(count);
  let remaining = size - count;
  if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
    for (let i = 0; i < count; i++) ctx.reply.bulk(set.popRandom(ctx));
    db.touched(key);
    return;
  }
  // Popping most of the set: move the members that stay into a new set and return the old one.
  const settings = ctx.keyspace.encoding;
  let kept: SetValue | null = null;
  while (remaining-- > 0) {
    const member = set.popRandom(ctx);
    kept ??= SetValue.startingWith(member);
    kept.add(member, settings);
  }
  for (let i = 0; i < count; i++) ctx.reply.bulk(set.at(i));
  db.replace(key, kept!);
}

export const SPOP: CommandSpec = {
  name: 'spop',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['set'],
  keys: [keyAt(1, 'RW ACCESS DELETE')],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Remove and return one or multiple random members from a set',
    since: '1.0.0',
    group: 'set',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    history: [['3.2.0', 'Added the `count` argument.']],
    syntax: 'key [count]',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    if (argv.length > 3) return ctx.reply.error(SYNTAX);
    let count = -1;
    if (argv.length === 3) {
      const n = parseInteger(argv[2]!);
      if (n === null || n < 0) return ctx.reply.error(OUT_OF_RANGE_POSITIVE);
      count = n;
    }
    const set = setToWrite(ctx, key);
    if (set === null) return;
    if (set === undefined) return count < 0 ? ctx.reply.nullBulk() : ctx.reply.arrayLength(0);
    if (count >= 0) return count === 0 ? ctx.reply.arrayLength(0) : popMembers(ctx, key, set, count);
    ctx.reply.bulk(set.popRandom(ctx));
    ctx.notify(Notify.Set, 'spop', key);
    collectionShrunk(ctx, key, set.length);
  },
};

export const setRandomCommands: CommandSpec[] = [SPOP, SRANDMEMBER];
