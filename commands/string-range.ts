// Parts of a string value (t_string.c): APPEND, STRLEN, GETRANGE (and its old name SUBSTR),
// SETRANGE. APPEND to an existing key and SETRANGE leave the value as a mutable buffer in Redis,
// so they mark it raw in db.stringForms (OBJECT ENCODING then says raw).

import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { parseInteger } from './args.js';
import { NOT_INTEGER, STRING_TOO_LONG, WRONGTYPE } from './errors.js';
import { exceedsStringLimit } from './string-limits.js';
import { Notify } from './notify.js';

const OFFSET_OUT_OF_RANGE = 'ERR offset is out of range';
const ONE_KEY = { lastKey: 0, step: 1, limit: 0 };
/** Beyond this magnitude a double no longer tells every 64-bit integer apart. */
const SAFE = Number.MAX_SAFE_INTEGER;

export const APPEND: CommandSpec = {
  name: 'append',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'RW INSERT', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Append a value to a key',
    since: '2.0.0',
    group: 'string',
    complexity:
      'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.',
    syntax: 'key value',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const value = argv[2]!;
    const db = ctx.db;
    const old = db.getForWrite(key, ctx.now);
    if (old === undefined) {
      // A new key holds the argument as SET would store it (not a mutable buffer).
      db.set(key, value);
      ctx.notify(Notify.String, 'append', key);
      return ctx.reply.integer(value.length);
    }
    if (typeof old !== 'string') return ctx.reply.error(WRONGTYPE);
    const total = old.length + value.length;
    if (exceedsStringLimit(ctx, total)) return ctx.reply.error(STRING_TOO_LONG);
    db.replace(key, old + value);
    db.stringForms.set(key, 'raw');
    ctx.notify(Notify.String, 'append', key);
    ctx.reply.integer(total);
  },
};

export const STRLEN: CommandSpec = {
  name: 'strlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'RO', begin: 1, range: ONE_KEY }],
  doc: { summary: 'Get the length of the value stored in a key', since: '2.2.0', group: 'string', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const v = ctx.lookupRead(argv[1]!);
    if (v === undefined) ctx.reply.integer(0);
    else if (typeof v === 'string') ctx.reply.integer(v.length);
    else ctx.reply.error(WRONGTYPE);
  },
};

const GETRANGE_COMPLEXITY =
  'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.';

/** GETRANGE and SUBSTR (Redis's getrangeCommand): the indexes are checked before the key. */
function getRange(ctx: CommandContext, argv: string[]): void {
  let start = parseInteger(argv[2]!);
  let end = parseInteger(argv[3]!);
  if (start === null || end === null) return ctx.reply.error(NOT_INTEGER);
  const v = ctx.lookupRead(argv[1]!);
  if (v === undefined) return ctx.reply.bulk('');
  if (typeof v !== 'string') return ctx.reply.error(WRONGTYPE);
  if (start < 0 && end < 0 && startAfterEnd(start, end, argv)) return ctx.reply.bulk('');
  const len = v.length;
  if (start < 0) start = Math.max(0, len + start);
  if (end < 0) end = Math.max(0, len + end);
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return ctx.reply.bulk('');
  ctx.reply.bulk(start === 0 && end === len - 1 ? v : v.slice(start, end + 1));
}

/** start > end, exactly even where the doubles of two 64-bit integers are equal. */
function startAfterEnd(start: number, end: number, argv: string[]): boolean {
  if (start >= -SAFE && end >= -SAFE) return start > end;
  return BigInt(argv[2]!) > BigInt(argv[3]!);
}

export const GETRANGE: CommandSpec = {
  name: 'getrange',
  arity: 4,
  flags: ['readonly'],
  acl: ['string'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Get a substring of the string stored at a key',
    since: '2.4.0',
    group: 'string',
    complexity: GETRANGE_COMPLEXITY,
    syntax: 'key start end',
  },
  exec: getRange,
};

export const SUBSTR: CommandSpec = {
  name: 'substr',
  arity: 4,
  flags: ['readonly'],
  acl: ['string'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Get a substring of the string stored at a key',
    since: '1.0.0',
    group: 'string',
    complexity: GETRANGE_COMPLEXITY,
    syntax: 'key start end',
    deprecatedSince: '2.0.0',
    replacedBy: '`GETRANGE`',
    docFlags: ['deprecated'],
  },
  exec: getRange,
};

export const SETRANGE: CommandSpec = {
  name: 'setrange',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keys: [{ flags: 'RW UPDATE', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Overwrite part of a string at key starting at the specified offset',
    since: '2.2.0',
    group: 'string',
    complexity:
      'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
    syntax: 'key offset value',
  },
  exec(ctx, argv) {
    const offset = parseInteger(argv[2]!);
    if (offset === null) return ctx.reply.error(NOT_INTEGER);
    if (offset < 0) return ctx.reply.error(OFFSET_OUT_OF_RANGE);
    const key = argv[1]!;
    const value = argv[3]!;
    const db = ctx.db;
    const old = db.getForWrite(key, ctx.now);
    if (old !== undefined && typeof old !== 'string') return ctx.reply.error(WRONGTYPE);
    const oldLength = old === undefined ? 0 : old.length;
    if (value.length === 0) return ctx.reply.integer(oldLength);
    if (exceedsStringLimit(ctx, offset + value.length)) return ctx.reply.error(STRING_TOO_LONG);
    const updated = overwrite(old ?? '', offset, value);
    if (old === undefined) db.set(key, updated);
    else db.replace(key, updated);
    db.stringForms.set(key, 'raw');
    ctx.notify(Notify.String, 'setrange', key);
    ctx.reply.integer(updated.length);
  },
};

/** `s` with `value` written at `offset`, padded with zero bytes when the offset is past its end. */
function overwrite(s: string, offset: number, value: string): string {
  if (offset >= s.length) return (offset === s.length ? s : s + '\0'.repeat(offset - s.length)) + value;
  const after = offset + value.length;
  return s.slice(0, offset) + value + (after < s.length ? s.slice(after) : '');
}

export const stringRangeCommands: CommandSpec[] = [APPEND, STRLEN, GETRANGE, SUBSTR, SETRANGE];
