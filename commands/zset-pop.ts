// Popping the lowest or highest members (Redis's genericZpopCommand): ZPOPMIN, ZPOPMAX and ZMPOP.
// popFromFirstZset is also what serves BZPOPMIN, BZPOPMAX and BZMPOP once a key has elements;
// mpop-args.ts parses ZMPOP's and BZMPOP's arguments.

import { SortedSet } from '../storage/zset.js';
import { parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { OUT_OF_RANGE_POSITIVE, SYNTAX, WRONGTYPE } from './errors.js';
import { formatDouble } from './format-double.js';
import type { CommandSpec } from './types.js';
import { collectionShrunk } from './collection.js';
import { parseMpopArguments } from './mpop-args.js';
import { oneKey } from './zset-parse.js';
import { Notify } from './notify.js';

/** How a pop is replied. */
export type ZpopShape =
  /** ZPOPMIN/ZPOPMAX: member, score, member, score... */
  | 'flat'
  /** BZPOPMIN/BZPOPMAX: key, member, score. */
  | 'keyed'
  /** ZMPOP/BZMPOP: key, then [[member, score], ...]. */
  | 'nested';

/**
 * Pops up to `count` members (at least one) from the low end of a sorted set, or the high end
 * when `max`, replying them in `shape`; deletes the key when the set is left empty.
 */
export function popAndReply(ctx: CommandContext, key: string, z: SortedSet, max: boolean, count: number, shape: ZpopShape): void {
  const reply = ctx.reply;
  const n = Math.min(count, z.length);
  if (shape === 'flat') {
    reply.arrayLength(n * 2);
  } else if (shape === 'keyed') {
    reply.arrayLength(n * 2 + 1);
    reply.bulk(key);
  } else {
    reply.arrayLength(2);
    reply.bulk(key);
    reply.arrayLength(n);
  }
  const first = max ? z.length - 1 : 0;
  const c = z.cursor(first);
  for (let i = 0; i < n; i++) {
    if (shape === 'nested') reply.arrayLength(2);
    reply.bulk(c.member);
    reply.bulk(formatDouble(c.score));
    if (max) c.backward();
    else c.forward();
  }
  z.removeRange(max ? z.length - n : 0, n);
  ctx.notify(Notify.Zset, max ? 'zpopmax' : 'zpopmin', key);
  collectionShrunk(ctx, key, z.length);
}

/**
 * ZPOPMIN/ZPOPMAX/ZMPOP and the serving of BZPOPMIN/BZPOPMAX/BZMPOP: pops from the first key of
 * argv[firstKey..firstKey+numkeys) that exists (WRONGTYPE when that key is not a sorted set).
 * Returns false, having replied nothing, when none of the keys exists. `count` < 0 means one.
 */
export function popFromFirstZset(
  ctx: CommandContext,
  argv: readonly string[],
  firstKey: number,
  numkeys: number,
  max: boolean,
  count: number,
  shape: ZpopShape,
): boolean {
  for (let j = firstKey; j < firstKey + numkeys; j++) {
    const key = argv[j]!;
    const v = ctx.db.getForWrite(key, ctx.now);
    if (v === undefined) continue;
    if (!(v instanceof SortedSet)) {
      ctx.reply.error(WRONGTYPE);
      return true;
    }
    if (count === 0) ctx.reply.arrayLength(0);
    else popAndReply(ctx, key, v, max, count < 0 ? 1 : count, shape);
    return true;
  }
  return false;
}

function zpop(ctx: CommandContext, argv: string[], max: boolean): void {
  if (argv.length > 3) return ctx.reply.error(SYNTAX);
  let count = -1;
  if (argv.length === 3) {
    const n = parseInteger(argv[2]!);
    if (n === null || n < 0) return ctx.reply.error(OUT_OF_RANGE_POSITIVE);
    count = n;
  }
  if (!popFromFirstZset(ctx, argv, 1, 1, max, count, 'flat')) ctx.reply.arrayLength(0);
}

const POP_COMPLEXITY = 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.';

export const ZPOPMIN: CommandSpec = {
  name: 'zpopmin',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW ACCESS DELETE'),
  doc: {
    summary: 'Remove and return members with the lowest scores in a sorted set',
    since: '5.0.0',
    group: 'sorted-set',
    complexity: POP_COMPLEXITY,
    syntax: 'key [count]',
  },
  exec(ctx, argv) {
    zpop(ctx, argv, false);
  },
};

export const ZPOPMAX: CommandSpec = {
  name: 'zpopmax',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['write', 'sortedset'],
  keys: oneKey('RW ACCESS DELETE'),
  doc: {
    summary: 'Remove and return members with the highest scores in a sorted set',
    since: '5.0.0',
    group: 'sorted-set',
    complexity: POP_COMPLEXITY,
    syntax: 'key [count]',
  },
  exec(ctx, argv) {
    zpop(ctx, argv, true);
  },
};

export const ZMPOP: CommandSpec = {
  name: 'zmpop',
  arity: -4,
  flags: ['write'],
  acl: ['write', 'sortedset'],
  keys: [{ flags: 'RW ACCESS DELETE', begin: 1, keynum: { keyNumIdx: 0, firstKey: 1, step: 1 } }],
  doc: {
    summary: 'Remove and return members with scores in a sorted set',
    since: '7.0.0',
    group: 'sorted-set',
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    syntax: 'numkeys key [key ...] <MIN | MAX> [COUNT count]',
  },
  exec(ctx, argv) {
    const a = parseMpopArguments(ctx, argv, 1, 'min', 'max');
    if (a === null) return;
    if (!popFromFirstZset(ctx, argv, a.firstKey, a.numkeys, a.where === 1, a.count, 'nested')) ctx.reply.nullArray();
  },
};

export const zsetPopCommands: CommandSpec[] = [ZPOPMIN, ZPOPMAX, ZMPOP];
