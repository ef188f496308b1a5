// What commands may ask of the process around them. The interface lives here so that commands/
// does not import src/; src/ implements it.

import type { ClientState } from './client-state.js';
import type { CommandTable } from './command-table.js';
import type { PubSub } from './pubsub-registry.js';

/** Configuration parameters by their redis.conf names (CONFIG GET/SET). */
export interface ConfigStore {
  /** Parameter names and values matching any of the glob patterns, each once. */
  get(patterns: readonly string[]): Array<[string, string]>;
  /**
   * Sets all pairs or none; returns Redis's error text (without "ERR ") or null.
   * `protectedAllowed`: the client may change protected parameters (enable-protected-configs).
   */
  set(pairs: ReadonlyArray<[string, string]>, protectedAllowed?: boolean): string | null;
  /** CONFIG REWRITE: writes the values back to the config file; Redis's error text or null. */
  rewrite(): string | null;
  /** The current value of one parameter (by its canonical name). */
  value(name: string): string;
}

export interface ServerHandle {
  readonly config: ConfigStore;
  /** The Redis version we implement, reported as redis_version. */
  readonly redisVersion: string;
  /** Connected clients, for CLIENT LIST/KILL and INFO clients. */
  clients(): Iterable<ClientState>;
  /** Closes another client's connection at once, dropping its unsent replies (CLIENT KILL). */
  killClient(client: ClientState): void;
  /** CLIENT PAUSE: clients' commands (or only writes) wait until `until` (ms since the epoch). */
  pauseClients(until: number, writesOnly: boolean): void;
  /** CLIENT UNPAUSE: the waiting commands run now. */
  unpauseClients(): void;
  /**
   * CLIENT UNBLOCK: ends a client's wait in a blocking command, as a timeout (error null) or with
   * the error given; false when it was not blocked.
   */
  unblockClient(client: ClientState, error: string | null): boolean;
  /** Channels, patterns and their subscribers; keyspace notifications are published there. */
  readonly pubsub: PubSub;
  /** Every command, for COMMAND INFO/DOCS/LIST/GETKEYS. */
  readonly commands: CommandTable;
  /** The INFO text for the given (lower-cased) section names; empty means the default set. */
  info(sections: readonly string[]): string;
  /** MEMORY PURGE: collects garbage now (V8's full GC when the process allows it). */
  purgeMemory(): void;
  /** MEMORY STATS: name/value pairs in Redis's order. */
  memoryStats(): Array<[string, number]>;
  /** CONFIG RESETSTAT: zeroes the counters INFO reports. */
  resetStats(): void;
  /** Unix time in seconds of the last successful save (LASTSAVE). */
  readonly lastSave: number;
  /** Wall-clock time in microseconds (TIME). */
  unixTimeMicros(): number;
  /**
   * SHUTDOWN: starts a graceful shutdown (every client gets the replies of the commands it sent,
   * then the process exits), or returns Redis's error text when it cannot.
   */
  shutdown(options: ShutdownOptions): string | null;
}

export interface ShutdownOptions {
  /** SAVE / NOSAVE; neither means "save if save points are configured". */
  save: boolean | null;
  now: boolean;
  force: boolean;
}
