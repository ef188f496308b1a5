// Server commands: INFO, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME, LASTSAVE, SHUTDOWN (Redis's
// server.c, db.c). CONFIG is in config.ts, DEBUG in debug.ts.

import type { CommandSpec } from './types.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import { DB_OUT_OF_RANGE, SYNTAX } from './errors.js';
import type { CommandContext } from './context.js';

export const INFO: CommandSpec = {
  name: 'info',
  arity: -1,
  flags: ['loading', 'stale'],
  acl: ['dangerous'],
  tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
  doc: {
    summary: 'Get information and statistics about the server',
    since: '1.0.0',
    group: 'server',
    complexity: 'O(1)',
    syntax: '[section [section ...]]',
    history: [['7.0.0', 'Added support for taking multiple section arguments.']],
  },
  exec(ctx, argv) {
    const sections: string[] = [];
    for (let i = 1; i < argv.length; i++) sections.push(argv[i]!.toLowerCase());
    ctx.reply.bulk(ctx.server.info(sections));
  },
};

export const DBSIZE: CommandSpec = {
  name: 'dbsize',
  arity: 1,
  flags: ['readonly', 'fast'],
  acl: ['keyspace'],
  tips: ['request_policy:all_shards', 'response_policy:agg_sum'],
  doc: { summary: 'Return the number of keys in the selected database', since: '1.0.0', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.integer(ctx.db.size);
  },
};

/** FLUSHDB/FLUSHALL's optional ASYNC|SYNC; false (after a syntax error reply) when it is neither. */
function flushModeOk(ctx: CommandContext, argv: string[]): boolean {
  if (argv.length > 2 || (argv.length === 2 && !eqIgnoreCase(argv[1]!, 'sync') && !eqIgnoreCase(argv[1]!, 'async'))) {
    ctx.reply.error(SYNTAX);
    return false;
  }
  return true;
}

const FLUSH_HISTORY: Array<[string, string]> = [
  ['4.0.0', 'Added the `ASYNC` flushing mode modifier.'],
  ['6.2.0', 'Added the `SYNC` flushing mode modifier.'],
];

export const FLUSHDB: CommandSpec = {
  name: 'flushdb',
  arity: -1,
  flags: ['write'],
  acl: ['keyspace', 'dangerous'],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  doc: {
    summary: 'Remove all keys from the current database',
    since: '1.0.0',
    group: 'server',
    complexity: 'O(N) where N is the number of keys in the selected database',
    syntax: '[ASYNC | SYNC]',
    history: FLUSH_HISTORY,
  },
  exec(ctx, argv) {
    if (!flushModeOk(ctx, argv)) return;
    // ASYNC frees in the background in Redis; here freeing is the garbage collector's job anyway.
    ctx.db.flush();
    ctx.reply.status('OK');
  },
};

export const FLUSHALL: CommandSpec = {
  name: 'flushall',
  arity: -1,
  flags: ['write'],
  acl: ['keyspace', 'dangerous'],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  doc: {
    summary: 'Remove all keys from all databases',
    since: '1.0.0',
    group: 'server',
    complexity: 'O(N) where N is the total number of keys in all databases',
    syntax: '[ASYNC | SYNC]',
    history: FLUSH_HISTORY,
  },
  exec(ctx, argv) {
    if (!flushModeOk(ctx, argv)) return;
    ctx.keyspace.flushAll();
    ctx.reply.status('OK');
  },
};

export const SWAPDB: CommandSpec = {
  name: 'swapdb',
  arity: 3,
  flags: ['write', 'fast'],
  acl: ['keyspace', 'dangerous'],
  doc: {
    summary: 'Swaps two Redis databases',
    since: '4.0.0',
    group: 'server',
    complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.',
    syntax: 'index1 index2',
  },
  exec(ctx, argv) {
    // getIntFromObjectOrReply: a C int, with the command's own message.
    const a = parseInteger(argv[1]!);
    if (a === null || a < -2147483648 || a > 2147483647) return ctx.reply.error('ERR invalid first DB index');
    const b = parseInteger(argv[2]!);
    if (b === null || b < -2147483648 || b > 2147483647) return ctx.reply.error('ERR invalid second DB index');
    const n = ctx.keyspace.dbs.length;
    if (a < 0 || a >= n || b < 0 || b >= n) return ctx.reply.error(DB_OUT_OF_RANGE);
    if (a !== b) ctx.keyspace.swap(a, b);
    ctx.reply.status('OK');
  },
};

export const TIME: CommandSpec = {
  name: 'time',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  acl: [],
  tips: ['nondeterministic_output'],
  doc: { summary: 'Return the current server time', since: '2.6.0', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    const us = ctx.server.unixTimeMicros();
    ctx.reply.arrayLength(2);
    ctx.reply.bulk(String(Math.floor(us / 1e6)));
    ctx.reply.bulk(String(us % 1e6));
  },
};

export const LASTSAVE: CommandSpec = {
  name: 'lastsave',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  acl: ['admin', 'dangerous'],
  tips: ['nondeterministic_output'],
  doc: { summary: 'Get the UNIX time stamp of the last successful save to disk', since: '1.0.0', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.integer(ctx.server.lastSave);
  },
};

export const SHUTDOWN: CommandSpec = {
  name: 'shutdown',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'],
  acl: [],
  doc: {
    summary: 'Synchronously save the dataset to disk and then shut down the server',
    since: '1.0.0',
    group: 'server',
    complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)',
    syntax: '[NOSAVE | SAVE] [NOW] [FORCE] [ABORT]',
    history: [['7.0.0', 'Added the `NOW`, `FORCE` and `ABORT` modifiers.']],
  },
  exec(ctx, argv) {
    let save: boolean | null = null;
    let nosave = false;
    let now = false;
    let force = false;
    let abort = false;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (eqIgnoreCase(a, 'nosave')) nosave = true;
      else if (eqIgnoreCase(a, 'save')) save = true;
      else if (eqIgnoreCase(a, 'now')) now = true;
      else if (eqIgnoreCase(a, 'force')) force = true;
      else if (eqIgnoreCase(a, 'abort')) abort = true;
      else return ctx.reply.error(SYNTAX);
    }
    if ((abort && (save !== null || nosave || now || force)) || (save && nosave)) return ctx.reply.error(SYNTAX);
    // A shutdown never waits for anything here (no replicas to catch up), so none can be aborted.
    if (abort) return ctx.reply.error('ERR No shutdown in progress.');
    if (nosave) save = false;
    const err = ctx.server.shutdown({ save, now, force });
    if (err !== null) return ctx.reply.error(err);
    // As in Redis, the client gets no reply: the connection closes.
    ctx.client.closeAfterReply = true;
  },
};

export const serverCommands: CommandSpec[] = [INFO, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME, LASTSAVE, SHUTDOWN];
