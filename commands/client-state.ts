// The state Redis keeps per client that commands read and change (no sockets here: src/ owns the
// connection and reacts to what commands set, such as closeAfterReply).

export type ReplyMode = 'on' | 'off' | 'skip';

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
  /** Redis's client flags that apply to us (N normal, M master, x MULTI, P pubsub, b blocked, ...). */
  flags = '';

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
}
