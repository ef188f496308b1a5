// MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis's multi.c).
//
// MULTI opens a transaction; the router queues the commands that follow (answering QUEUED) and
// marks the transaction failed when one is refused while queueing. EXEC runs the whole queue as
// ONE entry of the write path (DESIGN.md), and that entry checks WATCH when it is applied, so every
// node that applies it agrees whether it aborted.

import type { Command } from './command-table.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';

export class Transaction {
  readonly commands: Array<{ cmd: Command; argv: string[] }> = [];
  /** A command was refused while queueing: EXEC answers EXECABORT. */
  failed = false;
}

export const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';

/** Ends the client's transaction and forgets its watched keys (EXEC, DISCARD, RESET, disconnect). */
export function endTransaction(ctx: CommandContext): void {
  ctx.client.transaction = null;
  ctx.router.watches.unwatchAll(ctx.client);
}

/**
 * The body of an EXEC entry: the WATCH check at apply time, then every queued command in order,
 * replied as one array. Blocking commands run as their non-blocking forms (no blocker).
 */
export function applyTransaction(ctx: CommandContext, tx: Transaction): void {
  const watches = ctx.router.watches;
  const dirty = watches.isDirty(ctx.client, ctx.keyspace.dbs, ctx.now);
  watches.unwatchAll(ctx.client);
  if (dirty) return ctx.reply.nullArray();
  const blocker = ctx.blocker;
  ctx.blocker = null;
  ctx.reply.arrayLength(tx.commands.length);
  for (const { cmd, argv } of tx.commands) {
    ctx.db = ctx.keyspace.dbs[ctx.client.db]!; // SELECT and SWAPDB inside the transaction
    ctx.command = cmd;
    ctx.argv = argv;
    const errors = ctx.reply.errors;
    cmd.exec(ctx, argv);
    cmd.calls++;
    if (ctx.reply.errors !== errors) cmd.failedCalls++;
  }
  ctx.blocker = blocker;
}

export const MULTI: CommandSpec = {
  name: 'multi',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  acl: ['transaction'],
  runsInMulti: true,
  doc: { summary: 'Mark the start of a transaction block', since: '1.2.0', group: 'transactions', complexity: 'O(1)' },
  exec(ctx) {
    if (ctx.client.transaction !== null) return ctx.reply.error('ERR MULTI calls can not be nested');
    ctx.client.transaction = new Transaction();
    ctx.reply.status('OK');
  },
};

export const EXEC: CommandSpec = {
  name: 'exec',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
  acl: ['transaction'],
  runsInMulti: true,
  doc: {
    summary: 'Execute all commands issued after MULTI',
    since: '1.2.0',
    group: 'transactions',
    complexity: 'Depends on commands in the transaction',
  },
  exec(ctx) {
    const tx = ctx.client.transaction;
    if (tx === null) return ctx.reply.error('ERR EXEC without MULTI');
    if (tx.failed) {
      endTransaction(ctx);
      return ctx.reply.error(EXECABORT);
    }
    // The client stays in MULTI while its queue runs (CLIENT INFO shows flags=x), as in Redis.
    ctx.router.runTransaction(ctx, tx);
    ctx.client.transaction = null;
  },
};

export const DISCARD: CommandSpec = {
  name: 'discard',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  acl: ['transaction'],
  runsInMulti: true,
  doc: { summary: 'Discard all commands issued after MULTI', since: '2.0.0', group: 'transactions', complexity: 'O(N), when N is the number of queued commands' },
  exec(ctx) {
    if (ctx.client.transaction === null) return ctx.reply.error('ERR DISCARD without MULTI');
    endTransaction(ctx);
    ctx.reply.status('OK');
  },
};

export const WATCH: CommandSpec = {
  name: 'watch',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  acl: ['transaction'],
  keys: [{ flags: 'RO', begin: 1, range: { lastKey: -1, step: 1, limit: 0 } }],
  runsInMulti: true,
  doc: {
    summary: 'Watch the given keys to determine execution of the MULTI/EXEC block',
    since: '2.2.0',
    group: 'transactions',
    complexity: 'O(1) for every key.',
    syntax: 'key [key ...]',
  },
  exec(ctx, argv) {
    if (ctx.client.transaction !== null) return ctx.reply.error('ERR WATCH inside MULTI is not allowed');
    for (let i = 1; i < argv.length; i++) ctx.router.watch(ctx, argv[i]!);
    ctx.reply.status('OK');
  },
};

export const UNWATCH: CommandSpec = {
  name: 'unwatch',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  acl: ['transaction'],
  doc: { summary: 'Forget about all watched keys', since: '2.2.0', group: 'transactions', complexity: 'O(1)' },
  exec(ctx) {
    ctx.router.watches.unwatchAll(ctx.client);
    ctx.reply.status('OK');
  },
};

export const transactionCommands: CommandSpec[] = [MULTI, EXEC, DISCARD, WATCH, UNWATCH];
