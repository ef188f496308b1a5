// XINFO STREAM [FULL [COUNT n]] | GROUPS | CONSUMERS | HELP (Redis 7.0's xinfoCommand), with 7.0's
// fields: entries-added, max-deleted-entry-id, recorded-first-entry-id, and per group
// entries-read and lag.

import type { ReplyWriter } from '../protocol/reply-writer.js';
import type { StreamValue } from '../storage/stream.js';
import type { ConsumerGroup } from '../storage/stream-group.js';
import { StreamId } from '../storage/stream-id.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_INTEGER, NO_SUCH_KEY, cString, subcommandSyntaxError } from './errors.js';
import { streamForRead } from './stream-entries.js';
import { helpSubcommand } from './stream-group.js';
import { replyEntry, replyRange } from './stream-reply.js';
import { StreamIterator } from '../storage/stream.js';
import type { CommandSpec } from './types.js';

/** FULL shows this many entries, and pending entries per group and consumer, unless COUNT says. */
const FULL_DEFAULT_COUNT = 10;

/** The stream at argv[2], or null after replying the error (a missing key is an error here). */
function infoStream(ctx: CommandContext, argv: readonly string[]): StreamValue | null {
  const s = streamForRead(ctx, argv[2]!);
  if (s === undefined) ctx.reply.error(NO_SUCH_KEY);
  return s ?? null;
}

function replyLag(reply: ReplyWriter, s: StreamValue, g: ConsumerGroup): void {
  const lag = s.groupLag(g);
  if (lag === null) reply.nullBulk();
  else reply.integer(lag);
}

function replyEntriesRead(reply: ReplyWriter, g: ConsumerGroup): void {
  if (g.entriesRead === -1) reply.nullBulk();
  else reply.integer(g.entriesRead);
}

/** The first or last live entry, or nil. */
function replyEdgeEntry(reply: ReplyWriter, s: StreamValue, last: boolean): void {
  const it = new StreamIterator(s).start(null, null, last);
  if (it.next()) replyEntry(reply, it.node!, it.pos, it.id);
  else reply.nullBulk();
}

const STREAM: CommandSpec = {
  name: 'stream',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'stream'],
  keys: [{ flags: 'RO ACCESS', begin: 2, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary: 'Get information about a stream',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1)',
    syntax: 'key full:[FULL [COUNT count]]',
    history: [
      ['6.0.0', 'Added the `FULL` modifier.'],
      ['7.0.0', 'Added the `max-deleted-entry-id`, `entries-added`, `recorded-first-entry-id`, `entries-read` and `lag` fields'],
    ],
  },
  exec(ctx, argv) {
    const s = infoStream(ctx, argv);
    if (s === null) return;
    const optc = argv.length - 3;
    let full = false;
    let count = FULL_DEFAULT_COUNT;
    if (optc !== 0) {
      if ((optc !== 1 && optc !== 3) || !eqIgnoreCase(argv[3]!, 'full') || (optc === 3 && !eqIgnoreCase(argv[4]!, 'count'))) {
        return ctx.reply.error(subcommandSyntaxError(argv[0]!, argv[1]!));
      }
      full = true;
      if (optc === 3) {
        const n = parseInteger(argv[5]!);
        if (n === null) return ctx.reply.error(NOT_INTEGER);
        count = n < 0 ? FULL_DEFAULT_COUNT : n;
      }
    }
    const reply = ctx.reply;
    reply.arrayLength(full ? 18 : 20);
    reply.bulk('length');
    reply.integer(s.length);
    reply.bulk('radix-tree-keys');
    reply.integer(s.nodes.length);
    reply.bulk('radix-tree-nodes');
    reply.integer(s.radixTreeNodes());
    reply.bulk('last-generated-id');
    reply.bulk(s.lastId.toString());
    reply.bulk('max-deleted-entry-id');
    reply.bulk(s.maxDeletedId.toString());
    reply.bulk('entries-added');
    reply.integer(s.entriesAdded);
    reply.bulk('recorded-first-entry-id');
    reply.bulk(s.firstId.toString());
    if (!full) {
      reply.bulk('groups');
      reply.integer(s.groups?.size ?? 0);
      reply.bulk('first-entry');
      replyEdgeEntry(reply, s, false);
      reply.bulk('last-entry');
      replyEdgeEntry(reply, s, true);
      return;
    }
    reply.bulk('entries');
    replyRange(reply, s, null, null, count, false);
    reply.bulk('groups');
    const groups = s.sortedGroups();
    reply.arrayLength(groups.length);
    const id = new StreamId();
    for (const [name, g] of groups) {
      reply.arrayLength(14);
      reply.bulk('name');
      reply.bulk(name);
      reply.bulk('last-delivered-id');
      reply.bulk(g.lastId.toString());
      reply.bulk('entries-read');
      replyEntriesRead(reply, g);
      reply.bulk('lag');
      replyLag(reply, s, g);
      reply.bulk('pel-count');
      reply.integer(g.pel.size);
      reply.bulk('pending');
      const shown = count === 0 ? g.pel.size : Math.min(count, g.pel.size);
      reply.arrayLength(shown);
      let cursor = g.pel.cursor('');
      for (let i = 0; i < shown; i++) {
        const k = cursor.next()!;
        const e = g.pel.get(k)!;
        reply.arrayLength(4);
        reply.bulk(id.setFromKey(k).toString());
        reply.bulk(e.consumer!.name);
        reply.integer(e.deliveryTime);
        reply.integer(e.deliveryCount);
      }
      reply.bulk('consumers');
      const consumers = g.sortedConsumers();
      reply.arrayLength(consumers.length);
      for (const c of consumers) {
        reply.arrayLength(8);
        reply.bulk('name');
        reply.bulk(c.name);
        reply.bulk('seen-time');
        reply.integer(c.seenTime);
        reply.bulk('pel-count');
        reply.integer(c.pel.size);
        reply.bulk('pending');
        const mine = count === 0 ? c.pel.size : Math.min(count, c.pel.size);
        reply.arrayLength(mine);
        cursor = c.pel.cursor('');
        for (let i = 0; i < mine; i++) {
          const k = cursor.next()!;
          const e = c.pel.get(k)!;
          reply.arrayLength(3);
          reply.bulk(id.setFromKey(k).toString());
          reply.integer(e.deliveryTime);
          reply.integer(e.deliveryCount);
        }
      }
    }
  },
};

const GROUPS: CommandSpec = {
  name: 'groups',
  arity: 3,
  flags: ['readonly'],
  acl: ['read', 'stream'],
  keys: [{ flags: 'RO ACCESS', begin: 2, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary: 'List the consumer groups of a stream',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1)',
    syntax: 'key',
    history: [['7.0.0', 'Added the `entries-read` and `lag` fields']],
  },
  exec(ctx, argv) {
    const s = infoStream(ctx, argv);
    if (s === null) return;
    const reply = ctx.reply;
    const groups = s.sortedGroups();
    reply.arrayLength(groups.length);
    for (const [name, g] of groups) {
      reply.arrayLength(12);
      reply.bulk('name');
      reply.bulk(name);
      reply.bulk('consumers');
      reply.integer(g.consumers.size);
      reply.bulk('pending');
      reply.integer(g.pel.size);
      reply.bulk('last-delivered-id');
      reply.bulk(g.lastId.toString());
      reply.bulk('entries-read');
      replyEntriesRead(reply, g);
      reply.bulk('lag');
      replyLag(reply, s, g);
    }
  },
};

const CONSUMERS: CommandSpec = {
  name: 'consumers',
  arity: 4,
  flags: ['readonly'],
  acl: ['read', 'stream'],
  keys: [{ flags: 'RO ACCESS', begin: 2, range: { lastKey: 0, step: 1, limit: 0 } }],
  tips: ['nondeterministic_output'],
  doc: { summary: 'List the consumers in a consumer group', since: '5.0.0', group: 'stream', complexity: 'O(1)', syntax: 'key groupname' },
  exec(ctx, argv) {
    const s = infoStream(ctx, argv);
    if (s === null) return;
    const g = s.group(argv[3]!);
    if (g === undefined) return ctx.reply.error(`NOGROUP No such consumer group '${cString(argv[3]!)}' for key name '${cString(argv[2]!)}'`);
    const reply = ctx.reply;
    const consumers = g.sortedConsumers();
    reply.arrayLength(consumers.length);
    for (const c of consumers) {
      reply.arrayLength(6);
      reply.bulk('name');
      reply.bulk(c.name);
      reply.bulk('pending');
      reply.integer(c.pel.size);
      reply.bulk('idle');
      reply.integer(Math.max(0, ctx.now - c.seenTime));
    }
  },
};

const XINFO_HELP_LINES = [
  'XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
  'HELP',
  '    Prints this help.',
];

export const XINFO: CommandSpec = {
  name: 'xinfo',
  arity: -2,
  flags: [],
  acl: [],
  doc: { summary: 'A container for stream introspection commands', since: '5.0.0', group: 'stream', complexity: 'Depends on subcommand.' },
  subcommands: [STREAM, GROUPS, CONSUMERS, helpSubcommand(XINFO_HELP_LINES)],
  exec() {},
};

export const streamInfoCommands: CommandSpec[] = [XINFO];
