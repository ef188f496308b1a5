// What COMMAND INFO reports about a command, derived from its declaration as Redis derives it from
// its JSON files: the flags it shows, the ACL categories the flags imply, the legacy
// first/last/step key positions computed from the key specs (populateCommandLegacyRangeSpec), the
// movablekeys flag, and the key specs themselves.

import type { ReplyWriter } from '../protocol/reply-writer.js';
import type { Command } from './command-table.js';
import type { CommandFlag, CommandSpec, KeySpecDecl } from './types.js';

/** Redis's ACL categories, in the order Redis lists them. */
export const ACL_CATEGORIES = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog', 'geo', 'stream',
  'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection', 'transaction', 'scripting',
] as const;

/** The flags COMMAND INFO shows, in its order; may_replicate, sentinel, only_sentinel and protected stay hidden. */
const SHOWN_FLAGS: readonly CommandFlag[] = [
  'write', 'readonly', 'denyoom', 'module', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale',
  'skip_monitor', 'skip_slowlog', 'asking', 'fast', 'no_auth', 'no_mandatory_keys', 'no_async_loading', 'no_multi',
  'movablekeys', 'allow_busy',
];

/** Key-spec flags in the order and spelling Redis shows them. */
const KEY_FLAGS: ReadonlyArray<[string, string]> = [
  ['RO', 'RO'], ['RW', 'RW'], ['OW', 'OW'], ['RM', 'RM'], ['ACCESS', 'access'], ['UPDATE', 'update'], ['INSERT', 'insert'],
  ['DELETE', 'delete'], ['NOT_KEY', 'not_key'], ['INCOMPLETE', 'incomplete'], ['VARIABLE_FLAGS', 'variable_flags'],
];

export interface CommandInfo {
  /** The flags COMMAND INFO shows. */
  flags: string[];
  /** ACL categories without '@', declared and implied, in Redis's order. */
  categories: string[];
  firstKey: number;
  lastKey: number;
  keyStep: number;
  /** Each key spec's flags as Redis shows them. */
  keyFlags: string[][];
}

const infoCache = new WeakMap<CommandSpec, CommandInfo>();

export function commandInfo(spec: CommandSpec): CommandInfo {
  let info = infoCache.get(spec);
  if (info === undefined) {
    info = deriveInfo(spec);
    infoCache.set(spec, info);
  }
  return info;
}

/** A key spec's flags as Redis shows them ("RW ACCESS" → ["RW", "access"]). */
export function keySpecFlags(decl: KeySpecDecl): string[] {
  const words = decl.flags.toUpperCase().split(/\s+/);
  return KEY_FLAGS.filter(([word]) => words.includes(word)).map(([, shown]) => shown);
}

function deriveInfo(spec: CommandSpec): CommandInfo {
  const specs = spec.keys ?? [];
  const keyFlags = specs.map(keySpecFlags);
  const range = legacyRange(specs, keyFlags);
  const declared = new Set<string>(spec.flags);
  if (range.movable) declared.add('movablekeys');
  return {
    flags: SHOWN_FLAGS.filter((f) => declared.has(f)),
    categories: aclCategories(spec),
    firstKey: range.first,
    lastKey: range.last,
    keyStep: range.step,
    keyFlags,
  };
}

/** Declared categories plus those the flags imply (Redis's setImplicitACLCategories). */
function aclCategories(spec: CommandSpec): string[] {
  const cats = new Set<string>(spec.acl.map((c) => c.toLowerCase().replace(/^@/, '')));
  const flags = new Set<string>(spec.flags);
  if (flags.has('write')) cats.add('write');
  if (flags.has('readonly') && !cats.has('scripting')) cats.add('read');
  if (flags.has('admin')) {
    cats.add('admin');
    cats.add('dangerous');
  }
  if (flags.has('pubsub')) cats.add('pubsub');
  if (flags.has('fast')) cats.add('fast');
  if (flags.has('blocking')) cats.add('blocking');
  if (!cats.has('fast')) cats.add('slow');
  return ACL_CATEGORIES.filter((c) => cats.has(c));
}

function isIndexRange(decl: KeySpecDecl): decl is KeySpecDecl & { begin: number; range: NonNullable<KeySpecDecl['range']> } {
  return typeof decl.begin === 'number' && decl.range !== undefined;
}

/**
 * The legacy (first, last, step) of COMMAND INFO: one plain index/range spec is used as is;
 * otherwise the consecutive step-1 ranges are merged. Any spec this cannot express (a keyword, a
 * key count, a step, a gap, an incomplete spec) makes the keys movable.
 */
function legacyRange(specs: readonly KeySpecDecl[], keyFlags: readonly string[][]): { first: number; last: number; step: number; movable: boolean } {
  if (specs.length === 0) return { first: 0, last: 0, step: 0, movable: false };
  const only = specs[0]!;
  if (specs.length === 1 && isIndexRange(only)) {
    const last = only.range.lastKey >= 0 ? only.range.lastKey + only.begin : only.range.lastKey;
    return { first: only.begin, last, step: only.range.step, movable: keyFlags[0]!.includes('incomplete') };
  }
  let movable = false;
  let first = Number.MAX_SAFE_INTEGER;
  let last = 0;
  let prevLast = 0;
  specs.forEach((decl, i) => {
    if (!isIndexRange(decl) || decl.range.step !== 1 || (prevLast !== 0 && prevLast !== decl.begin - 1)) {
      movable = true;
      return;
    }
    if (keyFlags[i]!.includes('incomplete')) movable = true;
    first = Math.min(first, decl.begin);
    const absLast = decl.range.lastKey >= 0 ? decl.range.lastKey + decl.begin : decl.range.lastKey;
    // Redis compares as unsigned: a negative (to-the-end) last key wins.
    last = unsigned(absLast) > unsigned(last) ? absLast : last;
    prevLast = last;
  });
  if (first === Number.MAX_SAFE_INTEGER) return { first: 0, last: 0, step: 0, movable: true };
  return { first, last, step: 1, movable };
}

function unsigned(n: number): number {
  return n >>> 0;
}

/** COMMAND INFO's reply for one command (a null for an unknown one), subcommands nested. */
export function writeCommandInfo(reply: ReplyWriter, cmd: Command | undefined): void {
  if (cmd === undefined) return reply.nullBulk();
  const spec = cmd.spec;
  const info = commandInfo(spec);
  reply.arrayLength(10);
  reply.bulk(cmd.fullName);
  reply.integer(spec.arity);
  writeStatuses(reply, info.flags);
  reply.integer(info.firstKey);
  reply.integer(info.lastKey);
  reply.integer(info.keyStep);
  reply.arrayLength(info.categories.length);
  for (const c of info.categories) reply.status(`@${c}`);
  reply.bulkArray(spec.tips ?? []);
  writeKeySpecs(reply, spec.keys ?? [], info.keyFlags);
  const subs = cmd.subcommands;
  reply.arrayLength(subs === null ? 0 : subs.size);
  if (subs !== null) for (const sub of subs.values()) writeCommandInfo(reply, sub);
}

function writeStatuses(reply: ReplyWriter, items: readonly string[]): void {
  reply.arrayLength(items.length);
  for (const s of items) reply.status(s);
}

function writeKeySpecs(reply: ReplyWriter, specs: readonly KeySpecDecl[], keyFlags: readonly string[][]): void {
  reply.arrayLength(specs.length);
  specs.forEach((decl, i) => {
    reply.arrayLength(decl.notes !== undefined ? 8 : 6);
    if (decl.notes !== undefined) {
      reply.bulk('notes');
      reply.bulk(decl.notes);
    }
    reply.bulk('flags');
    writeStatuses(reply, keyFlags[i]!);
    reply.bulk('begin_search');
    reply.arrayLength(4);
    reply.bulk('type');
    if (typeof decl.begin === 'number') {
      reply.bulk('index');
      reply.bulk('spec');
      reply.arrayLength(2);
      reply.bulk('index');
      reply.integer(decl.begin);
    } else {
      reply.bulk('keyword');
      reply.bulk('spec');
      reply.arrayLength(4);
      reply.bulk('keyword');
      reply.bulk(decl.begin.keyword);
      reply.bulk('startfrom');
      reply.integer(decl.begin.startFrom);
    }
    reply.bulk('find_keys');
    reply.arrayLength(4);
    reply.bulk('type');
    if (decl.range !== undefined) {
      reply.bulk('range');
      reply.bulk('spec');
      reply.arrayLength(6);
      reply.bulk('lastkey');
      reply.integer(decl.range.lastKey);
      reply.bulk('keystep');
      reply.integer(decl.range.step);
      reply.bulk('limit');
      reply.integer(decl.range.limit);
    } else if (decl.keynum !== undefined) {
      reply.bulk('keynum');
      reply.bulk('spec');
      reply.arrayLength(6);
      reply.bulk('keynumidx');
      reply.integer(decl.keynum.keyNumIdx);
      reply.bulk('firstkey');
      reply.integer(decl.keynum.firstKey);
      reply.bulk('keystep');
      reply.integer(decl.keynum.step);
    } else {
      reply.bulk('unknown');
      reply.bulk('spec');
      reply.arrayLength(0);
    }
  });
}
