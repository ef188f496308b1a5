// How a command is declared, once, in the file of its family (commands/<family>.ts).
// Everything else (the router's checks, COMMAND INFO/DOCS/LIST/GETKEYS, ACL categories) is derived
// from these declarations, as Redis derives its command table from the JSON files.

import type { CommandContext } from './context.js';

/** Redis 7.0's command flags (COMMAND INFO spells them this way). */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'module'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'asking'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'sentinel'
  | 'only_sentinel'
  | 'no_mandatory_keys'
  | 'protected'
  | 'no_async_loading'
  | 'no_multi'
  | 'movablekeys'
  | 'allow_busy';

/** One key specification (Redis 7 key specs), e.g. `{ flags: 'RW ACCESS UPDATE', begin: 1 }`. */
export interface KeySpecDecl {
  /** Space-separated key-spec flags: RO RW OW RM ACCESS UPDATE INSERT DELETE NOT_KEY INCOMPLETE VARIABLE_FLAGS. */
  flags: string;
  /** begin_search: the index of the first key, or a keyword to search for. */
  begin: number | { keyword: string; startFrom: number };
  /** find_keys as a range: lastKey is relative to the first key (-1: to the end), step and limit. */
  range?: { lastKey: number; step: number; limit: number };
  /** find_keys as a key count at keyNumIdx (relative), first key at firstKey, step between keys. */
  keynum?: { keyNumIdx: number; firstKey: number; step: number };
  notes?: string;
}

/** Documentation, for COMMAND DOCS (redis-cli builds its hints from these). */
export interface CommandDoc {
  summary: string;
  since: string;
  group: string;
  complexity?: string;
  /**
   * The arguments in Redis's syntax notation, e.g. `key value [NX | XX] [GET]`. COMMAND DOCS reads
   * types and group names from Redis's conventions; where they are wrong, `increment:double`
   * types an argument and `wherefrom:<LEFT | RIGHT>` names a group (commands/command-args.ts).
   */
  syntax?: string;
  deprecatedSince?: string;
  replacedBy?: string;
  history?: Array<[string, string]>;
  docFlags?: string[];
}

export interface CommandSpec {
  /** Lower case; a subcommand's name is its own word ("list" under "client"). */
  name: string;
  /** Redis's arity: exact argument count including the name, or -N for "at least N". */
  arity: number;
  flags: readonly CommandFlag[];
  /** ACL categories beyond those implied by the flags, without the '@' ("string", "keyspace"). */
  acl: readonly string[];
  keys?: readonly KeySpecDecl[];
  /** Command tips ("nondeterministic_output", "request_policy:all_shards", ...). */
  tips?: readonly string[];
  doc: CommandDoc;
  /** For containers (CLIENT, CONFIG, OBJECT, ...): the subcommands; exec is then unused. */
  subcommands?: readonly CommandSpec[];
  /**
   * Runs at once inside MULTI instead of being queued (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET:
   * the commands Redis's processCommand exempts from queueing).
   */
  runsInMulti?: boolean;
  /**
   * Runs while the client is subscribed (RESP2 pub/sub mode), where Redis allows only
   * (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET.
   */
  runsWhenSubscribed?: boolean;
  /** For commands whose key positions depend on the arguments (movablekeys). */
  getKeys?(argv: readonly string[]): number[];
  exec(ctx: CommandContext, argv: string[]): void;
}
