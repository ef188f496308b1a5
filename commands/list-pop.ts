// List commands that take elements out of a list: LPOP, RPOP, LMOVE, RPOPLPUSH, LMPOP (Redis's
// t_list.c popGenericCommand, lmoveGenericCommand, mpopGenericCommand).
//
// The blocking forms (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP) reuse the exported helpers: each
// either serves the command and writes its reply, or returns false having written nothing when
// there is nothing to pop, which is when a blocking form blocks.

import { ListValue } from '../storage/list.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { OUT_OF_RANGE_POSITIVE, SYNTAX, WRONGTYPE, wrongArity } from './errors.js';
import { parseMpopArguments } from './mpop-args.js';
import { collectionShrunk } from './collection.js';
import type { CommandSpec } from './types.js';
import { Notify } from './notify.js';

/** The end of a list an element is taken from or put at (Redis's LIST_HEAD / LIST_TAIL). */
export const LIST_HEAD = 0;
export const LIST_TAIL = 1;
export type ListEnd = typeof LIST_HEAD | typeof LIST_TAIL;

/** LEFT or RIGHT in any case; -1 for anything else (the caller replies a syntax error). */
export function parseListEnd(s: string): ListEnd | -1 {
  if (eqIgnoreCase(s, 'left')) return LIST_HEAD;
  if (eqIgnoreCase(s, 'right')) return LIST_TAIL;
  return -1;
}

function pop(list: ListValue, where: ListEnd): string {
  return (where === LIST_HEAD ? list.popHead() : list.popTail())!;
}

function push(list: ListValue, where: ListEnd, v: string): void {
  if (where === LIST_HEAD) list.pushHead(v);
  else list.pushTail(v);
}

/** After elements were popped from `where` (Redis's listElementsRemoved). */
function listPopped(ctx: CommandContext, key: string, list: ListValue, where: ListEnd): void {
  ctx.notify(Notify.List, where === LIST_HEAD ? 'lpop' : 'rpop', key);
  collectionShrunk(ctx, key, list.length);
}

/** Pops up to `count` elements from `where` and replies them as an array (Redis's listPopRangeAndReply). */
function popRangeAndReply(ctx: CommandContext, key: string, list: ListValue, where: ListEnd, count: number): void {
  const n = Math.min(count, list.length);
  ctx.reply.arrayLength(n);
  for (let i = 0; i < n; i++) ctx.reply.bulk(pop(list, where));
  listPopped(ctx, key, list, where);
}

/**
 * LMOVE and the serving of BLMOVE: moves one element from `source` to `destination` and replies
 * it. Returns false, having replied nothing, when `source` does not exist.
 */
export function moveElement(ctx: CommandContext, source: string, destination: string, from: ListEnd, to: ListEnd): boolean {
  const db = ctx.db;
  const src = db.getForWrite(source, ctx.now);
  if (src === undefined) return false;
  if (!(src instanceof ListValue)) {
    ctx.reply.error(WRONGTYPE);
    return true;
  }
  const dst = db.getForWrite(destination, ctx.now);
  if (dst !== undefined && !(dst instanceof ListValue)) {
    ctx.reply.error(WRONGTYPE);
    return true;
  }
  const v = pop(src, from);
  if (dst === undefined) {
    db.set(destination, new ListValue([v]));
  } else {
    push(dst, to, v);
    db.touched(destination);
  }
  ctx.notify(Notify.List, to === LIST_HEAD ? 'lpush' : 'rpush', destination);
  // Same key: the element went back in, so the list is never empty here.
  listPopped(ctx, source, src, from);
  ctx.reply.bulk(v);
  return true;
}

/**
 * The serving of BLPOP/BRPOP: pops one element from the first non-empty list among
 * argv[from..to) and replies [key, element]. Keys up to that list are type-checked (WRONGTYPE is
 * a reply). Returns false, having replied nothing, when none of the keys exists.
 */
export function popOneFromFirstList(ctx: CommandContext, argv: readonly string[], from: number, to: number, where: ListEnd): boolean {
  for (let j = from; j < to; j++) {
    const key = argv[j]!;
    const v = ctx.db.getForWrite(key, ctx.now);
    if (v === undefined) continue;
    if (!(v instanceof ListValue)) {
      ctx.reply.error(WRONGTYPE);
      return true;
    }
    ctx.reply.arrayLength(2);
    ctx.reply.bulk(key);
    ctx.reply.bulk(pop(v, where));
    listPopped(ctx, key, v, where);
    return true;
  }
  return false;
}

/**
 * LMPOP and the serving of BLMPOP: pops up to `count` elements from the first non-empty list
 * among argv[firstKey..firstKey+numkeys) and replies [key, [elements]]. Returns false, having
 * replied nothing, when none of the keys exists.
 */
export function popRangeFromFirstList(ctx: CommandContext, argv: readonly string[], firstKey: number, numkeys: number, where: ListEnd, count: number): boolean {
  for (let j = firstKey; j < firstKey + numkeys; j++) {
    const key = argv[j]!;
    const v = ctx.db.getForWrite(key, ctx.now);
    if (v === undefined) continue;
    if (!(v instanceof ListValue)) {
      ctx.reply.error(WRONGTYPE);
      return true;
    }
    ctx.reply.arrayLength(2);
    ctx.reply.bulk(key);
    popRangeAndReply(ctx, key, v, where, count);
    return true;
  }
  return false;
}

function popCommand(ctx: CommandContext, argv: string[], where: ListEnd): void {
  if (argv.length > 3) return ctx.reply.error(wrongArity(where === LIST_HEAD ? 'lpop' : 'rpop'));
  const hasCount = argv.length === 3;
  let count = 1;
  if (hasCount) {
    const n = parseInteger(argv[2]!);
    if (n === null || n < 0) return ctx.reply.error(OUT_OF_RANGE_POSITIVE);
    count = n;
  }
  const key = argv[1]!;
  const v = ctx.db.getForWrite(key, ctx.now);
  if (v === undefined) return hasCount ? ctx.reply.nullArray() : ctx.reply.nullBulk();
  if (!(v instanceof ListValue)) return ctx.reply.error(WRONGTYPE);
  if (!hasCount) {
    ctx.reply.bulk(pop(v, where));
    listPopped(ctx, key, v, where);
  } else if (count === 0) {
    ctx.reply.arrayLength(0);
  } else {
    popRangeAndReply(ctx, key, v, where, count);
  }
}

const KEY_RW_ACCESS_DELETE = [{ flags: 'RW ACCESS DELETE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }] as const;
const SOURCE_AND_DESTINATION = [
  { flags: 'RW ACCESS DELETE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } },
  { flags: 'RW INSERT', begin: 2, range: { lastKey: 0, step: 1, limit: 0 } },
] as const;

export const LPOP: CommandSpec = {
  name: 'lpop',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['write', 'list'],
  keys: KEY_RW_ACCESS_DELETE,
  doc: {
    summary: 'Remove and get the first elements in a list',
    since: '1.0.0',
    group: 'list',
    complexity: 'O(N) where N is the number of elements returned',
    syntax: 'key [count]',
    history: [['6.2.0', 'Added the `count` argument.']],
  },
  exec(ctx, argv) {
    popCommand(ctx, argv, LIST_HEAD);
  },
};

export const RPOP: CommandSpec = {
  name: 'rpop',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['write', 'list'],
  keys: KEY_RW_ACCESS_DELETE,
  doc: {
    summary: 'Remove and get the last elements in a list',
    since: '1.0.0',
    group: 'list',
    complexity: 'O(N) where N is the number of elements returned',
    syntax: 'key [count]',
    history: [['6.2.0', 'Added the `count` argument.']],
  },
  exec(ctx, argv) {
    popCommand(ctx, argv, LIST_TAIL);
  },
};

export const LMOVE: CommandSpec = {
  name: 'lmove',
  arity: 5,
  flags: ['write', 'denyoom'],
  acl: ['write', 'list'],
  keys: SOURCE_AND_DESTINATION,
  doc: {
    summary: 'Pop an element from a list, push it to another list and return it',
    since: '6.2.0',
    group: 'list',
    complexity: 'O(1)',
    syntax: 'source destination wherefrom:<LEFT | RIGHT> whereto:<LEFT | RIGHT>',
  },
  exec(ctx, argv) {
    const from = parseListEnd(argv[3]!);
    const to = from === -1 ? -1 : parseListEnd(argv[4]!);
    if (from === -1 || to === -1) return ctx.reply.error(SYNTAX);
    if (!moveElement(ctx, argv[1]!, argv[2]!, from, to)) ctx.reply.nullBulk();
  },
};

export const RPOPLPUSH: CommandSpec = {
  name: 'rpoplpush',
  arity: 3,
  flags: ['write', 'denyoom'],
  acl: ['write', 'list'],
  keys: SOURCE_AND_DESTINATION,
  doc: {
    summary: 'Remove the last element in a list, prepend it to another list and return it',
    since: '1.2.0',
    group: 'list',
    complexity: 'O(1)',
    syntax: 'source destination',
    deprecatedSince: '6.2.0',
    replacedBy: '`LMOVE` with the `RIGHT` and `LEFT` arguments',
    docFlags: ['deprecated'],
  },
  exec(ctx, argv) {
    if (!moveElement(ctx, argv[1]!, argv[2]!, LIST_TAIL, LIST_HEAD)) ctx.reply.nullBulk();
  },
};

export const LMPOP: CommandSpec = {
  name: 'lmpop',
  arity: -4,
  flags: ['write', 'movablekeys'],
  acl: ['write', 'list'],
  keys: [{ flags: 'RW ACCESS DELETE', begin: 1, keynum: { keyNumIdx: 0, firstKey: 1, step: 1 } }],
  doc: {
    summary: 'Pop elements from a list',
    since: '7.0.0',
    group: 'list',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    syntax: 'numkeys key [key ...] <LEFT | RIGHT> [COUNT count]',
  },
  exec(ctx, argv) {
    const args = parseMpopArguments(ctx, argv, 1, 'left', 'right');
    if (args === null) return;
    if (!popRangeFromFirstList(ctx, argv, args.firstKey, args.numkeys, args.where, args.count)) ctx.reply.nullArray();
  },
};

export const listPopCommands: CommandSpec[] = [LPOP, RPOP, LMOVE, RPOPLPUSH, LMPOP];
