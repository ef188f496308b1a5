// What commands may ask of the process around them. The interface lives here so that commands/
// does not import src/; src/ implements it.

import type { ClientState } from './client-state.js';

/** Configuration parameters by their redis.conf names (CONFIG GET/SET). */
export interface ConfigStore {
  /** Parameter names and values matching any of the glob patterns, each once. */
  get(patterns: readonly string[]): Array<[string, string]>;
  /** Sets all pairs or none; returns Redis's error text (without "ERR ") or null. */
  set(pairs: ReadonlyArray<[string, string]>): string | null;
  /** The current value of one parameter (by its canonical name). */
  value(name: string): string;
}

export interface ServerHandle {
  readonly config: ConfigStore;
  /** The Redis version we implement, reported as redis_version. */
  readonly redisVersion: string;
  /** Connected clients, for CLIENT LIST/KILL and INFO clients. */
  clients(): Iterable<ClientState>;
  /** The INFO text for the given (lower-cased) section names; empty means the default set. */
  info(sections: readonly string[]): string;
}
