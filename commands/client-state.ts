// The state Redis keeps per client that commands read and change (no sockets here: src/ owns the
// connection and reacts to what commands set, such as closeAfterReply).

import type { Transaction } from './transaction.js';

/**
 * CLIENT REPLY: 'off' drops every reply; 'skip' drops the reply of the next command, which the
 * connection runs as 'skipping' (a command that sets the mode itself, such as CLIENT REPLY ON or
 * RESET, keeps its reply).
 */
export type ReplyMode = 'on' | 'off' | 'skip' | 'skipping';

export class ClientState {
  name = '';
  /** The selected database. */
  db = 0;
  authenticated = false;
  /** RESP version the client asked for with HELLO. */
  resp = 2;
  libName = '';
  libVersion = '';
  replyMode: ReplyMode = 'on';
  /** Set to close the connection once the replies produced so far have been written. */
  closeAfterReply = false;
  /** Full name of the last command run ("client|list"), for CLIENT LIST's cmd=. */
  lastCommand = 'NULL';
  /** Time of the last command, in ms, for CLIENT LIST's idle= and the `timeout` setting. */
  lastInteraction: number;
  /** Time of connection, in ms, for CLIENT LIST's age=. */
  readonly createdAt: number;
  /** Waiting in a blocking command (BLPOP, ...): CLIENT LIST flag b. */
  blockedOnKeys = false;
  /** CLIENT NO-EVICT (flag e). */
  noEvict = false;
  /** Channels, patterns and shard channels subscribed to, for CLIENT LIST's sub/psub/ssub (pub/sub keeps them). */
  subscriptions = 0;
  patternSubscriptions = 0;
  shardSubscriptions = 0;
  /** The transaction MULTI opened, null outside one. */
  transaction: Transaction | null = null;

  /** Commands queued by MULTI, -1 outside a transaction (CLIENT LIST's multi=). */
  get queuedCommands(): number {
    return this.transaction === null ? -1 : this.transaction.commands.length;
  }

  /** Subscribed to anything: pub/sub mode (Redis's CLIENT_PUBSUB flag, in RESP2). */
  get inPubSub(): boolean {
    return this.subscriptions + this.patternSubscriptions + this.shardSubscriptions > 0;
  }

  constructor(
    readonly id: number,
    readonly addr: string,
    readonly laddr: string,
    readonly fd: number,
    now: number,
  ) {
    this.createdAt = now;
    this.lastInteraction = now;
  }

  /**
   * RESET: back to a new connection's state (Redis's clearClientConnectionState). Pub/sub and
   * MULTI state are cleared by their owners, which extend this method.
   */
  resetConnection(authenticated: boolean): void {
    this.db = 0;
    this.resp = 2;
    this.authenticated = authenticated;
    this.name = '';
    this.noEvict = false;
    // As in Redis, a RESET whose reply is being skipped stays silent.
    if (this.replyMode !== 'skipping') this.replyMode = 'on';
  }
}
