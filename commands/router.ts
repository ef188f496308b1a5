// The fixed chain every command goes through (Redis's processCommand): lookup, arity, auth, then
// either the write path (a write becomes an entry that is applied) or a direct read. No command
// is special-cased here; the chain is driven by the flags of the declarations.

import { Flag, type Command, type CommandTable } from './command-table.js';
import type { CommandContext } from './context.js';
import { NOAUTH, unknownCommand, unknownSubcommand, wrongArity } from './errors.js';
import { BlockingRegistry, type BlockedClient, type Blocker } from './blocking.js';
import type { Database } from '../storage/database.js';

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
  private readonly writePath: WritePath;
  private readonly clock: () => number;
  private readonly authRequired: () => boolean;
  private readonly retryBlocker = new RetryBlocker();
  private readonly keyChanged = (db: Database, key: string): void => this.blocking.keyChanged(db.id, key);
  private readonly retry = (bc: BlockedClient): boolean => this.retryBlocked(bc);

  constructor(options: RouterOptions) {
    this.table = options.table;
    this.writePath = options.writePath;
    this.clock = options.clock;
    this.authRequired = options.authRequired;
  }

  /** Runs one command from a client; the reply (or Redis's error) goes to ctx.reply. */
  dispatch(ctx: CommandContext, argv: string[]): void {
    const client = ctx.client;
    const cmd = this.table.lookup(argv);
    if (cmd === undefined) {
      const base = this.table.get(argv[0]!);
      ctx.reply.error(base?.subcommands ? unknownSubcommand(argv[0]!, argv[1]!) : unknownCommand(argv));
      return;
    }
    if (!cmd.arityOk(argv.length)) {
      cmd.rejectedCalls++;
      ctx.reply.error(wrongArity(cmd.fullName));
      return;
    }
    if ((cmd.flags & Flag.NoAuth) === 0 && !client.authenticated && this.authRequired()) {
      cmd.rejectedCalls++;
      ctx.reply.error(NOAUTH);
      return;
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
    if (this.blocking.hasReadyKeys) {
      this.blocking.serveReady(ctx.keyspace.dbs, this.retry);
      if (this.blocking.size === 0) for (const db of ctx.keyspace.dbs) db.onChange = null;
    }
  }

  /** Parks a client (called by its connection's Blocker); key changes are watched while any is. */
  park(bc: BlockedClient): void {
    if (this.blocking.size === 0) for (const db of bc.ctx.keyspace.dbs) db.onChange = this.keyChanged;
    this.blocking.add(bc);
  }

  /** Takes a client off every queue (timeout, CLIENT UNBLOCK, disconnect); no reply here. */
  unpark(bc: BlockedClient): void {
    this.blocking.remove(bc);
    if (this.blocking.size === 0) for (const db of bc.ctx.keyspace.dbs) db.onChange = null;
  }

  /** Runs a parked client's command again through the write path; true when it was served. */
  private retryBlocked(bc: BlockedClient): boolean {
    const ctx = bc.ctx;
    const saved = ctx.blocker;
    this.retryBlocker.stillBlocked = false;
    ctx.blocker = this.retryBlocker;
    ctx.db = ctx.keyspace.dbs[bc.db]!;
    ctx.command = bc.cmd;
    ctx.argv = bc.argv;
    this.writePath.propose(ctx, bc.cmd, bc.argv);
    ctx.blocker = saved;
    return !this.retryBlocker.stillBlocked;
  }
}
