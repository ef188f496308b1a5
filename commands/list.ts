// List commands that add, read and edit elements (Redis's t_list.c); the ones that take
// elements out are in list-pop.ts.

import { ListValue } from '../storage/list.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { INDEX_OUT_OF_RANGE, NOT_INTEGER, NO_SUCH_KEY, SYNTAX, WRONGTYPE } from './errors.js';
import { LIST_HEAD, LIST_TAIL, listPopCommands, type ListEnd } from './list-pop.js';
import { collectionShrunk } from './collection.js';
import type { CommandSpec, KeySpecDecl } from './types.js';
import { Notify } from './notify.js';

const RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
const COUNT_NEGATIVE = "ERR COUNT can't be negative";
const MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";
/** LONG_MIN, whose negation in Redis overflows back to itself (see LPOS). */
const LONG_MIN_TEXT = '-9223372036854775808';

function keyAt1(flags: string): KeySpecDecl[] {
  return [{ flags, begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }];
}

function pushCommand(ctx: CommandContext, argv: string[], where: ListEnd, onlyIfExists: boolean): void {
  const key = argv[1]!;
  const db = ctx.db;
  const v = db.getForWrite(key, ctx.now);
  if (v === undefined) {
    if (onlyIfExists) return ctx.reply.integer(0);
    let items: string[];
    if (where === LIST_TAIL) {
      items = argv.slice(2);
    } else {
      items = [];
      for (let j = argv.length - 1; j >= 2; j--) items.push(argv[j]!);
    }
    const list = new ListValue(items);
    db.set(key, list);
    ctx.notify(Notify.List, where === LIST_HEAD ? 'lpush' : 'rpush', key);
    return ctx.reply.integer(list.length);
  }
  if (!(v instanceof ListValue)) return ctx.reply.error(WRONGTYPE);
  if (where === LIST_TAIL) for (let j = 2; j < argv.length; j++) v.pushTail(argv[j]!);
  else for (let j = 2; j < argv.length; j++) v.pushHead(argv[j]!);
  db.touched(key);
  ctx.notify(Notify.List, where === LIST_HEAD ? 'lpush' : 'rpush', key);
  ctx.reply.integer(v.length);
}

const PUSH_COMPLEXITY = 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.';

export const LPUSH: CommandSpec = {
  name: 'lpush',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'list'],
  keys: keyAt1('RW INSERT'),
  doc: {
    summary: 'Prepend one or multiple elements to a list',
    since: '1.0.0',
    group: 'list',
    complexity: PUSH_COMPLEXITY,
    syntax: 'key element [element ...]',
    history: [['2.4.0', 'Accepts multiple `element` arguments.']],
  },
  exec(ctx, argv) {
    pushCommand(ctx, argv, LIST_HEAD, false);
  },
};

export const RPUSH: CommandSpec = {
  name: 'rpush',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'list'],
  keys: keyAt1('RW INSERT'),
  doc: {
    summary: 'Append one or multiple elements to a list',
    since: '1.0.0',
    group: 'list',
    complexity: PUSH_COMPLEXITY,
    syntax: 'key element [element ...]',
    history: [['2.4.0', 'Accepts multiple `element` arguments.']],
  },
  exec(ctx, argv) {
    pushCommand(ctx, argv, LIST_TAIL, false);
  },
};

export const LPUSHX: CommandSpec = {
  name: 'lpushx',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'list'],
  keys: keyAt1('RW INSERT'),
  doc: {
    summary: 'Prepend an element to a list, only if the list exists',
    since: '2.2.0',
    group: 'list',
    complexity: PUSH_COMPLEXITY,
    syntax: 'key element [element ...]',
    history: [['4.0.0', 'Accepts multiple `element` arguments.']],
  },
  exec(ctx, argv) {
    pushCommand(ctx, argv, LIST_HEAD, true);
  },
};

export const RPUSHX: CommandSpec = {
  name: 'rpushx',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'list'],
  keys: keyAt1('RW INSERT'),
  doc: {
    summary: 'Append an element to a list, only if the list exists',
    since: '2.2.0',
    group: 'list',
    complexity: PUSH_COMPLEXITY,
    syntax: 'key element [element ...]',
    history: [['4.0.0', 'Accepts multiple `element` arguments.']],
  },
  exec(ctx, argv) {
    pushCommand(ctx, argv, LIST_TAIL, true);
  },
};

/** The list at argv[1] for a read; undefined when missing (nothing replied), null after WRONGTYPE. */
function listForRead(ctx: CommandContext, key: string): ListValue | null | undefined {
  const v = ctx.lookupRead(key);
  if (v === undefined || v instanceof ListValue) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

/** Like listForRead, for a write (an expired key is removed first). */
function listForWrite(ctx: CommandContext, key: string): ListValue | null | undefined {
  const v = ctx.db.getForWrite(key, ctx.now);
  if (v === undefined || v instanceof ListValue) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

export const LLEN: CommandSpec = {
  name: 'llen',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['read', 'list'],
  keys: keyAt1('RO'),
  doc: { summary: 'Get the length of a list', since: '1.0.0', group: 'list', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const list = listForRead(ctx, argv[1]!);
    if (list === undefined) ctx.reply.integer(0);
    else if (list !== null) ctx.reply.integer(list.length);
  },
};

export const LINDEX: CommandSpec = {
  name: 'lindex',
  arity: 3,
  flags: ['readonly'],
  acl: ['read', 'list'],
  keys: keyAt1('RO ACCESS'),
  doc: {
    summary: 'Get an element from a list by its index',
    since: '1.0.0',
    group: 'list',
    complexity:
      'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
    syntax: 'key index',
  },
  exec(ctx, argv) {
    const list = listForRead(ctx, argv[1]!);
    if (list === undefined) return ctx.reply.nullBulk();
    if (list === null) return;
    let index = parseInteger(argv[2]!);
    if (index === null) return ctx.reply.error(NOT_INTEGER);
    if (index < 0) index += list.length;
    if (index < 0 || index >= list.length) ctx.reply.nullBulk();
    else ctx.reply.bulk(list.at(index));
  },
};

export const LRANGE: CommandSpec = {
  name: 'lrange',
  arity: 4,
  flags: ['readonly'],
  acl: ['read', 'list'],
  keys: keyAt1('RO ACCESS'),
  doc: {
    summary: 'Get a range of elements from a list',
    since: '1.0.0',
    group: 'list',
    complexity:
      'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
    syntax: 'key start stop',
  },
  exec(ctx, argv) {
    let start = parseInteger(argv[2]!);
    let end = parseInteger(argv[3]!);
    if (start === null || end === null) return ctx.reply.error(NOT_INTEGER);
    const list = listForRead(ctx, argv[1]!);
    if (list === undefined) return ctx.reply.arrayLength(0);
    if (list === null) return;
    const n = list.length;
    if (start < 0) start += n;
    if (end < 0) end += n;
    if (start < 0) start = 0;
    if (start > end || start >= n) return ctx.reply.arrayLength(0);
    if (end >= n) end = n - 1;
    ctx.reply.arrayLength(end - start + 1);
    list.writeRange(start, end, ctx.reply);
  },
};

export const LSET: CommandSpec = {
  name: 'lset',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['write', 'list'],
  keys: keyAt1('RW UPDATE'),
  doc: {
    summary: 'Set the value of an element in a list by its index',
    since: '1.0.0',
    group: 'list',
    complexity: 'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
    syntax: 'key index element',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const list = listForWrite(ctx, key);
    if (list === undefined) return ctx.reply.error(NO_SUCH_KEY);
    if (list === null) return;
    let index = parseInteger(argv[2]!);
    if (index === null) return ctx.reply.error(NOT_INTEGER);
    if (index < 0) index += list.length;
    if (index < 0 || index >= list.length) return ctx.reply.error(INDEX_OUT_OF_RANGE);
    list.setAt(index, argv[3]!);
    ctx.db.touched(key);
    ctx.notify(Notify.List, 'lset', key);
    ctx.reply.status('OK');
  },
};

export const LINSERT: CommandSpec = {
  name: 'linsert',
  arity: 5,
  flags: ['write', 'denyoom'],
  acl: ['write', 'list'],
  keys: keyAt1('RW INSERT'),
  doc: {
    summary: 'Insert an element before or after another element in a list',
    since: '2.2.0',
    group: 'list',
    complexity:
      'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
    syntax: 'key <BEFORE | AFTER> pivot element',
  },
  exec(ctx, argv) {
    let after: boolean;
    if (eqIgnoreCase(argv[2]!, 'after')) after = true;
    else if (eqIgnoreCase(argv[2]!, 'before')) after = false;
    else return ctx.reply.error(SYNTAX);
    const key = argv[1]!;
    const list = listForWrite(ctx, key);
    if (list === undefined) return ctx.reply.integer(0);
    if (list === null) return;
    const at = list.indexOf(argv[3]!);
    if (at < 0) return ctx.reply.integer(-1);
    list.insertAt(after ? at + 1 : at, argv[4]!);
    ctx.db.touched(key);
    ctx.notify(Notify.List, 'linsert', key);
    ctx.reply.integer(list.length);
  },
};

export const LREM: CommandSpec = {
  name: 'lrem',
  arity: 4,
  flags: ['write'],
  acl: ['write', 'list'],
  keys: keyAt1('RW DELETE'),
  doc: {
    summary: 'Remove elements from a list',
    since: '1.0.0',
    group: 'list',
    complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
    syntax: 'key count element',
  },
  exec(ctx, argv) {
    const count = parseInteger(argv[2]!);
    if (count === null) return ctx.reply.error(NOT_INTEGER);
    const key = argv[1]!;
    const list = listForWrite(ctx, key);
    if (list === undefined) return ctx.reply.integer(0);
    if (list === null) return;
    const removed = list.removeEqual(argv[3]!, Math.abs(count), count < 0);
    if (removed > 0) {
      ctx.notify(Notify.List, 'lrem', key);
      collectionShrunk(ctx, key, list.length);
    }
    ctx.reply.integer(removed);
  },
};

export const LTRIM: CommandSpec = {
  name: 'ltrim',
  arity: 4,
  flags: ['write'],
  acl: ['write', 'list'],
  keys: keyAt1('RW DELETE'),
  doc: {
    summary: 'Trim a list to the specified range',
    since: '1.0.0',
    group: 'list',
    complexity: 'O(N) where N is the number of elements to be removed by the operation.',
    syntax: 'key start stop',
  },
  exec(ctx, argv) {
    let start = parseInteger(argv[2]!);
    let end = parseInteger(argv[3]!);
    if (start === null || end === null) return ctx.reply.error(NOT_INTEGER);
    const key = argv[1]!;
    const list = listForWrite(ctx, key);
    if (list === undefined) return ctx.reply.status('OK');
    if (list === null) return;
    const n = list.length;
    if (start < 0) start += n;
    if (end < 0) end += n;
    if (start < 0) start = 0;
    if (start > end || start >= n) {
      list.dropHead(n);
    } else {
      if (end >= n) end = n - 1;
      list.dropTail(n - end - 1);
      list.dropHead(start);
    }
    // Redis signals the key even when nothing was trimmed.
    ctx.notify(Notify.List, 'ltrim', key);
    collectionShrunk(ctx, key, list.length);
    ctx.reply.status('OK');
  },
};

export const LPOS: CommandSpec = {
  name: 'lpos',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'list'],
  keys: keyAt1('RO ACCESS'),
  doc: {
    summary: 'Return the index of matching elements on a list',
    since: '6.0.6',
    group: 'list',
    complexity:
      'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
    syntax: 'key element [RANK rank] [COUNT num-matches] [MAXLEN len]',
  },
  exec(ctx, argv) {
    let rank = 1;
    let count = -1; // -1: no COUNT option, the reply is one index or null
    let maxlen = 0;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j]!;
      const hasValue = j + 1 < argv.length;
      if (hasValue && eqIgnoreCase(opt, 'rank')) {
        const text = argv[++j]!;
        const r = parseInteger(text);
        if (r === null) return ctx.reply.error(NOT_INTEGER);
        if (r === 0) return ctx.reply.error(RANK_ZERO);
        // Redis negates LONG_MIN into itself: a negative rank that any match reaches (-1).
        rank = text === LONG_MIN_TEXT ? -1 : r;
      } else if (hasValue && eqIgnoreCase(opt, 'count')) {
        const c = parseInteger(argv[++j]!);
        if (c === null || c < 0) return ctx.reply.error(COUNT_NEGATIVE);
        count = c;
      } else if (hasValue && eqIgnoreCase(opt, 'maxlen')) {
        const m = parseInteger(argv[++j]!);
        if (m === null || m < 0) return ctx.reply.error(MAXLEN_NEGATIVE);
        maxlen = m;
      } else {
        return ctx.reply.error(SYNTAX);
      }
    }
    const list = listForRead(ctx, argv[1]!);
    if (list === undefined) return count === -1 ? ctx.reply.nullBulk() : ctx.reply.arrayLength(0);
    if (list === null) return;
    const wanted = argv[2]!;
    const n = list.length;
    const fromTail = rank < 0;
    if (fromTail) rank = -rank;
    const scan = maxlen === 0 || maxlen > n ? n : maxlen;
    const found: number[] = [];
    let matches = 0;
    for (let k = 0; k < scan; k++) {
      const i = fromTail ? n - 1 - k : k;
      if (list.at(i) !== wanted || ++matches < rank) continue;
      if (count === -1) return ctx.reply.integer(i);
      found.push(i);
      if (count !== 0 && found.length >= count) break;
    }
    if (count === -1) return ctx.reply.nullBulk();
    ctx.reply.arrayLength(found.length);
    for (let k = 0; k < found.length; k++) ctx.reply.integer(found[k]!);
  },
};

export const listCommands: CommandSpec[] = [
  LPUSH,
  RPUSH,
  LPUSHX,
  RPUSHX,
  LLEN,
  LINDEX,
  LRANGE,
  LSET,
  LINSERT,
  LREM,
  LTRIM,
  LPOS,
  ...listPopCommands,
];
