// The fixed chain every command goes through (Redis's processCommand): lookup, arity, auth, the
// pub/sub context, MULTI queueing, then either the write path (a write becomes an entry that is
// applied) or a direct read. No command is special-cased here; the chain is driven by the flags
// of the declarations.

import { Command, Flag, type CommandTable } from './command-table.js';
import type { CommandContext } from './context.js';
import { NOAUTH, notInSubscribedMode, unknownCommand, unknownSubcommand, wrongArity } from './errors.js';
import { BlockingRegistry, type BlockedClient, type Blocker } from './blocking.js';
import { WatchTable } from './watch-table.js';
import { EXEC, applyTransaction, type Transaction } from './transaction.js';
import type { Database } from '../storage/database.js';
import type { Keyspace } from '../storage/keyspace.js';

/** Where a write goes: standalone it is applied at once; in a cluster it is replicated first. */
export interface WritePath {
  /** Applies (or arranges to apply) `cmd` as an entry; the reply is written to ctx.reply. */
  propose(ctx: CommandContext, cmd: Command, argv: string[]): void;
}

export interface RouterOptions {
  table: CommandTable;
  writePath: WritePath;
  /** Wall-clock milliseconds, the `now` of reads. */
  clock: () => number;
  /** True while a password is configured (requirepass). */
  authRequired: () => boolean;
}

/** The blocker a retried blocking command sees: calling it means "still nothing for me". */
class RetryBlocker implements Blocker {
  stillBlocked = false;
  block(): void {
    this.stillBlocked = true;
  }
}

export class Router {
  readonly table: CommandTable;
  /** Clients parked by blocking commands, served after the writes that feed their keys. */
  readonly blocking = new BlockingRegistry();
  /** Keys watched by clients for their next EXEC. */
  readonly watches = new WatchTable();
  private readonly writePath: WritePath;
  private readonly clock: () => number;
  private readonly authRequired: () => boolean;
  private readonly retryBlocker = new RetryBlocker();
  private readonly retry = (bc: BlockedClient, key: string): boolean => this.retryBlocked(bc, key);
  /** The internal command an EXEC entry applies: the queue of the transaction in ctx.client. */
  private readonly execEntry: Command;
  private pendingTransaction: Transaction | null = null;
  // Key-change listeners, installed on the databases only while someone blocks or watches, so
  // that the write path costs one null check otherwise.
  private readonly keyChanged = (db: Database, key: string, only?: 'watch' | 'blocked'): void => {
    if (this.blocking.size !== 0 && only !== 'watch') this.blocking.keyChanged(db.id, key);
    if (this.watches.size !== 0 && only !== 'blocked') this.watches.keyChanged(db.id, key);
  };
  private readonly dbFlushed = (db: Database): void => {
    this.watches.databaseReplaced(db, null);
    this.blocking.databaseFlushed(db.id);
  };
  private listening: Keyspace | null = null;

  constructor(options: RouterOptions) {
    this.table = options.table;
    this.writePath = options.writePath;
    this.clock = options.clock;
    this.authRequired = options.authRequired;
    const router = this;
    this.execEntry = new Command(
      {
        name: 'exec',
        arity: 1,
        flags: ['write'],
        acl: [],
        doc: { summary: 'The entry of a whole MULTI/EXEC transaction (internal)', since: '1.2.0', group: 'transactions' },
        exec(ctx) {
          applyTransaction(ctx, router.pendingTransaction!);
        },
      },
      null,
    );
  }

  /** Runs one command from a client; the reply (or Redis's error) goes to ctx.reply. */
  dispatch(ctx: CommandContext, argv: string[]): void {
    const client = ctx.client;
    const cmd = this.table.lookup(argv);
    if (cmd === undefined) {
      const base = this.table.get(argv[0]!);
      return this.reject(ctx, undefined, base?.subcommands ? unknownSubcommand(argv[0]!, argv[1]!) : unknownCommand(argv));
    }
    if (!cmd.arityOk(argv.length)) return this.reject(ctx, cmd, wrongArity(cmd.fullName));
    if ((cmd.flags & Flag.NoAuth) === 0 && !client.authenticated && this.authRequired()) return this.reject(ctx, cmd, NOAUTH);
    if (client.inPubSub && client.resp === 2 && cmd.spec.runsWhenSubscribed !== true) {
      return this.reject(ctx, cmd, notInSubscribedMode(cmd.fullName));
    }
    const tx = client.transaction;
    if (tx !== null && cmd.spec.runsInMulti !== true) {
      if ((cmd.flags & Flag.NoMulti) !== 0) return this.reject(ctx, cmd, 'ERR Command not allowed inside a transaction');
      tx.commands.push({ cmd, argv });
      return ctx.reply.status('QUEUED');
    }
    client.lastCommand = cmd.fullName;
    ctx.db = ctx.keyspace.dbs[client.db]!;
    const errorsBefore = ctx.reply.errors;
    ctx.command = cmd;
    ctx.argv = argv;
    if ((cmd.flags & Flag.Write) !== 0) {
      this.writePath.propose(ctx, cmd, argv);
    } else {
      ctx.now = this.clock();
      cmd.exec(ctx, argv);
    }
    // Counted once run, as Redis does (so CONFIG RESETSTAT and INFO see the counts before them).
    cmd.calls++;
    // A command that answered with an error failed (INFO commandstats failed_calls).
    if (ctx.reply.errors !== errorsBefore) cmd.failedCalls++;
    if (this.blocking.hasReadyKeys) this.blocking.serveReady(ctx.keyspace.dbs, this.retry);
    if (this.listening !== null) this.stopListeningIfIdle();
  }

  /** Refuses a command with Redis's error; inside MULTI that dooms the transaction (flagTransaction). */
  private reject(ctx: CommandContext, cmd: Command | undefined, error: string): void {
    if (cmd !== undefined) cmd.rejectedCalls++;
    const tx = ctx.client.transaction;
    if (cmd !== undefined && cmd.spec === EXEC) {
      // A refused EXEC, in a transaction or not, ends it and says why (Redis's execCommandAbort).
      this.forget(ctx);
      return ctx.reply.error(`EXECABORT Transaction discarded because of: ${error.startsWith('ERR ') ? error.slice(4) : error}`);
    }
    if (tx !== null) tx.failed = true;
    ctx.reply.error(error);
  }

  /** EXEC: the whole queue becomes one entry; a queue of reads alone needs no entry. */
  runTransaction(ctx: CommandContext, tx: Transaction): void {
    this.pendingTransaction = tx;
    if (tx.commands.some((c) => (c.cmd.flags & Flag.Write) !== 0)) {
      this.writePath.propose(ctx, this.execEntry, ctx.argv);
    } else {
      this.execEntry.exec(ctx, ctx.argv);
    }
    this.pendingTransaction = null;
  }

  /** WATCH one key of the client's database. */
  watch(ctx: CommandContext, key: string): void {
    this.watches.watch(ctx.client, ctx.db, key, ctx.now);
    this.listen(ctx.keyspace);
  }

  /** Forgets a client that is gone: its watched keys and its transaction. */
  forget(ctx: CommandContext): void {
    ctx.client.transaction = null;
    this.watches.unwatchAll(ctx.client);
  }

  /** Parks a client (called by its connection's Blocker); key changes are watched while any is. */
  park(bc: BlockedClient): void {
    this.blocking.add(bc);
    this.listen(bc.ctx.keyspace);
  }

  /** Takes a client off every queue (timeout, CLIENT UNBLOCK, disconnect); no reply here. */
  unpark(bc: BlockedClient): void {
    this.blocking.remove(bc);
  }

  /** Installs the key-change listeners on every database (they stay while anyone needs them). */
  private listen(keyspace: Keyspace): void {
    if (this.listening === keyspace) return;
    this.listening = keyspace;
    for (const db of keyspace.dbs) {
      db.onChange = this.keyChanged;
      db.onFlush = this.dbFlushed;
    }
    keyspace.onSwap = (a, b) => {
      this.watches.databaseReplaced(keyspace.dbs[a]!, keyspace.dbs[b]!);
      this.watches.databaseReplaced(keyspace.dbs[b]!, keyspace.dbs[a]!);
      this.blocking.databaseSwapped(a, b);
    };
  }

  /** Removes the listeners once nobody blocks or watches, so writes cost one null check again. */
  private stopListeningIfIdle(): void {
    const keyspace = this.listening;
    if (keyspace === null || this.blocking.size !== 0 || this.watches.size !== 0) return;
    this.listening = null;
    for (const db of keyspace.dbs) {
      db.onChange = null;
      db.onFlush = null;
    }
    keyspace.onSwap = null;
  }

  /**
   * Runs a parked client's command again through the write path, to be served from the key that
   * became ready (ctx.wokenBy), as Redis serves a blocked client from that key; true when served.
   * The key is not in argv: a replicated write path must carry it in the entry, or followers
   * would serve the command from its first key.
   */
  private retryBlocked(bc: BlockedClient, key: string): boolean {
    const ctx = bc.ctx;
    const saved = ctx.blocker;
    this.retryBlocker.stillBlocked = false;
    ctx.blocker = this.retryBlocker;
    ctx.wokenBy = key;
    ctx.db = ctx.keyspace.dbs[bc.db]!;
    ctx.command = bc.cmd;
    ctx.argv = bc.argv;
    try {
      this.writePath.propose(ctx, bc.cmd, bc.argv);
    } finally {
      ctx.blocker = saved;
      ctx.wokenBy = null;
    }
    return !this.retryBlocker.stillBlocked;
  }
}
