// Set commands (Redis 7.0's t_set.c): membership and moves. SPOP and SRANDMEMBER are in
// set-random.ts, the algebra (SINTER, SUNION, SDIFF, their STORE forms, SINTERCARD) in
// set-algebra.ts, SSCAN in set-scan.ts.

import { SetValue } from '../storage/set.js';
import type { CommandSpec } from './types.js';
import { WRONGTYPE } from './errors.js';
import { setAlgebraCommands } from './set-algebra.js';
import { keyAt, replyMembers, setToRead, setToWrite } from './set-lookup.js';
import { setRandomCommands } from './set-random.js';
import { SSCAN } from './set-scan.js';
import { Notify } from './notify.js';
import { collectionShrunk } from './collection.js';

export const SADD: CommandSpec = {
  name: 'sadd',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['set'],
  keys: [keyAt(1, 'RW INSERT')],
  doc: {
    summary: 'Add one or more members to a set',
    since: '1.0.0',
    group: 'set',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
    syntax: 'key member [member ...]',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const existing = setToWrite(ctx, key);
    if (existing === null) return;
    const set = existing ?? SetValue.startingWith(argv[2]!);
    const settings = ctx.keyspace.encoding;
    let added = 0;
    for (let i = 2; i < argv.length; i++) if (set.add(argv[i]!, settings)) added++;
    if (existing === undefined) ctx.db.set(key, set);
    else if (added > 0) ctx.db.touched(key);
    if (added > 0) ctx.notify(Notify.Set, 'sadd', key);
    ctx.reply.integer(added);
  },
};

export const SREM: CommandSpec = {
  name: 'srem',
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['set'],
  keys: [keyAt(1, 'RW DELETE')],
  doc: {
    summary: 'Remove one or more members from a set',
    since: '1.0.0',
    group: 'set',
    complexity: 'O(N) where N is the number of members to be removed.',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
    syntax: 'key member [member ...]',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const set = setToWrite(ctx, key);
    if (set === null) return;
    if (set === undefined) return ctx.reply.integer(0);
    let removed = 0;
    for (let i = 2; i < argv.length; i++) {
      if (!set.remove(argv[i]!)) continue;
      removed++;
      if (set.length === 0) {
        ctx.db.delete(key);
        ctx.notify(Notify.Set, 'srem', key);
        ctx.notify(Notify.Generic, 'del', key);
        return ctx.reply.integer(removed);
      }
    }
    if (removed > 0) {
      ctx.db.touched(key);
      ctx.notify(Notify.Set, 'srem', key);
    }
    ctx.reply.integer(removed);
  },
};

export const SCARD: CommandSpec = {
  name: 'scard',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['set'],
  keys: [keyAt(1, 'RO')],
  doc: { summary: 'Get the number of members in a set', since: '1.0.0', group: 'set', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const set = setToRead(ctx, argv[1]!);
    if (set !== null) ctx.reply.integer(set?.length ?? 0);
  },
};

export const SISMEMBER: CommandSpec = {
  name: 'sismember',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['set'],
  keys: [keyAt(1, 'RO')],
  doc: { summary: 'Determine if a given value is a member of a set', since: '1.0.0', group: 'set', complexity: 'O(1)', syntax: 'key member' },
  exec(ctx, argv) {
    const set = setToRead(ctx, argv[1]!);
    if (set !== null) ctx.reply.integer(set?.has(argv[2]!) ? 1 : 0);
  },
};

export const SMISMEMBER: CommandSpec = {
  name: 'smismember',
  arity: -3,
  flags: ['readonly', 'fast'],
  acl: ['set'],
  keys: [keyAt(1, 'RO ACCESS')],
  doc: {
    summary: 'Returns the membership associated with the given elements for a set',
    since: '6.2.0',
    group: 'set',
    complexity: 'O(N) where N is the number of elements being checked for membership',
    syntax: 'key member [member ...]',
  },
  exec(ctx, argv) {
    const set = setToRead(ctx, argv[1]!);
    if (set === null) return;
    ctx.reply.arrayLength(argv.length - 2);
    for (let i = 2; i < argv.length; i++) ctx.reply.integer(set?.has(argv[i]!) ? 1 : 0);
  },
};

export const SMEMBERS: CommandSpec = {
  name: 'smembers',
  arity: 2,
  flags: ['readonly'],
  acl: ['set'],
  keys: [keyAt(1, 'RO ACCESS')],
  tips: ['nondeterministic_output_order'],
  doc: { summary: 'Get all the members in a set', since: '1.0.0', group: 'set', complexity: 'O(N) where N is the set cardinality.', syntax: 'key' },
  exec(ctx, argv) {
    const set = setToRead(ctx, argv[1]!);
    if (set === null) return;
    if (set === undefined) return ctx.reply.arrayLength(0);
    replyMembers(ctx, set);
  },
};

export const SMOVE: CommandSpec = {
  name: 'smove',
  arity: 4,
  flags: ['write', 'fast'],
  acl: ['set'],
  keys: [keyAt(1, 'RW ACCESS DELETE'), keyAt(2, 'RW INSERT')],
  doc: { summary: 'Move a member from one set to another', since: '1.0.0', group: 'set', complexity: 'O(1)', syntax: 'source destination member' },
  exec(ctx, argv) {
    const db = ctx.db;
    const source = argv[1]!;
    const destination = argv[2]!;
    const member = argv[3]!;
    const from = db.getForWrite(source, ctx.now);
    const to = db.getForWrite(destination, ctx.now);
    if (from === undefined) return ctx.reply.integer(0);
    if (!(from instanceof SetValue) || (to !== undefined && !(to instanceof SetValue))) return ctx.reply.error(WRONGTYPE);
    if (from === to) return ctx.reply.integer(from.has(member) ? 1 : 0);
    if (!from.remove(member)) return ctx.reply.integer(0);
    ctx.notify(Notify.Set, 'srem', source);
    collectionShrunk(ctx, source, from.length);
    if (to === undefined) {
      const created = SetValue.startingWith(member);
      created.add(member, ctx.keyspace.encoding);
      db.set(destination, created);
      ctx.notify(Notify.Set, 'sadd', destination);
    } else if (to.add(member, ctx.keyspace.encoding)) {
      db.touched(destination);
      ctx.notify(Notify.Set, 'sadd', destination);
    }
    ctx.reply.integer(1);
  },
};

export const setCommands: CommandSpec[] = [
  SADD,
  SREM,
  SCARD,
  SISMEMBER,
  SMISMEMBER,
  SMEMBERS,
  ...setRandomCommands,
  SMOVE,
  ...setAlgebraCommands,
  SSCAN,
];
