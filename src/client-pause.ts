// CLIENT PAUSE: while a pause lasts, clients' commands (all of them, or only those that write)
// wait, in order, and run when it ends (its time passes or CLIENT UNPAUSE). Connections check
// `until` before each command, so an unpaused server pays one comparison per command.

import { Flag, type CommandTable } from '../commands/command-table.js';

/** A connection holding a command until the pause ends. */
export interface PausedClient {
  resumeAfterPause(): void;
}

export class ClientPause {
  /** When the pause ends, in ms since the epoch; 0 while clients are not paused. */
  until = 0;
  /** WRITE mode: only commands that may write wait. */
  private writesOnly = false;
  private readonly waiting = new Set<PausedClient>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly table: CommandTable,
    private readonly clock: () => number,
  ) {}

  /** Starts or extends a pause: the later end and the stricter mode (ALL) win, as in Redis. */
  pause(until: number, writesOnly: boolean): void {
    if (until <= this.clock()) return;
    this.writesOnly = this.until === 0 ? writesOnly : this.writesOnly && writesOnly;
    if (until > this.until) {
      this.until = until;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.unpause(), until - this.clock());
      this.timer.unref();
    }
  }

  /** Ends the pause; the waiting clients run their held commands. */
  unpause(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.until = 0;
    this.writesOnly = false;
    const clients = [...this.waiting];
    this.waiting.clear();
    for (const c of clients) c.resumeAfterPause();
  }

  /**
   * True when `argv` must wait for the end of the pause (the client is then resumed later). An
   * unknown command or a wrong arity is answered at once, as Redis answers them before pausing.
   */
  holds(client: PausedClient, argv: readonly string[]): boolean {
    if (this.clock() >= this.until) {
      this.unpause();
      return false;
    }
    const cmd = this.table.lookup(argv);
    if (cmd === undefined || !cmd.arityOk(argv.length)) return false;
    if (this.writesOnly && (cmd.flags & (Flag.Write | Flag.MayReplicate)) === 0) return false;
    this.waiting.add(client);
    return true;
  }
}
