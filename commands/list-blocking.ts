// The blocking list commands: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP (Redis's t_list.c
// blockingPopGenericCommand, blmoveGenericCommand, blmpopGenericCommand). Each serves at once
// when a list has elements; otherwise it parks the client (commands/blocking.ts) and is run again
// through the write path when a push makes one of its keys ready — served from that key alone
// (ctx.wokenBy), as Redis does. Inside MULTI (no blocker) it answers as its non-blocking form would.

import { ListValue } from '../storage/list.js';
import type { Database } from '../storage/database.js';
import { TIMEOUT_HISTORY, blockingDeadline } from './blocking.js';
import type { CommandContext } from './context.js';
import { SYNTAX } from './errors.js';
import {
  LIST_HEAD,
  LIST_TAIL,
  moveElement,
  parseListEnd,
  popOneFromFirstList,
  popRangeFromFirstList,
  type ListEnd,
} from './list-pop.js';
import type { CommandSpec } from './types.js';
import { parseMpopArguments } from './mpop-args.js';

/** A key is ready for a blocked list pop when it holds a non-empty list. */
function listReady(db: Database, key: string): boolean {
  const v = db.dict.get(key);
  return v instanceof ListValue && v.length !== 0;
}


function blockingPop(ctx: CommandContext, argv: string[], where: ListEnd): void {
  const last = argv.length - 1;
  const until = blockingDeadline(ctx, argv[last]!);
  if (until === undefined) return;
  const served = ctx.wokenBy === null ? popOneFromFirstList(ctx, argv, 1, last, where) : popOneFromFirstList(ctx, [ctx.wokenBy], 0, 1, where);
  if (served) return;
  if (ctx.blocker === null) return ctx.reply.nullArray();
  ctx.blocker.block(argv.slice(1, last), until, listReady);
}

function blockingMove(ctx: CommandContext, argv: string[], from: ListEnd, to: ListEnd, timeoutArg: string): void {
  const until = blockingDeadline(ctx, timeoutArg);
  if (until === undefined) return;
  if (moveElement(ctx, argv[1]!, argv[2]!, from, to)) return;
  if (ctx.blocker === null) return ctx.reply.nullBulk();
  ctx.blocker.block([argv[1]!], until, listReady);
}

const POP_KEYS = [{ flags: 'RW ACCESS DELETE', begin: 1, range: { lastKey: -2, step: 1, limit: 0 } }] as const;
const MOVE_KEYS = [
  { flags: 'RW ACCESS DELETE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } },
  { flags: 'RW INSERT', begin: 2, range: { lastKey: 0, step: 1, limit: 0 } },
] as const;

export const BLPOP: CommandSpec = {
  name: 'blpop',
  arity: -3,
  flags: ['write', 'noscript', 'blocking'],
  acl: ['write', 'list'],
  keys: POP_KEYS,
  doc: {
    summary: 'Remove and get the first element in a list, or block until one is available',
    since: '2.0.0',
    group: 'list',
    complexity: 'O(N) where N is the number of provided keys.',
    syntax: 'key [key ...] timeout',
    history: TIMEOUT_HISTORY,
  },
  exec(ctx, argv) {
    blockingPop(ctx, argv, LIST_HEAD);
  },
};

export const BRPOP: CommandSpec = {
  name: 'brpop',
  arity: -3,
  flags: ['write', 'noscript', 'blocking'],
  acl: ['write', 'list'],
  keys: POP_KEYS,
  doc: {
    summary: 'Remove and get the last element in a list, or block until one is available',
    since: '2.0.0',
    group: 'list',
    complexity: 'O(N) where N is the number of provided keys.',
    syntax: 'key [key ...] timeout',
    history: TIMEOUT_HISTORY,
  },
  exec(ctx, argv) {
    blockingPop(ctx, argv, LIST_TAIL);
  },
};

export const BLMOVE: CommandSpec = {
  name: 'blmove',
  arity: 6,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  acl: ['write', 'list'],
  keys: MOVE_KEYS,
  doc: {
    summary: 'Pop an element from a list, push it to another list and return it; or block until one is available',
    since: '6.2.0',
    group: 'list',
    complexity: 'O(1)',
    syntax: 'source destination wherefrom:<LEFT | RIGHT> whereto:<LEFT | RIGHT> timeout',
  },
  exec(ctx, argv) {
    const from = parseListEnd(argv[3]!);
    const to = from === -1 ? -1 : parseListEnd(argv[4]!);
    if (from === -1 || to === -1) return ctx.reply.error(SYNTAX);
    blockingMove(ctx, argv, from, to, argv[5]!);
  },
};

export const BRPOPLPUSH: CommandSpec = {
  name: 'brpoplpush',
  arity: 4,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  acl: ['write', 'list'],
  keys: MOVE_KEYS,
  doc: {
    summary: 'Pop an element from a list, push it to another list and return it; or block until one is available',
    since: '2.2.0',
    group: 'list',
    complexity: 'O(1)',
    syntax: 'source destination timeout',
    deprecatedSince: '6.2.0',
    replacedBy: '`BLMOVE` with the `RIGHT` and `LEFT` arguments',
    docFlags: ['deprecated'],
    history: TIMEOUT_HISTORY,
  },
  exec(ctx, argv) {
    blockingMove(ctx, argv, LIST_TAIL, LIST_HEAD, argv[3]!);
  },
};

export const BLMPOP: CommandSpec = {
  name: 'blmpop',
  arity: -5,
  flags: ['write', 'blocking', 'movablekeys'],
  acl: ['write', 'list'],
  keys: [{ flags: 'RW ACCESS DELETE', begin: 2, keynum: { keyNumIdx: 0, firstKey: 1, step: 1 } }],
  doc: {
    summary: 'Pop elements from a list, or block until one is available',
    since: '7.0.0',
    group: 'list',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    syntax: 'timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count]',
  },
  exec(ctx, argv) {
    // Redis checks numkeys, the direction and COUNT before the timeout.
    const args = parseMpopArguments(ctx, argv, 2, 'left', 'right');
    if (args === null) return;
    const until = blockingDeadline(ctx, argv[1]!);
    if (until === undefined) return;
    const served =
      ctx.wokenBy === null
        ? popRangeFromFirstList(ctx, argv, args.firstKey, args.numkeys, args.where, args.count)
        : popRangeFromFirstList(ctx, [ctx.wokenBy], 0, 1, args.where, args.count);
    if (served) return;
    if (ctx.blocker === null) return ctx.reply.nullArray();
    ctx.blocker.block(argv.slice(args.firstKey, args.firstKey + args.numkeys), until, listReady);
  },
};

export const listBlockingCommands: CommandSpec[] = [BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP];
