// Commands on keys whatever their type (Redis's db.c): DEL, UNLINK, EXISTS, TYPE, TOUCH, RENAME,
// RENAMENX, COPY, MOVE. KEYS, SCAN and RANDOMKEY are in keys-scan.ts, the expiry commands in
// expire.ts, OBJECT in object.ts.

import type { Database } from '../storage/database.js';
import { isSharedInteger, typeOf, type StoredValue, type StringForm } from '../storage/value.js';
import type { CommandContext } from './context.js';
import type { CommandSpec, KeySpecDecl } from './types.js';
import { parseInteger, eqIgnoreCase } from './args.js';
import { DB_OUT_OF_RANGE, NOT_INT32, NOT_INTEGER, NO_SUCH_KEY, SAME_OBJECT, SYNTAX } from './errors.js';
import { Notify } from './notify.js';

/** Every argument from the first is a key. */
function allKeys(flags: string): KeySpecDecl[] {
  return [{ flags, begin: 1, range: { lastKey: -1, step: 1, limit: 0 } }];
}

/** The key at `index`. */
function keyAt(flags: string, index: number): KeySpecDecl {
  return { flags, begin: index, range: { lastKey: 0, step: 1, limit: 0 } };
}

const MULTI_SHARD_SUM = ['request_policy:multi_shard', 'response_policy:agg_sum'];

function deleteKeys(ctx: CommandContext, argv: string[]): void {
  const db = ctx.db;
  const now = ctx.now;
  let deleted = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i]!;
    // An expired key is removed by getForWrite and counted as expired, not as deleted (as Redis).
    if (db.getForWrite(key, now) !== undefined && db.delete(key)) {
      ctx.notify(Notify.Generic, 'del', key);
      deleted++;
    }
  }
  ctx.reply.integer(deleted);
}

/** Live keys among the arguments, each occurrence counted (EXISTS a a counts 2, as Redis). */
function countLiveKeys(ctx: CommandContext, argv: string[]): void {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (ctx.lookupRead(argv[i]!) !== undefined) n++;
  ctx.reply.integer(n);
}

export const DEL: CommandSpec = {
  name: 'del',
  arity: -2,
  flags: ['write'],
  acl: ['keyspace', 'write'],
  keys: allKeys('RM DELETE'),
  tips: MULTI_SHARD_SUM,
  doc: {
    summary: 'Delete a key',
    since: '1.0.0',
    group: 'generic',
    complexity:
      'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).',
    syntax: 'key [key ...]',
  },
  exec: deleteKeys,
};

// Values are freed by V8's collector, off the command path already: UNLINK is DEL.
export const UNLINK: CommandSpec = {
  name: 'unlink',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['keyspace', 'write'],
  keys: allKeys('RM DELETE'),
  tips: MULTI_SHARD_SUM,
  doc: {
    summary: 'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.',
    since: '4.0.0',
    group: 'generic',
    complexity:
      'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.',
    syntax: 'key [key ...]',
  },
  exec: deleteKeys,
};

export const EXISTS: CommandSpec = {
  name: 'exists',
  arity: -2,
  flags: ['readonly', 'fast'],
  acl: ['keyspace', 'read'],
  keys: allKeys('RO'),
  tips: MULTI_SHARD_SUM,
  doc: {
    summary: 'Determine if a key exists',
    since: '1.0.0',
    group: 'generic',
    complexity: 'O(N) where N is the number of keys to check.',
    history: [['3.0.3', 'Accepts multiple `key` arguments.']],
    syntax: 'key [key ...]',
  },
  exec: countLiveKeys,
};

// There is no access clock to update (see object.ts), so TOUCH only counts the live keys.
export const TOUCH: CommandSpec = {
  name: 'touch',
  arity: -2,
  flags: ['readonly', 'fast'],
  acl: ['keyspace', 'read'],
  keys: allKeys('RO'),
  tips: MULTI_SHARD_SUM,
  doc: {
    summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.',
    since: '3.2.1',
    group: 'generic',
    complexity: 'O(N) where N is the number of keys that will be touched.',
    syntax: 'key [key ...]',
  },
  exec: countLiveKeys,
};

export const TYPE: CommandSpec = {
  name: 'type',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['keyspace', 'read'],
  keys: [keyAt('RO', 1)],
  doc: { summary: 'Determine the type stored at key', since: '1.0.0', group: 'generic', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const v = ctx.lookupRead(argv[1]!);
    ctx.reply.status(v === undefined ? 'none' : typeOf(v));
  },
};

/**
 * Stores `value` under `key` in `to` with the expiry `at`, carrying the string form of the source
 * so OBJECT ENCODING stays what it was (Redis moves or duplicates the object itself).
 */
function storeMoved(to: Database, key: string, value: StoredValue, at: number | undefined, form: StringForm | undefined): void {
  to.set(key, value);
  if (at !== undefined) to.setExpire(key, at);
  if (form !== undefined) to.stringForms.set(key, form);
}

function renameGeneric(ctx: CommandContext, argv: string[], nx: boolean): void {
  const db = ctx.db;
  const now = ctx.now;
  const src = argv[1]!;
  const dst = argv[2]!;
  const value = db.getForWrite(src, now);
  if (value === undefined) return ctx.reply.error(NO_SUCH_KEY);
  if (src === dst) return nx ? ctx.reply.integer(0) : ctx.reply.status('OK');
  if (db.getForWrite(dst, now) !== undefined) {
    if (nx) return ctx.reply.integer(0);
    db.delete(dst);
  }
  const at = db.getExpire(src);
  const form = db.stringForms.get(src);
  db.delete(src);
  storeMoved(db, dst, value, at, form);
  ctx.notify(Notify.Generic, 'rename_from', src);
  ctx.notify(Notify.Generic, 'rename_to', dst);
  if (nx) ctx.reply.integer(1);
  else ctx.reply.status('OK');
}

export const RENAME: CommandSpec = {
  name: 'rename',
  arity: 3,
  flags: ['write'],
  acl: ['keyspace', 'write'],
  keys: [keyAt('RW ACCESS DELETE', 1), keyAt('OW UPDATE', 2)],
  doc: { summary: 'Rename a key', since: '1.0.0', group: 'generic', complexity: 'O(1)', syntax: 'key newkey' },
  exec(ctx, argv) {
    renameGeneric(ctx, argv, false);
  },
};

export const RENAMENX: CommandSpec = {
  name: 'renamenx',
  arity: 3,
  flags: ['write', 'fast'],
  acl: ['keyspace', 'write'],
  keys: [keyAt('RW ACCESS DELETE', 1), keyAt('OW INSERT', 2)],
  doc: {
    summary: 'Rename a key, only if the new key does not exist',
    since: '1.0.0',
    group: 'generic',
    complexity: 'O(1)',
    history: [['3.2.0', 'The command no longer returns an error when source and destination names are the same.']],
    syntax: 'key newkey',
  },
  exec(ctx, argv) {
    renameGeneric(ctx, argv, true);
  },
};

/**
 * A database number as Redis reads it (getIntFromObjectOrReply, then selectDb), or null after
 * replying the error.
 */
function databaseArg(ctx: CommandContext, arg: string): Database | null {
  const n = parseInteger(arg);
  if (n === null) {
    ctx.reply.error(NOT_INTEGER);
    return null;
  }
  if (n < -2147483648 || n > 2147483647) {
    ctx.reply.error(NOT_INT32);
    return null;
  }
  const db = n >= 0 ? ctx.keyspace.dbs[n] : undefined;
  if (db === undefined) {
    ctx.reply.error(DB_OUT_OF_RANGE);
    return null;
  }
  return db;
}

export const COPY: CommandSpec = {
  name: 'copy',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['keyspace', 'write'],
  keys: [keyAt('RO ACCESS', 1), keyAt('OW UPDATE', 2)],
  doc: {
    summary: 'Copy a key',
    since: '6.2.0',
    group: 'generic',
    complexity: 'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
    syntax: 'source destination [DB destination-db] [REPLACE]',
  },
  exec(ctx, argv) {
    const src = ctx.db;
    let dst = src;
    let replace = false;
    for (let i = 3; i < argv.length; i++) {
      const opt = argv[i]!;
      if (eqIgnoreCase(opt, 'replace')) {
        replace = true;
      } else if (eqIgnoreCase(opt, 'db') && i + 1 < argv.length) {
        const target = databaseArg(ctx, argv[++i]!);
        if (target === null) return;
        dst = target;
      } else {
        return ctx.reply.error(SYNTAX);
      }
    }
    const key = argv[1]!;
    const newKey = argv[2]!;
    if (src === dst && key === newKey) return ctx.reply.error(SAME_OBJECT);
    const now = ctx.now;
    const value = ctx.lookupReadForWrite(key);
    if (value === undefined) return ctx.reply.integer(0);
    if (dst.getForWrite(newKey, now) !== undefined) {
      if (!replace) return ctx.reply.integer(0);
      dst.delete(newKey);
    }
    // Strings are immutable JS strings and can be shared; collections are deep-copied.
    const copy = typeof value === 'string' ? value : value.clone();
    // Redis duplicates the object: the copy of a shared integer is an int of its own (refcount 1).
    const form = src.stringForms.get(key);
    storeMoved(dst, newKey, copy, src.getExpire(key), typeof value === 'string' && isSharedInteger(value, form) ? 'unshared' : form);
    ctx.notify(Notify.Generic, 'copy_to', newKey, dst.id);
    ctx.reply.integer(1);
  },
};

export const MOVE: CommandSpec = {
  name: 'move',
  arity: 3,
  flags: ['write', 'fast'],
  acl: ['keyspace', 'write'],
  keys: [keyAt('RW ACCESS UPDATE', 1)],
  doc: { summary: 'Move a key to another database', since: '1.0.0', group: 'generic', complexity: 'O(1)', syntax: 'key db' },
  exec(ctx, argv) {
    const src = ctx.db;
    const dst = databaseArg(ctx, argv[2]!);
    if (dst === null) return;
    if (dst === src) return ctx.reply.error(SAME_OBJECT);
    const key = argv[1]!;
    const now = ctx.now;
    const value = src.getForWrite(key, now);
    if (value === undefined || dst.getForWrite(key, now) !== undefined) return ctx.reply.integer(0);
    const at = src.getExpire(key);
    const form = src.stringForms.get(key);
    src.delete(key);
    storeMoved(dst, key, value, at, form);
    ctx.notify(Notify.Generic, 'move_from', key, src.id);
    ctx.notify(Notify.Generic, 'move_to', key, dst.id);
    ctx.reply.integer(1);
  },
};

export const keyCommands: CommandSpec[] = [DEL, UNLINK, EXISTS, TOUCH, TYPE, RENAME, RENAMENX, COPY, MOVE];
