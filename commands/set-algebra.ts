// SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD (Redis 7.0's sinterGenericCommand and
// sunionDiffGenericCommand). The results are built the way Redis builds them, since that decides
// what shows: a result that starts as an intset lists its members in ascending order, and SDIFF's
// choice of algorithm decides whether a large intermediate result became a hash table.

import type { EncodingSettings } from '../storage/encoding-settings.js';
import { SetValue } from '../storage/set.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import { NUMKEYS_NOT_POSITIVE, SYNTAX, WRONGTYPE } from './errors.js';
import { keyAt, replyMembers } from './set-lookup.js';
import { Notify } from './notify.js';

const TOO_MANY_NUMKEYS = "ERR Number of keys can't be greater than number of args";
const LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

/** A missing key reads as an empty set. */
type Sources = Array<SetValue | null>;

/**
 * The sets at argv[from, to): null entries for missing keys. Null after replying WRONGTYPE, which
 * every key is checked for first. A STORE form reads with the write lookup, as part of its entry.
 */
function lookupSources(ctx: CommandContext, argv: readonly string[], from: number, to: number, forWrite: boolean): Sources | null {
  const sets: Sources = [];
  for (let i = from; i < to; i++) {
    const v = forWrite ? ctx.lookupReadForWrite(argv[i]!) : ctx.lookupRead(argv[i]!);
    if (v === undefined) {
      sets.push(null);
    } else if (v instanceof SetValue) {
      sets.push(v);
    } else {
      ctx.reply.error(WRONGTYPE);
      return null;
    }
  }
  return sets;
}

/**
 * The members common to every set, in the order of the smallest set, pushed to `out` when given;
 * stops after `limit` of them (0: no limit). Returns how many were found.
 */
function intersect(sets: Sources, limit: number, out: string[] | null): number {
  if (sets.includes(null)) return 0;
  const ordered = (sets as SetValue[]).slice().sort((a, b) => a.length - b.length);
  const first = ordered[0]!;
  let found = 0;
  for (let i = 0; i < first.length; i++) {
    const member = first.at(i);
    let everywhere = true;
    for (let j = 1; j < ordered.length && everywhere; j++) everywhere = ordered[j] === first || ordered[j]!.has(member);
    if (!everywhere) continue;
    found++;
    if (out !== null) out.push(member);
    if (found === limit) break;
  }
  return found;
}

/** The union of the sets, built as Redis builds it: an intset to start with, members added in order. */
export function union(sets: Sources, settings: EncodingSettings): SetValue {
  const result = new SetValue();
  for (const set of sets) {
    if (set === null) continue;
    for (let i = 0; i < set.length; i++) result.add(set.at(i), settings);
  }
  return result;
}

/**
 * The members of the first set that no other set has. Like Redis, either tests each member of
 * the first set against the others (about |first| × sets of work), or adds the first set and
 * removes every other set's members (the total size), whichever promises less work.
 */
function difference(sets: Sources, settings: EncodingSettings): SetValue {
  const result = new SetValue();
  const first = sets[0];
  if (first === null || first === undefined) return result;
  for (let j = 1; j < sets.length; j++) if (sets[j] === first) return result;
  let testEach = 0;
  let addThenRemove = 0;
  for (const set of sets) {
    if (set === null) continue;
    testEach += first.length;
    addThenRemove += set.length;
  }
  const others = sets.slice(1).filter((s): s is SetValue => s !== null);
  if (Math.floor(testEach / 2) <= addThenRemove) {
    // Larger sets first: a member found in one is dropped sooner.
    others.sort((a, b) => b.length - a.length);
    for (let i = 0; i < first.length; i++) {
      const member = first.at(i);
      let elsewhere = false;
      for (let j = 0; j < others.length && !elsewhere; j++) elsewhere = others[j]!.has(member);
      if (!elsewhere) result.add(member, settings);
    }
    return result;
  }
  for (let i = 0; i < first.length; i++) result.add(first.at(i), settings);
  for (const set of others) {
    for (let i = 0; i < set.length && result.length > 0; i++) result.remove(set.at(i));
    if (result.length === 0) break;
  }
  return result;
}

/** The reply of a STORE form: the result replaces the destination, or deletes it when empty. */
function store(ctx: CommandContext, destination: string, result: SetValue, event: string): void {
  if (result.length > 0) {
    ctx.db.set(destination, result);
    ctx.notify(Notify.Set, event, destination);
  } else if (ctx.db.delete(destination)) {
    ctx.notify(Notify.Generic, 'del', destination);
  }
  ctx.reply.integer(result.length);
}

const MANY_KEYS = [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: -1, step: 1, limit: 0 } }];
function storeKeys(destinationFlags: string) {
  return [keyAt(1, destinationFlags), { flags: 'RO ACCESS', begin: 2, range: { lastKey: -1, step: 1, limit: 0 } }];
}

export const SINTER: CommandSpec = {
  name: 'sinter',
  arity: -2,
  flags: ['readonly'],
  acl: ['set'],
  keys: MANY_KEYS,
  tips: ['nondeterministic_output_order'],
  doc: {
    summary: 'Intersect multiple sets',
    since: '1.0.0',
    group: 'set',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    syntax: 'key [key ...]',
  },
  exec(ctx, argv) {
    const sets = lookupSources(ctx, argv, 1, argv.length, false);
    if (sets === null) return;
    const members: string[] = [];
    intersect(sets, 0, members);
    ctx.reply.bulkArray(members);
  },
};

export const SINTERSTORE: CommandSpec = {
  name: 'sinterstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['set'],
  keys: storeKeys('RW UPDATE'),
  doc: {
    summary: 'Intersect multiple sets and store the resulting set in a key',
    since: '1.0.0',
    group: 'set',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    syntax: 'destination key [key ...]',
  },
  exec(ctx, argv) {
    const sets = lookupSources(ctx, argv, 2, argv.length, true);
    if (sets === null) return;
    const members: string[] = [];
    intersect(sets, 0, members);
    const result = new SetValue();
    const settings = ctx.keyspace.encoding;
    for (const member of members) result.add(member, settings);
    store(ctx, argv[1]!, result, 'sinterstore');
  },
};

export const SINTERCARD: CommandSpec = {
  name: 'sintercard',
  arity: -3,
  flags: ['readonly'],
  acl: ['set'],
  keys: [{ flags: 'RO ACCESS', begin: 1, keynum: { keyNumIdx: 0, firstKey: 1, step: 1 } }],
  doc: {
    summary: 'Intersect multiple sets and return the cardinality of the result',
    since: '7.0.0',
    group: 'set',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    syntax: 'numkeys key [key ...] [LIMIT limit]',
  },
  exec(ctx, argv) {
    const numkeys = parseInteger(argv[1]!);
    if (numkeys === null || numkeys < 1) return ctx.reply.error(NUMKEYS_NOT_POSITIVE);
    if (numkeys > argv.length - 2) return ctx.reply.error(TOO_MANY_NUMKEYS);
    let limit = 0;
    for (let i = 2 + numkeys; i < argv.length; i++) {
      if (eqIgnoreCase(argv[i]!, 'limit') && i + 1 < argv.length) {
        const n = parseInteger(argv[++i]!);
        if (n === null || n < 0) return ctx.reply.error(LIMIT_NEGATIVE);
        limit = n;
      } else {
        return ctx.reply.error(SYNTAX);
      }
    }
    const sets = lookupSources(ctx, argv, 2, 2 + numkeys, false);
    if (sets !== null) ctx.reply.integer(intersect(sets, limit, null));
  },
};

export const SUNION: CommandSpec = {
  name: 'sunion',
  arity: -2,
  flags: ['readonly'],
  acl: ['set'],
  keys: MANY_KEYS,
  tips: ['nondeterministic_output_order'],
  doc: { summary: 'Add multiple sets', since: '1.0.0', group: 'set', complexity: 'O(N) where N is the total number of elements in all given sets.', syntax: 'key [key ...]' },
  exec(ctx, argv) {
    const sets = lookupSources(ctx, argv, 1, argv.length, false);
    if (sets !== null) replyMembers(ctx, union(sets, ctx.keyspace.encoding));
  },
};

export const SUNIONSTORE: CommandSpec = {
  name: 'sunionstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['set'],
  keys: storeKeys('OW UPDATE'),
  doc: {
    summary: 'Add multiple sets and store the resulting set in a key',
    since: '1.0.0',
    group: 'set',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    syntax: 'destination key [key ...]',
  },
  exec(ctx, argv) {
    const sets = lookupSources(ctx, argv, 2, argv.length, true);
    if (sets !== null) store(ctx, argv[1]!, union(sets, ctx.keyspace.encoding), 'sunionstore');
  },
};

export const SDIFF: CommandSpec = {
  name: 'sdiff',
  arity: -2,
  flags: ['readonly'],
  acl: ['set'],
  keys: MANY_KEYS,
  tips: ['nondeterministic_output_order'],
  doc: { summary: 'Subtract multiple sets', since: '1.0.0', group: 'set', complexity: 'O(N) where N is the total number of elements in all given sets.', syntax: 'key [key ...]' },
  exec(ctx, argv) {
    const sets = lookupSources(ctx, argv, 1, argv.length, false);
    if (sets !== null) replyMembers(ctx, difference(sets, ctx.keyspace.encoding));
  },
};

export const SDIFFSTORE: CommandSpec = {
  name: 'sdiffstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['set'],
  keys: storeKeys('OW UPDATE'),
  doc: {
    summary: 'Subtract multiple sets and store the resulting set in a key',
    since: '1.0.0',
    group: 'set',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    syntax: 'destination key [key ...]',
  },
  exec(ctx, argv) {
    const sets = lookupSources(ctx, argv, 2, argv.length, true);
    if (sets !== null) store(ctx, argv[1]!, difference(sets, ctx.keyspace.encoding), 'sdiffstore');
  },
};

export const setAlgebraCommands: CommandSpec[] = [SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE];
