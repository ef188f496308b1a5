// The blocking sorted-set pops: BZPOPMIN, BZPOPMAX, BZMPOP (Redis's t_zset.c
// blockingGenericZpopCommand, bzmpopGenericCommand), on the machinery of commands/blocking.ts.

import { SortedSet } from '../storage/zset.js';
import type { Database } from '../storage/database.js';
import { TIMEOUT_HISTORY, blockingDeadline } from './blocking.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { parseMpopArguments } from './mpop-args.js';
import { popFromFirstZset } from './zset-pop.js';

function zsetReady(db: Database, key: string): boolean {
  const v = db.dict.get(key);
  return v instanceof SortedSet && v.length !== 0;
}

function blockingZpop(ctx: CommandContext, argv: string[], max: boolean): void {
  const last = argv.length - 1;
  const until = blockingDeadline(ctx, argv[last]!);
  if (until === undefined) return;
  const served = ctx.wokenBy === null ? popFromFirstZset(ctx, argv, 1, last - 1, max, -1, 'keyed') : popFromFirstZset(ctx, [ctx.wokenBy], 0, 1, max, -1, 'keyed');
  if (served) return;
  if (ctx.blocker === null) return ctx.reply.nullArray();
  ctx.blocker.block(argv.slice(1, last), until, zsetReady);
}

const POP_KEYS = [{ flags: 'RW ACCESS DELETE', begin: 1, range: { lastKey: -2, step: 1, limit: 0 } }] as const;

export const BZPOPMIN: CommandSpec = {
  name: 'bzpopmin',
  arity: -3,
  flags: ['write', 'noscript', 'blocking', 'fast'],
  acl: ['write', 'sortedset'],
  keys: POP_KEYS,
  doc: {
    summary: 'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available',
    since: '5.0.0',
    group: 'sorted-set',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    syntax: 'key [key ...] timeout',
    history: TIMEOUT_HISTORY,
  },
  exec(ctx, argv) {
    blockingZpop(ctx, argv, false);
  },
};

export const BZPOPMAX: CommandSpec = {
  name: 'bzpopmax',
  arity: -3,
  flags: ['write', 'noscript', 'blocking', 'fast'],
  acl: ['write', 'sortedset'],
  keys: POP_KEYS,
  doc: {
    summary: 'Remove and return the member with the highest score from one or more sorted sets, or block until one is available',
    since: '5.0.0',
    group: 'sorted-set',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    syntax: 'key [key ...] timeout',
    history: TIMEOUT_HISTORY,
  },
  exec(ctx, argv) {
    blockingZpop(ctx, argv, true);
  },
};

export const BZMPOP: CommandSpec = {
  name: 'bzmpop',
  arity: -5,
  flags: ['write', 'blocking', 'movablekeys'],
  acl: ['write', 'sortedset'],
  keys: [{ flags: 'RW ACCESS DELETE', begin: 2, keynum: { keyNumIdx: 0, firstKey: 1, step: 1 } }],
  doc: {
    summary: 'Remove and return members with scores in a sorted set or block until one is available',
    since: '7.0.0',
    group: 'sorted-set',
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    syntax: 'timeout numkeys key [key ...] <MIN | MAX> [COUNT count]',
  },
  exec(ctx, argv) {
    const a = parseMpopArguments(ctx, argv, 2, 'min', 'max');
    if (a === null) return;
    const max = a.where === 1;
    const until = blockingDeadline(ctx, argv[1]!);
    if (until === undefined) return;
    const served =
      ctx.wokenBy === null
        ? popFromFirstZset(ctx, argv, a.firstKey, a.numkeys, max, a.count, 'nested')
        : popFromFirstZset(ctx, [ctx.wokenBy], 0, 1, max, a.count, 'nested');
    if (served) return;
    if (ctx.blocker === null) return ctx.reply.nullArray();
    ctx.blocker.block(argv.slice(a.firstKey, a.firstKey + a.numkeys), until, zsetReady);
  },
};

export const zsetBlockingCommands: CommandSpec[] = [BZPOPMIN, BZPOPMAX, BZMPOP];
