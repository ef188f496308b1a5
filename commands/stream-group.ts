// Consumer groups: XGROUP CREATE | SETID | DESTROY | CREATECONSUMER | DELCONSUMER | HELP, XACK and
// XPENDING (Redis 7.0's xgroupCommand, xackCommand, xpendingCommand). Claiming is in
// stream-claim.ts.

import { StreamValue } from '../storage/stream.js';
import { ENTRIES_READ_UNKNOWN, type ConsumerGroup, type Counter } from '../storage/stream-group.js';
import { StreamId } from '../storage/stream-id.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_INTEGER, SYNTAX, WRONGTYPE, cString, subcommandSyntaxError } from './errors.js';
import { streamForWrite, streamReadForWrite } from './stream-entries.js';
import { parseCounterOrReply, parseIdOrReply, parseRangeBoundOrReply, parseStrictIdOrReply } from './stream-parse.js';
import type { CommandSpec, KeySpecDecl } from './types.js';
import { Notify } from './notify.js';

/** What XGROUP's subcommands share: the parsed options, the stream and the group. */
interface GroupTarget {
  stream: StreamValue | undefined;
  group: ConsumerGroup | undefined;
  mkstream: boolean;
  entriesRead: Counter;
}

const target: GroupTarget = { stream: undefined, group: undefined, mkstream: false, entriesRead: ENTRIES_READ_UNKNOWN };

/**
 * The common part of xgroupCommand: the options after the ID (MKSTREAM for CREATE, ENTRIESREAD
 * for CREATE and SETID), then the key, which must exist unless MKSTREAM, and the group, which
 * SETID, CREATECONSUMER and DELCONSUMER need. Null after replying an error.
 */
function groupTarget(ctx: CommandContext, argv: readonly string[], sub: 'create' | 'setid' | 'other', needsGroup: boolean): GroupTarget | null {
  const t = target;
  t.mkstream = false;
  t.entriesRead = ENTRIES_READ_UNKNOWN;
  for (let i = 5; i < argv.length; ) {
    if (sub === 'create' && eqIgnoreCase(argv[i]!, 'mkstream')) {
      t.mkstream = true;
      i++;
    } else if (sub !== 'other' && eqIgnoreCase(argv[i]!, 'entriesread') && i + 1 < argv.length) {
      const n = parseCounterOrReply(ctx, argv[i + 1]!);
      if (n === null) return null;
      if (n < 0 && n !== ENTRIES_READ_UNKNOWN) {
        ctx.reply.error('ERR value for ENTRIESREAD must be positive or -1');
        return null;
      }
      t.entriesRead = n;
      i += 2;
    } else {
      ctx.reply.error(subcommandSyntaxError(argv[0]!, argv[1]!));
      return null;
    }
  }
  const s = streamForWrite(ctx, argv[2]!);
  if (s === null) return null;
  t.stream = s;
  t.group = s?.group(argv[3]!);
  if (!t.mkstream) {
    if (s === undefined) {
      ctx.reply.error(
        'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
      );
      return null;
    }
    if (needsGroup && t.group === undefined) {
      ctx.reply.error(`NOGROUP No such consumer group '${cString(argv[3]!)}' for key name '${cString(argv[2]!)}'`);
      return null;
    }
  }
  return t;
}

const GROUP_KEY_AT_2 = (flags: string): KeySpecDecl[] => [{ flags, begin: 2, range: { lastKey: 0, step: 1, limit: 0 } }];

const CREATE: CommandSpec = {
  name: 'create',
  arity: -5,
  flags: ['write', 'denyoom'],
  acl: ['write', 'stream'],
  keys: GROUP_KEY_AT_2('RW INSERT'),
  doc: {
    summary: 'Create a consumer group.',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1)',
    syntax: 'key groupname id:<id | $> [MKSTREAM] [ENTRIESREAD entries_read]',
    history: [['7.0.0', 'Added the `entries_read` named argument.']],
  },
  exec(ctx, argv) {
    const t = groupTarget(ctx, argv, 'create', false);
    if (t === null) return;
    if (argv.length > 8) return ctx.reply.error(subcommandSyntaxError(argv[0]!, argv[1]!));
    const id = new StreamId();
    if (argv[4] === '$') {
      if (t.stream !== undefined) id.copyFrom(t.stream.lastId);
    } else if (!parseStrictIdOrReply(ctx, argv[4]!, id)) {
      return;
    }
    const key = argv[2]!;
    let s = t.stream;
    if (s === undefined) {
      s = new StreamValue();
      ctx.db.set(key, s);
    }
    if (s.createGroup(argv[3]!, id, t.entriesRead) === undefined) return ctx.reply.error('BUSYGROUP Consumer Group name already exists');
    ctx.notify(Notify.Stream, 'xgroup-create', key);
    ctx.reply.status('OK');
  },
};

const SETID: CommandSpec = {
  name: 'setid',
  arity: -5,
  flags: ['write'],
  acl: ['write', 'stream'],
  keys: GROUP_KEY_AT_2('RW UPDATE'),
  doc: {
    summary: 'Set a consumer group to an arbitrary last delivered ID value.',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1)',
    syntax: 'key groupname id:<id | $> [ENTRIESREAD entries_read]',
    history: [['7.0.0', 'Added the optional `entries_read` argument.']],
  },
  exec(ctx, argv) {
    const t = groupTarget(ctx, argv, 'setid', true);
    if (t === null) return;
    if (argv.length !== 5 && argv.length !== 7) return ctx.reply.error(subcommandSyntaxError(argv[0]!, argv[1]!));
    const g = t.group!;
    const id = new StreamId();
    if (argv[4] === '$') id.copyFrom(t.stream!.lastId);
    else if (!parseIdOrReply(ctx, argv[4]!, id)) return;
    g.lastId.copyFrom(id);
    g.entriesRead = t.entriesRead;
    ctx.notify(Notify.Stream, 'xgroup-setid', argv[2]!);
    ctx.reply.status('OK');
  },
};

const DESTROY: CommandSpec = {
  name: 'destroy',
  arity: 4,
  flags: ['write'],
  acl: ['write', 'stream'],
  keys: GROUP_KEY_AT_2('RW DELETE'),
  doc: {
    summary: 'Destroy a consumer group.',
    since: '5.0.0',
    group: 'stream',
    complexity: "O(N) where N is the number of entries in the group's pending entries list (PEL).",
    syntax: 'key groupname',
  },
  exec(ctx, argv) {
    const t = groupTarget(ctx, argv, 'other', false);
    if (t === null) return;
    if (t.group === undefined) return ctx.reply.integer(0);
    t.stream!.groups!.delete(argv[3]!);
    // Clients blocked reading with this group are woken to get NOGROUP (WATCH does not see it).
    ctx.db.signalReady(argv[2]!);
    ctx.notify(Notify.Stream, 'xgroup-destroy', argv[2]!);
    ctx.reply.integer(1);
  },
};

const CONSUMER_KEY_SYNTAX = 'key groupname consumername';

const CREATECONSUMER: CommandSpec = {
  name: 'createconsumer',
  arity: 5,
  flags: ['write', 'denyoom'],
  acl: ['write', 'stream'],
  keys: GROUP_KEY_AT_2('RW INSERT'),
  doc: { summary: 'Create a consumer in a consumer group.', since: '6.2.0', group: 'stream', complexity: 'O(1)', syntax: CONSUMER_KEY_SYNTAX },
  exec(ctx, argv) {
    const t = groupTarget(ctx, argv, 'other', true);
    if (t === null) return;
    const g = t.group!;
    if (g.consumers.has(argv[4]!)) return ctx.reply.integer(0);
    g.createConsumer(argv[4]!, ctx.now);
    ctx.notify(Notify.Stream, 'xgroup-createconsumer', argv[2]!);
    ctx.reply.integer(1);
  },
};

const DELCONSUMER: CommandSpec = {
  name: 'delconsumer',
  arity: 5,
  flags: ['write'],
  acl: ['write', 'stream'],
  keys: GROUP_KEY_AT_2('RW DELETE'),
  doc: { summary: 'Delete a consumer from a consumer group.', since: '5.0.0', group: 'stream', complexity: 'O(1)', syntax: CONSUMER_KEY_SYNTAX },
  exec(ctx, argv) {
    const t = groupTarget(ctx, argv, 'other', true);
    if (t === null) return;
    const g = t.group!;
    const c = g.consumers.get(argv[4]!);
    if (c === undefined) return ctx.reply.integer(0);
    ctx.reply.integer(g.deleteConsumer(c));
    ctx.notify(Notify.Stream, 'xgroup-delconsumer', argv[2]!);
  },
};

const XGROUP_HELP_LINES = [
  'XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
  'HELP',
  '    Prints this help.',
];

/** A container's HELP subcommand replying these lines. */
export function helpSubcommand(lines: readonly string[]): CommandSpec {
  return {
    name: 'help',
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['stream'],
    doc: { summary: 'Show helpful text about the different subcommands', since: '5.0.0', group: 'stream', complexity: 'O(1)' },
    exec(ctx) {
      ctx.reply.arrayLength(lines.length);
      for (const line of lines) ctx.reply.status(line);
    },
  };
}

export const XGROUP: CommandSpec = {
  name: 'xgroup',
  arity: -2,
  flags: [],
  acl: [],
  doc: { summary: 'A container for consumer groups commands', since: '5.0.0', group: 'stream', complexity: 'Depends on subcommand.' },
  subcommands: [DELCONSUMER, DESTROY, CREATECONSUMER, CREATE, SETID, helpSubcommand(XGROUP_HELP_LINES)],
  exec() {},
};

export const XACK: CommandSpec = {
  name: 'xack',
  arity: -4,
  flags: ['write', 'fast'],
  acl: ['write', 'stream', 'fast'],
  keys: [{ flags: 'RW UPDATE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary:
      'Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1) for each message ID processed.',
    syntax: 'key group id [id ...]',
  },
  exec(ctx, argv) {
    const s = streamReadForWrite(ctx, argv[1]!);
    if (s === null) return;
    const g = s?.group(argv[2]!);
    if (g === undefined) return ctx.reply.integer(0);
    // Every ID is checked first: the reply cannot be an error once some were acknowledged.
    const keys: string[] = [];
    const id = new StreamId();
    for (let j = 3; j < argv.length; j++) {
      if (!parseStrictIdOrReply(ctx, argv[j]!, id)) return;
      keys.push(id.key());
    }
    let acknowledged = 0;
    for (const key of keys) {
      const entry = g.pel.get(key);
      if (entry === undefined) continue;
      g.acknowledge(key, entry);
      acknowledged++;
    }
    ctx.reply.integer(acknowledged);
  },
};

export const XPENDING: CommandSpec = {
  name: 'xpending',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'stream'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  tips: ['nondeterministic_output'],
  doc: {
    summary:
      'Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.',
    since: '5.0.0',
    group: 'stream',
    complexity:
      'O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.',
    syntax: 'key group filters:[[IDLE min-idle-time:integer] start:string end:string count [consumer]]',
    history: [['6.2.0', 'Added the `IDLE` option and exclusive range intervals.']],
  },
  exec(ctx, argv) {
    const argc = argv.length;
    if (argc !== 3 && (argc < 6 || argc > 9)) return ctx.reply.error(SYNTAX);
    let count = 0;
    let minIdle = 0;
    const start = new StreamId();
    const end = new StreamId();
    let consumerName: string | null = null;
    if (argc >= 6) {
      let at = 3;
      if (eqIgnoreCase(argv[3]!, 'idle')) {
        const n = parseInteger(argv[4]!);
        if (n === null) return ctx.reply.error(NOT_INTEGER);
        minIdle = n;
        if (argc < 8) return ctx.reply.error(SYNTAX);
        at += 2;
      }
      const n = parseInteger(argv[at + 2]!);
      if (n === null) return ctx.reply.error(NOT_INTEGER);
      count = n < 0 ? 0 : n;
      if (!parseRangeBoundOrReply(ctx, argv[at]!, start, false)) return;
      if (!parseRangeBoundOrReply(ctx, argv[at + 1]!, end, true)) return;
      if (at + 3 < argc) consumerName = argv[at + 3]!;
    }
    const v = ctx.lookupRead(argv[1]!);
    if (v !== undefined && !(v instanceof StreamValue)) return ctx.reply.error(WRONGTYPE);
    const g = v?.group(argv[2]!);
    if (g === undefined) return ctx.reply.error(`NOGROUP No such key '${cString(argv[1]!)}' or consumer group '${cString(argv[2]!)}'`);
    if (argc === 3) return pendingSummary(ctx, g);
    let pel = g.pel;
    if (consumerName !== null) {
      const c = g.consumers.get(consumerName);
      if (c === undefined) return ctx.reply.arrayLength(0);
      pel = c.pel;
    }
    const endKey = end.key();
    const keys: string[] = [];
    const cursor = pel.cursor(start.key());
    for (let k = cursor.next(); keys.length < count && k !== undefined && k <= endKey; k = cursor.next()) {
      if (minIdle !== 0 && ctx.now - pel.get(k)!.deliveryTime < minIdle) continue;
      keys.push(k);
    }
    ctx.reply.arrayLength(keys.length);
    const id = new StreamId();
    for (const k of keys) {
      const e = pel.get(k)!;
      ctx.reply.arrayLength(4);
      ctx.reply.bulk(id.setFromKey(k).toString());
      ctx.reply.bulk(e.consumer!.name);
      ctx.reply.integer(Math.max(0, ctx.now - e.deliveryTime));
      ctx.reply.integer(e.deliveryCount);
    }
  },
};

/** XPENDING key group: the count, the smallest and largest IDs, and the consumers with entries. */
function pendingSummary(ctx: CommandContext, g: ConsumerGroup): void {
  const reply = ctx.reply;
  reply.arrayLength(4);
  reply.integer(g.pel.size);
  if (g.pel.size === 0) {
    reply.nullBulk();
    reply.nullBulk();
    reply.nullArray();
    return;
  }
  const id = new StreamId();
  reply.bulk(id.setFromKey(g.pel.first()!).toString());
  reply.bulk(id.setFromKey(g.pel.last()!).toString());
  const owners = g.sortedConsumers().filter((c) => c.pel.size !== 0);
  reply.arrayLength(owners.length);
  for (const c of owners) {
    reply.arrayLength(2);
    reply.bulk(c.name);
    reply.bulkInteger(c.pel.size);
  }
}

export const streamGroupCommands: CommandSpec[] = [XGROUP, XACK, XPENDING];
