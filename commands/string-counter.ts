// Counters (t_string.c incrDecrCommand, incrbyfloatCommand): INCR, DECR, INCRBY and DECRBY are
// exact over signed 64 bits; INCRBYFLOAT computes in x87 long double like Redis (long-double.ts).
//
// The common case, a short value and a short increment, stays in doubles: texts of at most 15
// digits are below 10^15, so their sum is exact. Anything longer takes the BigInt path.

import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { INT64_MAX, INT64_MIN, parseInt64, parseInteger } from './args.js';
import { NAN_OR_INFINITY, NOT_FLOAT, NOT_INTEGER, OVERFLOW, WRONGTYPE } from './errors.js';
import { LONG_DOUBLE_ZERO, incrByFloat, parseLongDouble } from './long-double.js';
import { Notify } from './notify.js';

const DECREMENT_OVERFLOW = 'ERR decrement would overflow';

/** Texts shorter than this hold integers below 10^15 in magnitude. */
const SHORT_INTEGER_TEXT = 16;

const ONE_KEY = { lastKey: 0, step: 1, limit: 0 };
const KEYS = [{ flags: 'RW ACCESS UPDATE', begin: 1, range: ONE_KEY }];

/** Adds `by` (below 10^15 in magnitude) to the integer at key. */
function incrementBy(ctx: CommandContext, key: string, by: number): void {
  const db = ctx.db;
  const current = db.getForWrite(key, ctx.now);
  let base = 0;
  if (current !== undefined) {
    if (typeof current !== 'string') return ctx.reply.error(WRONGTYPE);
    if (current.length >= SHORT_INTEGER_TEXT) return addExact(ctx, key, current, BigInt(by));
    const n = parseInteger(current);
    if (n === null) return ctx.reply.error(NOT_INTEGER);
    base = n;
  }
  const result = base + by;
  db.set(key, String(result), true);
  ctx.notify(Notify.String, 'incrby', key);
  ctx.reply.integer(result);
}

/** Adds any signed 64-bit `by` to the integer at key. */
function incrementByExact(ctx: CommandContext, key: string, by: bigint): void {
  const current = ctx.db.getForWrite(key, ctx.now);
  if (current !== undefined && typeof current !== 'string') return ctx.reply.error(WRONGTYPE);
  addExact(ctx, key, current, by);
}

function addExact(ctx: CommandContext, key: string, current: string | undefined, by: bigint): void {
  const base = current === undefined ? 0n : parseInt64(current);
  if (base === null) return ctx.reply.error(NOT_INTEGER);
  const result = base + by;
  if (result > INT64_MAX || result < INT64_MIN) return ctx.reply.error(OVERFLOW);
  ctx.db.set(key, result.toString(), true);
  ctx.notify(Notify.String, 'incrby', key);
  ctx.reply.integer(result);
}

/** INCRBY/DECRBY: the increment is parsed before the key is looked at, as in Redis. */
function incrementByText(ctx: CommandContext, key: string, text: string, negate: boolean): void {
  if (text.length < SHORT_INTEGER_TEXT) {
    const n = parseInteger(text);
    if (n === null) return ctx.reply.error(NOT_INTEGER);
    return incrementBy(ctx, key, negate ? -n : n);
  }
  const n = parseInt64(text);
  if (n === null) return ctx.reply.error(NOT_INTEGER);
  if (negate && n === INT64_MIN) return ctx.reply.error(DECREMENT_OVERFLOW);
  incrementByExact(ctx, key, negate ? -n : n);
}

/** The declaration every counter shares: one key, read and written, in O(1). */
function counterCommand(
  name: string,
  arity: number,
  doc: { summary: string; since: string; syntax: string },
  exec: CommandSpec['exec'],
): CommandSpec {
  return {
    name,
    arity,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['string'],
    keys: KEYS,
    doc: { summary: doc.summary, since: doc.since, group: 'string', complexity: 'O(1)', syntax: doc.syntax },
    exec,
  };
}

export const INCR = counterCommand(
  'incr',
  2,
  { summary: 'Increment the integer value of a key by one', since: '1.0.0', syntax: 'key' },
  (ctx, argv) => incrementBy(ctx, argv[1]!, 1),
);

export const DECR = counterCommand(
  'decr',
  2,
  { summary: 'Decrement the integer value of a key by one', since: '1.0.0', syntax: 'key' },
  (ctx, argv) => incrementBy(ctx, argv[1]!, -1),
);

export const INCRBY = counterCommand(
  'incrby',
  3,
  { summary: 'Increment the integer value of a key by the given amount', since: '1.0.0', syntax: 'key increment' },
  (ctx, argv) => incrementByText(ctx, argv[1]!, argv[2]!, false),
);

export const DECRBY = counterCommand(
  'decrby',
  3,
  { summary: 'Decrement the integer value of a key by the given number', since: '1.0.0', syntax: 'key decrement' },
  (ctx, argv) => incrementByText(ctx, argv[1]!, argv[2]!, true),
);

/** INCRBYFLOAT: the sum in x87 long double, stored as its text. */
function incrementByFloat(ctx: CommandContext, argv: string[]): void {
  const key = argv[1]!;
  const current = ctx.db.getForWrite(key, ctx.now);
  if (current !== undefined && typeof current !== 'string') return ctx.reply.error(WRONGTYPE);
  const value = current === undefined ? LONG_DOUBLE_ZERO : parseLongDouble(current);
  const increment = parseLongDouble(argv[2]!);
  if (value === null || increment === null) return ctx.reply.error(NOT_FLOAT);
  const result = incrByFloat(value, increment);
  if (result === null) return ctx.reply.error(NAN_OR_INFINITY);
  ctx.db.set(key, result, true);
  // Redis stores the text as created (createStringObjectFromLongDouble): embstr, never an int.
  ctx.db.stringForms.set(key, 'embstr');
  ctx.notify(Notify.String, 'incrbyfloat', key);
  ctx.reply.bulk(result);
}

export const INCRBYFLOAT = counterCommand(
  'incrbyfloat',
  3,
  { summary: 'Increment the float value of a key by the given amount', since: '2.6.0', syntax: 'key increment:double' },
  incrementByFloat,
);

export const stringCounterCommands: CommandSpec[] = [INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT];
