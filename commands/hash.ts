// Hash commands (Redis 7.0's t_hash.c). HRANDFIELD is in hash-random.ts, SCAN's options in set-scan.ts.

import { HashValue } from '../storage/hash.js';
import type { CommandContext } from './context.js';
import type { CommandSpec, KeySpecDecl } from './types.js';
import { parseInt64, parseInteger } from './args.js';
import { INVALID_CURSOR, NAN_OR_INFINITY, NOT_FLOAT, NOT_INTEGER, OVERFLOW, wrongArity } from './errors.js';
import { hashToRead, hashToWrite } from './hash-lookup.js';
import { HRANDFIELD } from './hash-random.js';
import { parseScanCursor } from './keys-scan.js';
import { LONG_DOUBLE_ZERO, incrByFloat, isFiniteLongDouble, parseLongDouble } from './long-double.js';
import { parseScanOptions, replyEmptyScan, replyScan } from './set-scan.js';
import { Notify } from './notify.js';

const HASH_VALUE_NOT_INTEGER = 'ERR hash value is not an integer';
const HASH_VALUE_NOT_FLOAT = 'ERR hash value is not a float';
const INCREMENT_NAN_OR_INFINITY = 'ERR value is NaN or Infinity';

/** Texts shorter than this hold integers below 10^15 in magnitude: their sums are exact doubles. */
const SHORT_INTEGER_TEXT = 16;

const ONE_KEY = { lastKey: 0, step: 1, limit: 0 };
function keyAt1(flags: string): KeySpecDecl[] {
  return [{ flags, begin: 1, range: ONE_KEY }];
}

/** Stores a hash created by the command, or tells listeners that an existing one changed. */
function saveHash(ctx: CommandContext, key: string, hash: HashValue, created: boolean): void {
  if (created) ctx.db.set(key, hash);
  else ctx.db.touched(key);
}

/** HSET and HMSET: set every pair; they differ only in the reply. */
function setFields(ctx: CommandContext, argv: string[], name: string): number | null {
  if ((argv.length & 1) === 1) {
    ctx.reply.error(wrongArity(name));
    return null;
  }
  const key = argv[1]!;
  const existing = hashToWrite(ctx, key);
  if (existing === null) return null;
  const hash = existing ?? new HashValue();
  const settings = ctx.keyspace.encoding;
  let added = 0;
  for (let i = 2; i < argv.length; i += 2) if (hash.set(argv[i]!, argv[i + 1]!, settings, ctx)) added++;
  saveHash(ctx, key, hash, existing === undefined);
  ctx.notify(Notify.Hash, 'hset', key);
  return added;
}

const HSET_DOC = {
  summary: 'Set the string value of a hash field',
  since: '2.0.0',
  group: 'hash',
  complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
  history: [['4.0.0', 'Accepts multiple `field` and `value` arguments.']] as Array<[string, string]>,
  syntax: 'key field value [field value ...]',
};

export const HSET: CommandSpec = {
  name: 'hset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RW UPDATE'),
  doc: HSET_DOC,
  exec(ctx, argv) {
    const added = setFields(ctx, argv, 'hset');
    if (added !== null) ctx.reply.integer(added);
  },
};

export const HMSET: CommandSpec = {
  name: 'hmset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RW UPDATE'),
  doc: {
    summary: 'Set multiple hash fields to multiple values',
    since: '2.0.0',
    group: 'hash',
    complexity: 'O(N) where N is the number of fields being set.',
    deprecatedSince: '4.0.0',
    replacedBy: '`HSET` with multiple field-value pairs',
    docFlags: ['deprecated'],
    syntax: 'key field value [field value ...]',
  },
  exec(ctx, argv) {
    if (setFields(ctx, argv, 'hmset') !== null) ctx.reply.status('OK');
  },
};

export const HSETNX: CommandSpec = {
  name: 'hsetnx',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RW INSERT'),
  doc: { summary: 'Set the value of a hash field, only if the field does not exist', since: '2.0.0', group: 'hash', complexity: 'O(1)', syntax: 'key field value' },
  exec(ctx, argv) {
    const key = argv[1]!;
    const existing = hashToWrite(ctx, key);
    if (existing === null) return;
    if (existing !== undefined && existing.has(argv[2]!)) return ctx.reply.integer(0);
    const hash = existing ?? new HashValue();
    hash.set(argv[2]!, argv[3]!, ctx.keyspace.encoding, ctx);
    saveHash(ctx, key, hash, existing === undefined);
    ctx.notify(Notify.Hash, 'hset', key);
    ctx.reply.integer(1);
  },
};

export const HGET: CommandSpec = {
  name: 'hget',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RO ACCESS'),
  doc: { summary: 'Get the value of a hash field', since: '2.0.0', group: 'hash', complexity: 'O(1)', syntax: 'key field' },
  exec(ctx, argv) {
    const hash = hashToRead(ctx, argv[1]!);
    if (hash !== null) ctx.reply.bulkOrNull(hash?.get(argv[2]!));
  },
};

export const HMGET: CommandSpec = {
  name: 'hmget',
  arity: -3,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RO ACCESS'),
  doc: {
    summary: 'Get the values of all the given hash fields',
    since: '2.0.0',
    group: 'hash',
    complexity: 'O(N) where N is the number of fields being requested.',
    syntax: 'key field [field ...]',
  },
  exec(ctx, argv) {
    const hash = hashToRead(ctx, argv[1]!);
    if (hash === null) return;
    ctx.reply.arrayLength(argv.length - 2);
    for (let i = 2; i < argv.length; i++) ctx.reply.bulkOrNull(hash?.get(argv[i]!));
  },
};

/** HGETALL, HKEYS and HVALS: what they list of each entry. */
type EntryPart = 'pairs' | 'fields' | 'values';

function listEntries(ctx: CommandContext, key: string, part: EntryPart): void {
  const hash = hashToRead(ctx, key);
  if (hash === null) return;
  if (hash === undefined) return ctx.reply.arrayLength(0);
  ctx.reply.bulkArray(part === 'pairs' ? hash.pairs() : part === 'fields' ? hash.fields() : hash.values());
}

export const HGETALL: CommandSpec = {
  name: 'hgetall',
  arity: 2,
  flags: ['readonly'],
  acl: ['hash'],
  keys: keyAt1('RO ACCESS'),
  tips: ['nondeterministic_output_order'],
  doc: { summary: 'Get all the fields and values in a hash', since: '2.0.0', group: 'hash', complexity: 'O(N) where N is the size of the hash.', syntax: 'key' },
  exec(ctx, argv) {
    listEntries(ctx, argv[1]!, 'pairs');
  },
};

export const HKEYS: CommandSpec = {
  name: 'hkeys',
  arity: 2,
  flags: ['readonly'],
  acl: ['hash'],
  keys: keyAt1('RO ACCESS'),
  tips: ['nondeterministic_output_order'],
  doc: { summary: 'Get all the fields in a hash', since: '2.0.0', group: 'hash', complexity: 'O(N) where N is the size of the hash.', syntax: 'key' },
  exec(ctx, argv) {
    listEntries(ctx, argv[1]!, 'fields');
  },
};

export const HVALS: CommandSpec = {
  name: 'hvals',
  arity: 2,
  flags: ['readonly'],
  acl: ['hash'],
  keys: keyAt1('RO ACCESS'),
  tips: ['nondeterministic_output_order'],
  doc: { summary: 'Get all the values in a hash', since: '2.0.0', group: 'hash', complexity: 'O(N) where N is the size of the hash.', syntax: 'key' },
  exec(ctx, argv) {
    listEntries(ctx, argv[1]!, 'values');
  },
};

export const HDEL: CommandSpec = {
  name: 'hdel',
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RW DELETE'),
  doc: {
    summary: 'Delete one or more hash fields',
    since: '2.0.0',
    group: 'hash',
    complexity: 'O(N) where N is the number of fields to be removed.',
    history: [['2.4.0', 'Accepts multiple `field` arguments.']],
    syntax: 'key field [field ...]',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const hash = hashToWrite(ctx, key);
    if (hash === null) return;
    if (hash === undefined) return ctx.reply.integer(0);
    let deleted = 0;
    for (let i = 2; i < argv.length; i++) {
      if (!hash.delete(argv[i]!)) continue;
      deleted++;
      if (hash.length === 0) {
        ctx.db.delete(key);
        ctx.notify(Notify.Hash, 'hdel', key);
        ctx.notify(Notify.Generic, 'del', key);
        return ctx.reply.integer(deleted);
      }
    }
    if (deleted > 0) {
      ctx.db.touched(key);
      ctx.notify(Notify.Hash, 'hdel', key);
    }
    ctx.reply.integer(deleted);
  },
};

export const HLEN: CommandSpec = {
  name: 'hlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RO'),
  doc: { summary: 'Get the number of fields in a hash', since: '2.0.0', group: 'hash', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const hash = hashToRead(ctx, argv[1]!);
    if (hash !== null) ctx.reply.integer(hash?.length ?? 0);
  },
};

export const HSTRLEN: CommandSpec = {
  name: 'hstrlen',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RO'),
  doc: { summary: 'Get the length of the value of a hash field', since: '3.2.0', group: 'hash', complexity: 'O(1)', syntax: 'key field' },
  exec(ctx, argv) {
    const hash = hashToRead(ctx, argv[1]!);
    if (hash !== null) ctx.reply.integer(hash?.valueLength(argv[2]!) ?? 0);
  },
};

export const HEXISTS: CommandSpec = {
  name: 'hexists',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RO'),
  doc: { summary: 'Determine if a hash field exists', since: '2.0.0', group: 'hash', complexity: 'O(1)', syntax: 'key field' },
  exec(ctx, argv) {
    const hash = hashToRead(ctx, argv[1]!);
    if (hash !== null) ctx.reply.integer(hash?.has(argv[2]!) ? 1 : 0);
  },
};

/** current + increment over signed 64 bits; null when current is not an integer, OVERFLOW past the range. */
function addInteger(current: string, increment: number | bigint): number | bigint | null | typeof OVERFLOW {
  if (typeof increment === 'number' && current.length < SHORT_INTEGER_TEXT) {
    const n = parseInteger(current);
    return n === null ? null : n + increment;
  }
  const n = parseInt64(current);
  if (n === null) return null;
  const sum = n + BigInt(increment);
  return sum > 9223372036854775807n || sum < -9223372036854775808n ? OVERFLOW : sum;
}

export const HINCRBY: CommandSpec = {
  name: 'hincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RW ACCESS UPDATE'),
  doc: {
    summary: 'Increment the integer value of a hash field by the given number',
    since: '2.0.0',
    group: 'hash',
    complexity: 'O(1)',
    syntax: 'key field increment',
  },
  exec(ctx, argv) {
    const text = argv[3]!;
    const increment = text.length < SHORT_INTEGER_TEXT ? parseInteger(text) : parseInt64(text);
    if (increment === null) return ctx.reply.error(NOT_INTEGER);
    const key = argv[1]!;
    const existing = hashToWrite(ctx, key);
    if (existing === null) return;
    const hash = existing ?? new HashValue();
    const current = hash.get(argv[2]!);
    const result = current === undefined ? increment : addInteger(current, increment);
    if (result === null) return ctx.reply.error(HASH_VALUE_NOT_INTEGER);
    if (result === OVERFLOW) return ctx.reply.error(OVERFLOW);
    hash.set(argv[2]!, String(result), ctx.keyspace.encoding, ctx);
    saveHash(ctx, key, hash, existing === undefined);
    ctx.notify(Notify.Hash, 'hincrby', key);
    ctx.reply.integer(result);
  },
};

export const HINCRBYFLOAT: CommandSpec = {
  name: 'hincrbyfloat',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keys: keyAt1('RW ACCESS UPDATE'),
  doc: {
    summary: 'Increment the float value of a hash field by the given amount',
    since: '2.6.0',
    group: 'hash',
    complexity: 'O(1)',
    syntax: 'key field increment:double',
  },
  exec(ctx, argv) {
    const increment = parseLongDouble(argv[3]!);
    if (increment === null) return ctx.reply.error(NOT_FLOAT);
    if (!isFiniteLongDouble(increment)) return ctx.reply.error(INCREMENT_NAN_OR_INFINITY);
    const key = argv[1]!;
    const existing = hashToWrite(ctx, key);
    if (existing === null) return;
    const hash = existing ?? new HashValue();
    const current = hash.get(argv[2]!);
    const base = current === undefined ? LONG_DOUBLE_ZERO : parseLongDouble(current);
    if (base === null) return ctx.reply.error(HASH_VALUE_NOT_FLOAT);
    const result = incrByFloat(base, increment);
    if (result === null) return ctx.reply.error(NAN_OR_INFINITY);
    hash.set(argv[2]!, result, ctx.keyspace.encoding, ctx);
    saveHash(ctx, key, hash, existing === undefined);
    ctx.notify(Notify.Hash, 'hincrbyfloat', key);
    ctx.reply.bulk(result);
  },
};

export const HSCAN: CommandSpec = {
  name: 'hscan',
  arity: -3,
  flags: ['readonly'],
  acl: ['hash'],
  keys: keyAt1('RO ACCESS'),
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Incrementally iterate hash fields and associated values',
    since: '2.8.0',
    group: 'hash',
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    syntax: 'key cursor [MATCH pattern] [COUNT count]',
  },
  exec(ctx, argv) {
    const cursor = parseScanCursor(argv[2]!);
    if (cursor === null) return ctx.reply.error(INVALID_CURSOR);
    const hash = hashToRead(ctx, argv[1]!);
    if (hash === null) return;
    if (hash === undefined) return replyEmptyScan(ctx);
    const options = parseScanOptions(ctx, argv);
    if (options === null) return;
    if (hash.isCompact) return replyScan(ctx, 0, hash.pairs(), 2, options.pattern);
    const pairs: string[] = [];
    const next = hash.scan(cursor, options.count, pairs);
    replyScan(ctx, next, pairs, 2, options.pattern);
  },
};

export const hashCommands: CommandSpec[] = [
  HSET,
  HSETNX,
  HMSET,
  HGET,
  HMGET,
  HGETALL,
  HDEL,
  HLEN,
  HSTRLEN,
  HEXISTS,
  HKEYS,
  HVALS,
  HINCRBY,
  HINCRBYFLOAT,
  HRANDFIELD,
  HSCAN,
];
