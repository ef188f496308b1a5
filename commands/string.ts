// String commands (Redis's t_string.c): getting and setting whole values. Ranges, counters and LCS
// live in string-range.ts, string-counter.ts and string-lcs.ts; stringCommands lists them all.
//
// GET and SET are what redis-benchmark measures: GET allocates nothing, and SET parses options
// only when it has some.

import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { NOT_INTEGER, SYNTAX, WRONGTYPE, invalidExpireTime, wrongArity } from './errors.js';
import {
  EX,
  EXAT,
  EXPIRE,
  EXPIRE_NOT_INTEGER,
  GET as GET_FLAG,
  KEEPTTL,
  NX,
  PERSIST,
  PX,
  PXAT,
  XX,
  expireTimeMs,
  parseStringOptions,
  type StringOptions,
} from './string-options.js';
import { stringRangeCommands } from './string-range.js';
import { stringCounterCommands } from './string-counter.js';
import { LCS } from './string-lcs.js';
import { Notify } from './notify.js';

/** find_keys of a command whose only key is argv[1]. */
const ONE_KEY = { lastKey: 0, step: 1, limit: 0 };

/** SET's and GETEX's parsed options, reused: each command reads them right after parsing. */
const options: StringOptions = { flags: 0, expireIndex: 0 };

export const GET: CommandSpec = {
  name: 'get',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: ONE_KEY }],
  doc: { summary: 'Get the value of a key', since: '1.0.0', group: 'string', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const v = ctx.lookupRead(argv[1]!);
    if (v === undefined) ctx.reply.nullBulk();
    else if (typeof v === 'string') ctx.reply.bulk(v);
    else ctx.reply.error(WRONGTYPE);
  },
};

export const SET: CommandSpec = {
  name: 'set',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keys: [{ flags: 'RW ACCESS UPDATE VARIABLE_FLAGS', begin: 1, range: ONE_KEY, notes: 'RW and ACCESS due to the optional `GET` argument' }],
  doc: {
    summary: 'Set the string value of a key',
    since: '1.0.0',
    group: 'string',
    complexity: 'O(1)',
    syntax: 'key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
    history: [
      ['2.6.12', 'Added the `EX`, `PX`, `NX` and `XX` options.'],
      ['6.0.0', 'Added the `KEEPTTL` option.'],
      ['6.2.0', 'Added the `GET`, `EXAT` and `PXAT` option.'],
      ['7.0.0', 'Allowed the `NX` and `GET` options to be used together.'],
    ],
  },
  exec(ctx, argv) {
    if (argv.length === 3) {
      // Only notifications need a key found expired removed first (its expired event comes before set).
      if (ctx.pubsub.keyspaceEvents !== 0) ctx.db.getForWrite(argv[1]!, ctx.now);
      ctx.db.set(argv[1]!, argv[2]!);
      ctx.notify(Notify.String, 'set', argv[1]!);
      ctx.reply.status('OK');
      return;
    }
    if (!parseStringOptions(argv, 3, true, options)) return ctx.reply.error(SYNTAX);
    const { flags, expireIndex } = options;
    setGeneric(ctx, 'set', argv[1]!, argv[2]!, flags, expireIndex === 0 ? undefined : argv[expireIndex], false);
  },
};

export const SETNX: CommandSpec = {
  name: 'setnx',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'OW INSERT', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Set the value of a key, only if the key does not exist',
    since: '1.0.0',
    group: 'string',
    complexity: 'O(1)',
    syntax: 'key value',
  },
  exec(ctx, argv) {
    setGeneric(ctx, 'setnx', argv[1]!, argv[2]!, NX, undefined, true);
  },
};

export const SETEX: CommandSpec = {
  name: 'setex',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keys: [{ flags: 'OW UPDATE', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Set the value and expiration of a key',
    since: '2.0.0',
    group: 'string',
    complexity: 'O(1)',
    syntax: 'key seconds value',
  },
  exec(ctx, argv) {
    setGeneric(ctx, 'setex', argv[1]!, argv[3]!, EX, argv[2]!, false);
  },
};

export const PSETEX: CommandSpec = {
  name: 'psetex',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keys: [{ flags: 'OW UPDATE', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Set the value and expiration in milliseconds of a key',
    since: '2.6.0',
    group: 'string',
    complexity: 'O(1)',
    syntax: 'key milliseconds value',
  },
  exec(ctx, argv) {
    setGeneric(ctx, 'psetex', argv[1]!, argv[3]!, PX, argv[2]!, false);
  },
};

/**
 * SET with options, SETNX, SETEX and PSETEX (Redis's setGenericCommand): the expiry is checked
 * first, then GET's old value (which must be a string), then NX/XX. SETNX answers 1/0 instead of
 * OK/nil.
 */
function setGeneric(
  ctx: CommandContext,
  name: string,
  key: string,
  value: string,
  flags: number,
  expireText: string | undefined,
  integerReply: boolean,
): void {
  let at = 0;
  if (expireText !== undefined) {
    at = expireTimeMs(expireText, flags, ctx.now);
    if (at < 0) return ctx.reply.error(at === EXPIRE_NOT_INTEGER ? NOT_INTEGER : invalidExpireTime(name));
  }
  const db = ctx.db;
  const withGet = (flags & GET_FLAG) !== 0;
  // SET ... GET reads the old value as GET does (counted in keyspace_hits/misses).
  const old = withGet ? ctx.lookupReadForWrite(key) : db.getForWrite(key, ctx.now);
  if (withGet) {
    if (old === undefined) ctx.reply.nullBulk();
    else if (typeof old === 'string') ctx.reply.bulk(old);
    else return ctx.reply.error(WRONGTYPE);
  }
  if (((flags & NX) !== 0 && old !== undefined) || ((flags & XX) !== 0 && old === undefined)) {
    if (withGet) return;
    return integerReply ? ctx.reply.integer(0) : ctx.reply.nullBulk();
  }
  db.set(key, value, (flags & KEEPTTL) !== 0);
  ctx.notify(Notify.String, 'set', key);
  if (expireText !== undefined) {
    db.setExpire(key, at);
    ctx.notify(Notify.Generic, 'expire', key);
  }
  if (withGet) return;
  if (integerReply) ctx.reply.integer(1);
  else ctx.reply.status('OK');
}

export const GETEX: CommandSpec = {
  name: 'getex',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'RW ACCESS UPDATE', begin: 1, range: ONE_KEY, notes: 'RW and UPDATE because it changes the TTL' }],
  doc: {
    summary: 'Get the value of a key and optionally set its expiration',
    since: '6.2.0',
    group: 'string',
    complexity: 'O(1)',
    syntax: 'key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]',
  },
  exec(ctx, argv) {
    if (!parseStringOptions(argv, 2, false, options)) return ctx.reply.error(SYNTAX);
    const { flags, expireIndex } = options;
    const key = argv[1]!;
    const db = ctx.db;
    const v = ctx.lookupReadForWrite(key);
    if (v === undefined) return ctx.reply.nullBulk();
    if (typeof v !== 'string') return ctx.reply.error(WRONGTYPE);
    let at = 0;
    if (expireIndex !== 0) {
      at = expireTimeMs(argv[expireIndex]!, flags, ctx.now);
      if (at < 0) return ctx.reply.error(at === EXPIRE_NOT_INTEGER ? NOT_INTEGER : invalidExpireTime('getex'));
    }
    ctx.reply.bulk(v);
    // An absolute time already past deletes the key (Redis's checkAlreadyExpired).
    if ((flags & (EXAT | PXAT)) !== 0 && at <= ctx.now) {
      db.delete(key);
      ctx.notify(Notify.Generic, 'del', key);
    } else if ((flags & EXPIRE) !== 0) {
      db.setExpire(key, at);
      ctx.notify(Notify.Generic, 'expire', key);
    } else if ((flags & PERSIST) !== 0 && db.persist(key)) {
      ctx.notify(Notify.Generic, 'persist', key);
    }
  },
};

export const GETDEL: CommandSpec = {
  name: 'getdel',
  arity: 2,
  flags: ['write', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'RW ACCESS DELETE', begin: 1, range: ONE_KEY }],
  doc: { summary: 'Get the value of a key and delete the key', since: '6.2.0', group: 'string', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const key = argv[1]!;
    const v = ctx.lookupReadForWrite(key);
    if (v === undefined) return ctx.reply.nullBulk();
    if (typeof v !== 'string') return ctx.reply.error(WRONGTYPE);
    ctx.reply.bulk(v);
    ctx.db.delete(key);
    ctx.notify(Notify.Generic, 'del', key);
  },
};

export const GETSET: CommandSpec = {
  name: 'getset',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'RW ACCESS UPDATE', begin: 1, range: ONE_KEY }],
  doc: {
    summary: 'Set the string value of a key and return its old value',
    since: '1.0.0',
    group: 'string',
    complexity: 'O(1)',
    syntax: 'key value',
    deprecatedSince: '6.2.0',
    replacedBy: '`SET` with the `!GET` argument',
    docFlags: ['deprecated'],
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const old = ctx.lookupReadForWrite(key);
    if (old === undefined) ctx.reply.nullBulk();
    else if (typeof old === 'string') ctx.reply.bulk(old);
    else return ctx.reply.error(WRONGTYPE);
    ctx.db.set(key, argv[2]!);
    ctx.notify(Notify.String, 'set', key);
  },
};

export const MGET: CommandSpec = {
  name: 'mget',
  arity: -2,
  flags: ['readonly', 'fast'],
  acl: ['string'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: -1, step: 1, limit: 0 } }],
  tips: ['request_policy:multi_shard'],
  doc: {
    summary: 'Get the values of all the given keys',
    since: '1.0.0',
    group: 'string',
    complexity: 'O(N) where N is the number of keys to retrieve.',
    syntax: 'key [key ...]',
  },
  exec(ctx, argv) {
    ctx.reply.arrayLength(argv.length - 1);
    for (let i = 1; i < argv.length; i++) {
      const v = ctx.lookupRead(argv[i]!);
      if (typeof v === 'string') ctx.reply.bulk(v);
      else ctx.reply.nullBulk();
    }
  },
};

export const MSET: CommandSpec = {
  name: 'mset',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keys: [{ flags: 'OW UPDATE', begin: 1, range: { lastKey: -1, step: 2, limit: 0 } }],
  tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'],
  doc: {
    summary: 'Set multiple keys to multiple values',
    since: '1.0.1',
    group: 'string',
    complexity: 'O(N) where N is the number of keys to set.',
    syntax: 'key value [key value ...]',
  },
  exec(ctx, argv) {
    if (argv.length % 2 === 0) return ctx.reply.error(wrongArity('mset'));
    const db = ctx.db;
    const notifying = ctx.pubsub.keyspaceEvents !== 0;
    for (let i = 1; i < argv.length; i += 2) {
      if (notifying) db.getForWrite(argv[i]!, ctx.now); // see SET
      db.set(argv[i]!, argv[i + 1]!);
      ctx.notify(Notify.String, 'set', argv[i]!);
    }
    ctx.reply.status('OK');
  },
};

export const MSETNX: CommandSpec = {
  name: 'msetnx',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keys: [{ flags: 'OW INSERT', begin: 1, range: { lastKey: -1, step: 2, limit: 0 } }],
  tips: ['request_policy:multi_shard', 'response_policy:agg_min'],
  doc: {
    summary: 'Set multiple keys to multiple values, only if none of the keys exist',
    since: '1.0.1',
    group: 'string',
    complexity: 'O(N) where N is the number of keys to set.',
    syntax: 'key value [key value ...]',
  },
  exec(ctx, argv) {
    if (argv.length % 2 === 0) return ctx.reply.error(wrongArity('msetnx'));
    const db = ctx.db;
    for (let i = 1; i < argv.length; i += 2) {
      if (db.getForWrite(argv[i]!, ctx.now) !== undefined) return ctx.reply.integer(0);
    }
    for (let i = 1; i < argv.length; i += 2) {
      db.set(argv[i]!, argv[i + 1]!);
      ctx.notify(Notify.String, 'set', argv[i]!);
    }
    ctx.reply.integer(1);
  },
};

export const stringCommands: CommandSpec[] = [
  GET,
  SET,
  SETNX,
  SETEX,
  PSETEX,
  GETEX,
  GETDEL,
  GETSET,
  MGET,
  MSET,
  MSETNX,
  ...stringRangeCommands,
  ...stringCounterCommands,
  LCS,
];
