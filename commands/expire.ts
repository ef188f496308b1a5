// Expiry commands (Redis's expire.c): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX/XX/GT/LT, TTL,
// PTTL, EXPIRETIME, PEXPIRETIME, PERSIST, and the internal command by which active expiry
// (src/active-expiry.ts) removes keys through the write path.
//
// Expiry times are absolute milliseconds held as doubles: exact up to 2^53 ms (285,000 years);
// beyond that Redis's int64 times are rounded (the overflow checks themselves are exact).

import type { CommandContext } from './context.js';
import type { CommandSpec, KeySpecDecl } from './types.js';
import { eqIgnoreCase, parseInt64, parseInteger } from './args.js';
import { NOT_INTEGER, invalidExpireTime, unsupportedOption } from './errors.js';
import { Notify } from './notify.js';

const NX = 1;
const XX = 2;
const GT = 4;
const LT = 8;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** The NX/XX/GT/LT options as bits, or -1 after replying the error (parseExtendedExpireArguments). */
function parseConditions(ctx: CommandContext, argv: string[]): number {
  let flags = 0;
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i]!;
    if (eqIgnoreCase(opt, 'nx')) flags |= NX;
    else if (eqIgnoreCase(opt, 'xx')) flags |= XX;
    else if (eqIgnoreCase(opt, 'gt')) flags |= GT;
    else if (eqIgnoreCase(opt, 'lt')) flags |= LT;
    else {
      ctx.reply.error(unsupportedOption(opt));
      return -1;
    }
  }
  if ((flags & NX) !== 0 && (flags & (XX | GT | LT)) !== 0) {
    ctx.reply.error('ERR NX and XX, GT or LT options at the same time are not compatible');
    return -1;
  }
  if ((flags & (GT | LT)) === (GT | LT)) {
    ctx.reply.error('ERR GT and LT options at the same time are not compatible');
    return -1;
  }
  return flags;
}

/**
 * The absolute time in ms named by the argument (seconds or ms, from `base`), or null after
 * replying Redis's error: not an integer, or an overflow of the unit conversion or the addition.
 */
function absoluteTime(ctx: CommandContext, arg: string, base: number, seconds: boolean, name: string): number | null {
  // Up to 12 characters nothing can overflow and doubles stay exact.
  if (arg.length <= 12) {
    const n = parseInteger(arg);
    if (n === null) {
      ctx.reply.error(NOT_INTEGER);
      return null;
    }
    return (seconds ? n * 1000 : n) + base;
  }
  let when = parseInt64(arg);
  if (when === null) {
    ctx.reply.error(NOT_INTEGER);
    return null;
  }
  if (seconds) {
    // C's LLONG_MAX / 1000 and LLONG_MIN / 1000 truncate toward zero, as BigInt division does.
    if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) {
      ctx.reply.error(invalidExpireTime(name));
      return null;
    }
    when *= 1000n;
  }
  const b = BigInt(base);
  if (when > INT64_MAX - b) {
    ctx.reply.error(invalidExpireTime(name));
    return null;
  }
  return Number(when + b);
}

function expireGeneric(ctx: CommandContext, argv: string[], relative: boolean, seconds: boolean, name: string): void {
  const conditions = parseConditions(ctx, argv);
  if (conditions < 0) return;
  const now = ctx.now;
  const when = absoluteTime(ctx, argv[2]!, relative ? now : 0, seconds, name);
  if (when === null) return;
  const db = ctx.db;
  const key = argv[1]!;
  if (db.getForWrite(key, now) === undefined) return ctx.reply.integer(0);
  if (conditions !== 0) {
    const current = db.getExpire(key);
    // No expiry counts as an infinite one: GT always fails, LT always passes.
    if ((conditions & NX) !== 0 && current !== undefined) return ctx.reply.integer(0);
    if ((conditions & XX) !== 0 && current === undefined) return ctx.reply.integer(0);
    if ((conditions & GT) !== 0 && (current === undefined || when <= current)) return ctx.reply.integer(0);
    if ((conditions & LT) !== 0 && current !== undefined && when >= current) return ctx.reply.integer(0);
  }
  // A time already past deletes the key, as Redis does (a DEL, not an expiry, in its stats).
  if (when <= now) {
    db.delete(key);
    ctx.notify(Notify.Generic, 'del', key);
  } else {
    db.setExpire(key, when);
    ctx.notify(Notify.Generic, 'expire', key);
  }
  ctx.reply.integer(1);
}

const KEY_RW_UPDATE: KeySpecDecl[] = [{ flags: 'RW UPDATE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }];
const KEY_RO_ACCESS: KeySpecDecl[] = [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }];
const CONDITIONS_HISTORY: Array<[string, string]> = [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']];

/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT: told apart by the unit and whether the time is from now. */
function expireCommand(name: string, relative: boolean, seconds: boolean, doc: { summary: string; since: string; syntax: string }): CommandSpec {
  return {
    name,
    arity: -3,
    flags: ['write', 'fast'],
    acl: ['keyspace', 'write'],
    keys: KEY_RW_UPDATE,
    doc: { summary: doc.summary, since: doc.since, group: 'generic', complexity: 'O(1)', history: CONDITIONS_HISTORY, syntax: doc.syntax },
    exec(ctx, argv) {
      expireGeneric(ctx, argv, relative, seconds, name);
    },
  };
}

export const EXPIRE = expireCommand('expire', true, true, {
  summary: "Set a key's time to live in seconds",
  since: '1.0.0',
  syntax: 'key seconds [NX | XX | GT | LT]',
});

export const PEXPIRE = expireCommand('pexpire', true, false, {
  summary: "Set a key's time to live in milliseconds",
  since: '2.6.0',
  syntax: 'key milliseconds [NX | XX | GT | LT]',
});

export const EXPIREAT = expireCommand('expireat', false, true, {
  summary: 'Set the expiration for a key as a UNIX timestamp',
  since: '1.2.0',
  syntax: 'key unix-time-seconds [NX | XX | GT | LT]',
});

export const PEXPIREAT = expireCommand('pexpireat', false, false, {
  summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds',
  since: '2.6.0',
  syntax: 'key unix-time-milliseconds [NX | XX | GT | LT]',
});

/** An integer reply of a time; past 2^53 the double prints as an integer, at most INT64_MAX. */
function replyTime(ctx: CommandContext, n: number): void {
  if (n <= Number.MAX_SAFE_INTEGER) ctx.reply.integer(n);
  else ctx.reply.integer(n >= 9223372036854775807 ? INT64_MAX : BigInt(n));
}

/** TTL, PTTL, EXPIRETIME, PEXPIRETIME: -2 for no key, -1 for no expiry (ttlGenericCommand). */
function ttlGeneric(ctx: CommandContext, argv: string[], ms: boolean, absolute: boolean): void {
  const db = ctx.db;
  const key = argv[1]!;
  const now = ctx.now;
  if (ctx.lookupRead(key) === undefined) return ctx.reply.integer(-2);
  const at = db.getExpire(key);
  if (at === undefined) return ctx.reply.integer(-1);
  let ttl = absolute ? at : at - now;
  if (ttl < 0) ttl = 0;
  replyTime(ctx, ms ? ttl : Math.floor((ttl + 500) / 1000));
}

/**
 * TTL, PTTL, EXPIRETIME, PEXPIRETIME: told apart by the unit and whether the time is absolute; a
 * time left depends on the clock, so its output is nondeterministic.
 */
function ttlCommand(name: string, ms: boolean, absolute: boolean, doc: { summary: string; since: string; history?: Array<[string, string]> }): CommandSpec {
  return {
    name,
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['keyspace', 'read'],
    keys: KEY_RO_ACCESS,
    tips: absolute ? undefined : ['nondeterministic_output'],
    doc: { summary: doc.summary, since: doc.since, group: 'generic', complexity: 'O(1)', history: doc.history, syntax: 'key' },
    exec(ctx, argv) {
      ttlGeneric(ctx, argv, ms, absolute);
    },
  };
}

const MINUS_TWO_HISTORY: Array<[string, string]> = [['2.8.0', 'Added the -2 reply.']];

export const TTL = ttlCommand('ttl', false, false, { summary: 'Get the time to live for a key in seconds', since: '1.0.0', history: MINUS_TWO_HISTORY });

export const PTTL = ttlCommand('pttl', true, false, { summary: 'Get the time to live for a key in milliseconds', since: '2.6.0', history: MINUS_TWO_HISTORY });

export const EXPIRETIME = ttlCommand('expiretime', false, true, { summary: 'Get the expiration Unix timestamp for a key', since: '7.0.0' });

export const PEXPIRETIME = ttlCommand('pexpiretime', true, true, {
  summary: 'Get the expiration Unix timestamp for a key in milliseconds',
  since: '7.0.0',
});

export const PERSIST: CommandSpec = {
  name: 'persist',
  arity: 2,
  flags: ['write', 'fast'],
  acl: ['keyspace', 'write'],
  keys: KEY_RW_UPDATE,
  doc: { summary: 'Remove the expiration from a key', since: '2.2.0', group: 'generic', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const db = ctx.db;
    const key = argv[1]!;
    if (db.getForWrite(key, ctx.now) === undefined || !db.persist(key)) return ctx.reply.integer(0);
    ctx.notify(Notify.Generic, 'persist', key);
    ctx.reply.integer(1);
  },
};

export const expireCommands: CommandSpec[] = [EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST];

/**
 * Internal, not in the command table (so COMMAND does not list it and clients cannot call it):
 * the entry active expiry proposes. It deletes those of the given keys of the entry's database
 * that have expired at the entry's time, so applying it gives the same key space on every node
 * whatever each node's clock said when the keys were sampled. Replies the number deleted.
 */
export const DELETE_EXPIRED: CommandSpec = {
  name: 'delete-expired',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['keyspace', 'write'],
  keys: [{ flags: 'RM DELETE', begin: 1, range: { lastKey: -1, step: 1, limit: 0 } }],
  doc: {
    summary: 'Delete the given keys that have expired at the time of the entry (active expiry)',
    since: '7.0.0',
    group: 'generic',
    complexity: 'O(N) where N is the number of keys',
    syntax: 'key [key ...]',
  },
  exec(ctx, argv) {
    const db = ctx.db;
    const now = ctx.now;
    let deleted = 0;
    for (let i = 1; i < argv.length; i++) {
      const key = argv[i]!;
      const at = db.getExpire(key);
      // A key with an expiry is in the dict, so delete() is the existence check.
      if (at !== undefined && now > at && db.delete(key)) {
        ctx.notify(Notify.Expired, 'expired', key);
        deleted++;
      }
    }
    db.expiredKeys += deleted;
    ctx.reply.integer(deleted);
  },
};
