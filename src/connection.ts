// One client connection: bytes in → parser → router → replies out, with pipelining (all replies
// produced from one input chunk leave in one socket write) and back-pressure (when the socket
// cannot keep up, stop running commands and stop reading until it drains).

import type { Socket } from 'node:net';
import { RequestParser } from '../protocol/request-parser.js';
import { ReplyWriter } from '../protocol/reply-writer.js';
import { ClientState } from '../commands/client-state.js';
import { CommandContext } from '../commands/context.js';
import type { Router } from '../commands/router.js';
import type { Keyspace } from '../storage/keyspace.js';
import type { ServerHandle } from '../commands/server-handle.js';
import { BlockedClient, type Blocker, type ReadyCheck } from '../commands/blocking.js';
import type { ClientPause, PausedClient } from './client-pause.js';
import type { Subscriber } from '../commands/pubsub-registry.js';
import { flushThisTurn, type Woken } from './pubsub-flush.js';

/** Output queued past this stops the client's command processing until the socket drains. */
const OUTPUT_HIGH_WATER = 4 * 1024 * 1024;
/** Slices up to this many bytes in all are joined into one socket write (cheaper than many writes). */
const JOIN_MAX_BYTES = 64 * 1024;

/** A client-output-buffer-limit class (normal, pubsub), in bytes and seconds; 0 disables a limit. */
export interface OutputLimit {
  hard: number;
  soft: number;
  softSeconds: number;
}

/** Traffic counters of INFO stats. */
export interface TrafficCounters {
  netInputBytes: number;
  netOutputBytes: number;
  readsProcessed: number;
  writesProcessed: number;
}

export interface ConnectionHost {
  readonly router: Router;
  readonly keyspace: Keyspace;
  readonly handle: ServerHandle;
  readonly clock: () => number;
  /** Called once when the connection is gone. */
  connectionClosed(conn: Connection): void;
  /** Called when a protocol error or a limit closes a client (for the log). */
  clientError(conn: Connection, reason: string): void;
  readonly traffic: TrafficCounters;
  readonly outputLimit: OutputLimit;
  /** The limit of subscribed clients (client-output-buffer-limit pubsub). */
  readonly pubsubOutputLimit: OutputLimit;
  readonly clientPause: ClientPause;
}

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2147483647;

export class Connection implements Blocker, PausedClient, Subscriber, Woken {
  readonly parser = new RequestParser();
  readonly reply = new ReplyWriter();
  readonly state: ClientState;
  readonly ctx: CommandContext;
  private closed = false;
  /** True while the socket is over its high-water mark and we wait for 'drain'. */
  private waitingForDrain = false;
  /** A command held by CLIENT PAUSE, run first when the pause ends. */
  private held: string[] | null = null;
  /** Set by closeWhenIdle: no more reading; close once the commands received are answered. */
  private closing = false;
  /** When the output first went over the soft limit (0: it is under). */
  private softLimitSince = 0;
  /** Set while a blocking command waits; the commands behind it wait too, as in Redis. */
  private blocked: BlockedClient | null = null;
  private blockTimer: NodeJS.Timeout | null = null;
  /** Messages were queued for this client and a flush at the end of the turn is scheduled. */
  private woken = false;
  /** Pushes made while a silenced command runs (CLIENT REPLY OFF/SKIP), sent after its replies are dropped. */
  private silencedPushes: Buffer[] | null = null;

  constructor(
    readonly socket: Socket,
    private readonly host: ConnectionHost,
    id: number,
  ) {
    const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
    this.state = new ClientState(
      id,
      `${socket.remoteAddress}:${socket.remotePort}`,
      `${socket.localAddress}:${socket.localPort}`,
      fd,
      host.clock(),
    );
    this.ctx = new CommandContext(this.reply, host.keyspace, this.state, host.handle);
    this.ctx.blocker = this;
    this.ctx.subscriber = this;
    this.ctx.router = host.router;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.onDrain());
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
  }

  private onData(chunk: Buffer): void {
    const traffic = this.host.traffic;
    traffic.netInputBytes += chunk.length;
    traffic.readsProcessed++;
    // The parser's pre-authentication size limits follow AUTH (and RESET, which logs out).
    this.parser.authRequired = !this.state.authenticated;
    this.parser.feed(chunk);
    this.runCommands();
  }

  private onDrain(): void {
    if (!this.waitingForDrain || this.closed) return;
    this.waitingForDrain = false;
    this.runCommands();
    if (!this.waitingForDrain && !this.closed) this.socket.resume();
  }

  /** Runs the complete commands buffered so far, then writes their replies at once. */
  private runCommands(): void {
    const parser = this.parser;
    const router = this.host.router;
    const state = this.state;
    // Once per batch, as Redis updates a client's last interaction once per read.
    state.lastInteraction = this.host.clock();
    for (;;) {
      if (this.blocked !== null) break;
      const argv = this.held ?? parser.next();
      if (argv === null) break;
      this.held = null;
      if (this.host.clientPause.until !== 0 && this.host.clientPause.holds(this, argv)) {
        this.held = argv;
        break;
      }
      try {
        if (state.replyMode === 'on') router.dispatch(this.ctx, argv);
        else this.dispatchSilenced(argv);
      } catch (e) {
        this.internalError(e);
      }
      if (state.closeAfterReply || this.closed) break;
      if (this.reply.pendingBytes + this.socket.writableLength > OUTPUT_HIGH_WATER) {
        this.flush();
        if (this.socket.writableLength > OUTPUT_HIGH_WATER) {
          this.waitForDrain();
          return;
        }
      }
    }
    const failure = parser.failure;
    if (failure !== null && !state.closeAfterReply) {
      if (failure.error !== null) this.reply.error(failure.error);
      state.closeAfterReply = true;
      this.host.clientError(this, failure.reason);
    }
    if (this.closing) state.closeAfterReply = true;
    this.flush();
  }

  /**
   * A handler threw: a bug, never an answer. The reply stream may hold half a reply, so this one
   * client gets an error and is closed; the server and the other clients go on.
   */
  private internalError(e: unknown): void {
    this.reply.error('ERR internal error');
    this.state.closeAfterReply = true;
    this.host.clientError(this, `command failed with an internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }

  /**
   * CLIENT REPLY OFF or SKIP: runs a command and drops its reply, unless the command turned
   * replies back on (CLIENT REPLY ON, RESET), whose own reply then goes out as in Redis.
   */
  private dispatchSilenced(argv: string[]): void {
    const state = this.state;
    this.flush(); // the replies before this command are not dropped
    if (this.closed) return;
    if (state.replyMode === 'skip') state.replyMode = 'skipping';
    const pushes: Buffer[] = (this.silencedPushes = []);
    this.host.router.dispatch(this.ctx, argv);
    this.silencedPushes = null;
    if (state.replyMode !== 'on') {
      this.reply.discard();
      if (state.replyMode === 'skipping') state.replyMode = 'on';
    }
    if (pushes.length !== 0) this.reply.shared(pushes);
  }

  /** The CLIENT PAUSE that held a command of this client is over. */
  resumeAfterPause(): void {
    if (!this.closed && !this.waitingForDrain) this.runCommands();
  }

  /** Subscriber: a message or confirmation, queued in order with the replies; it leaves at the end of this turn. */
  push(frame: readonly Buffer[]): void {
    if (this.silencedPushes !== null) {
      for (const b of frame) this.silencedPushes.push(b);
      return;
    }
    this.reply.shared(frame);
    if (this.woken) return;
    this.woken = true;
    flushThisTurn(this);
  }

  flushWoken(): void {
    this.woken = false;
    this.flush();
  }

  /** Subscribed clients are limited by the pubsub class of client-output-buffer-limit. */
  private get outputLimit(): OutputLimit {
    return this.state.inPubSub ? this.host.pubsubOutputLimit : this.host.outputLimit;
  }

  /** Sends what the writer holds in one socket write, unless it is large and in several slices. */
  flush(): void {
    if (this.closed) return;
    const out = this.reply.take();
    const limit = this.outputLimit;
    // Like Redis, replies that would take the output over the limit are not sent: the client is closed.
    if ((limit.hard !== 0 || limit.soft !== 0) && this.outputLimitReached(this.host.clock(), byteLength(out))) return;
    let ok = true;
    const joined = out.length > 1 ? joinSmall(out) : null;
    if (out.length === 1 || joined !== null) {
      const b = joined ?? out[0]!;
      ok = this.socket.write(b);
      this.host.traffic.netOutputBytes += b.length;
      this.host.traffic.writesProcessed++;
    } else if (out.length > 1) {
      this.socket.cork();
      for (const b of out) {
        ok = this.socket.write(b);
        this.host.traffic.netOutputBytes += b.length;
      }
      this.socket.uncork();
      this.host.traffic.writesProcessed++;
    }
    if (this.state.closeAfterReply) {
      this.closed = true;
      this.socket.end();
      this.release();
      return;
    }
    if (!ok) this.waitForDrain();
  }

  /**
   * Redis's checkClientOutputBufferLimits for a normal client: over the hard limit, or over the
   * soft limit for longer than its seconds, the client is closed (and true returned). The server
   * also calls this periodically, for clients that stopped reading.
   */
  outputLimitReached(now: number, adding = 0): boolean {
    const limit = this.outputLimit;
    const used = this.socket.writableLength + adding;
    let reached = limit.hard !== 0 && used >= limit.hard;
    if (!reached && limit.soft !== 0 && used >= limit.soft) {
      if (this.softLimitSince === 0) this.softLimitSince = now;
      reached = now - this.softLimitSince > limit.softSeconds * 1000;
    } else if (!reached) {
      this.softLimitSince = 0;
    }
    if (reached) {
      this.host.clientError(this, 'closing client that reached its output buffer limit');
      this.destroy();
    }
    return reached;
  }

  /** Graceful close (shutdown): stop reading, answer the commands already received, then close. */
  closeWhenIdle(): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    this.socket.pause();
    if (!this.waitingForDrain) this.runCommands();
  }

  private waitForDrain(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.socket.pause();
  }

  /** Blocker: parks this client until a key is ready or the deadline passes (0: never). */
  block(keys: readonly string[], deadline: number, ready: ReadyCheck): void {
    const ctx = this.ctx;
    const bc = new BlockedClient(ctx, ctx.command!, ctx.argv, this.state.db, keys, deadline, ready, () => this.unblocked());
    this.blocked = bc;
    this.state.blockedOnKeys = true;
    this.host.router.park(bc);
    if (deadline !== 0) this.armBlockTimer(deadline);
  }

  /** setTimeout fires at once for a delay past 2^31-1 ms (24.8 days): longer waits go in steps. */
  private armBlockTimer(deadline: number): void {
    const delay = Math.max(0, deadline - this.host.clock());
    this.blockTimer =
      delay > MAX_TIMER_MS ? setTimeout(() => this.armBlockTimer(deadline), MAX_TIMER_MS) : setTimeout(() => this.endBlock(null), delay);
  }

  /**
   * Ends a wait without serving it: on timeout (error null) the client gets Redis's null array,
   * with CLIENT UNBLOCK ... ERROR the given error. Returns false when the client was not blocked.
   */
  endBlock(error: string | null): boolean {
    const bc = this.blocked;
    if (bc === null) return false;
    this.host.router.unpark(bc);
    if (error === null) this.reply.nullArray();
    else this.reply.error(error);
    this.unblocked();
    return true;
  }

  /** The wait is over (served, timed out or unblocked): run the commands that queued behind it. */
  private unblocked(): void {
    this.blocked = null;
    this.state.blockedOnKeys = false;
    if (this.blockTimer !== null) {
      clearTimeout(this.blockTimer);
      this.blockTimer = null;
    }
    // Not from inside the command that served us: after it, as Redis's processUnblockedClients.
    queueMicrotask(() => {
      if (!this.closed && !this.waitingForDrain) this.runCommands();
    });
  }

  /** Closes at once, dropping unsent replies (CLIENT KILL, errors, shutdown). */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.release();
  }

  /** The client is gone: off the blocking queues and its channels, its watched keys and transaction forgotten. */
  private release(): void {
    if (this.blocked !== null) {
      this.host.router.unpark(this.blocked);
      this.unblocked();
    }
    this.ctx.pubsub.unsubscribeAll(this);
    this.host.router.forget(this.ctx);
    this.host.connectionClosed(this);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

function byteLength(buffers: readonly Buffer[]): number {
  let n = 0;
  for (const b of buffers) n += b.length;
  return n;
}

/** Several small slices (published messages, replies split by other clients' writes) as one buffer. */
function joinSmall(buffers: readonly Buffer[]): Buffer | null {
  const n = byteLength(buffers);
  return n <= JOIN_MAX_BYTES ? Buffer.concat(buffers, n) : null;
}
