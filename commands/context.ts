// What a command handler sees: the reply writer, the selected database, the time and randomness
// of the entry being applied, the calling client and the server. Handlers take time and
// randomness only from here (never Date.now or Math.random), so applying the same entry gives the
// same result on every node.

import type { ReplyWriter } from '../protocol/reply-writer.js';
import type { Database } from '../storage/database.js';
import type { StoredValue } from '../storage/value.js';
import type { Keyspace } from '../storage/keyspace.js';
import type { ClientState } from './client-state.js';
import type { ServerHandle } from './server-handle.js';
import type { Command } from './command-table.js';
import type { Blocker } from './blocking.js';
import type { Router } from './router.js';
import type { PubSub, Subscriber } from './pubsub-registry.js';
import { Notify, publishKeyspaceEvent } from './notify.js';

export class CommandContext {
  /** The client's selected database at the time the command runs. */
  db!: Database;
  /** Milliseconds since the epoch: the entry's time for writes, the clock for reads. */
  now = 0;
  /** The command running and its arguments (a blocking command parks them to run them again). */
  command: Command | null = null;
  argv: string[] = [];
  /**
   * Where a blocking command parks its client when it finds nothing; null where Redis runs the
   * blocking forms as non-blocking ones (inside MULTI/EXEC and scripts).
   */
  blocker: Blocker | null = null;
  /**
   * While a parked client's command runs again: the key whose change woke it, the only key it
   * is served from (Redis serves a blocked client from the key that became ready). Null otherwise.
   */
  wokenBy: string | null = null;
  /** The router this client's commands go through (EXEC runs its queue through it). */
  router!: Router;
  /** The server's channels and subscribers (PUBLISH, SUBSCRIBE, keyspace notifications). */
  readonly pubsub: PubSub;
  /** Where messages for this client go; null for internal contexts (active expiry). */
  subscriber: Subscriber | null = null;
  private rngState = 0;

  constructor(
    readonly reply: ReplyWriter,
    readonly keyspace: Keyspace,
    readonly client: ClientState,
    readonly server: ServerHandle,
  ) {
    this.pubsub = server.pubsub;
  }

  /**
   * A keyspace event (Redis's notifyKeyspaceEvent), published on the database of the command
   * unless `dbid` says another (MOVE, COPY ... DB). Costs one flag test while notifications are off.
   */
  notify(type: number, event: string, key: string, dbid?: number): void {
    if ((this.pubsub.keyspaceEvents & type) !== 0) publishKeyspaceEvent(this.pubsub, event, key, dbid ?? this.db.id);
  }

  /**
   * The live value at key, looked up for reading (Redis's lookupKeyRead): counted in INFO's
   * keyspace_hits or keyspace_misses, and a miss publishes a keymiss event unless `notifyMiss` is
   * false (OBJECT's lookup). Lookups for writing (db.getForWrite) count neither, as in Redis.
   */
  lookupRead(key: string, notifyMiss = true): StoredValue | undefined {
    return this.countLookup(key, this.db.get(key, this.now), notifyMiss);
  }

  /**
   * lookupRead for a key a write command reads (GETDEL, COPY's source, SINTERSTORE's sources,
   * XACK...; Redis uses lookupKeyRead there): counted the same, and an expired key is removed
   * first, as every lookup of a write is.
   */
  lookupReadForWrite(key: string): StoredValue | undefined {
    return this.countLookup(key, this.db.getForWrite(key, this.now), true);
  }

  /** Counts a lookup for reading that found `v` (XREAD counts its keys a second time, as Redis looks them up twice). */
  countLookup(key: string, v: StoredValue | undefined, notifyMiss = true): StoredValue | undefined {
    if (v !== undefined) {
      this.keyspace.readHits++;
      return v;
    }
    this.keyspace.readMisses++;
    if (notifyMiss) this.notify(Notify.KeyMiss, 'keymiss', key);
    return undefined;
  }

  /** Starts the deterministic random sequence of an entry. */
  seed(seed: number): void {
    this.rngState = seed | 0;
  }

  /** A number in [0, 1) from the entry's seed (splitmix32). */
  random(): number {
    let z = (this.rngState = (this.rngState + 0x9e3779b9) | 0);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  randomInt(n: number): number {
    return Math.floor(this.random() * n);
  }
}
