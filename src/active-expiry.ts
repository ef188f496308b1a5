// Active expiry (Redis's activeExpireCycle). Reads never remove an expired key, so without this
// cycle a key that is never touched again would stay in memory forever. The cycle finds expired
// keys and removes them by proposing entries through the write path, like any client's write: an
// internal command (DELETE_EXPIRED) that deletes those of its keys that have expired at the
// entry's time, so every node that applies the entry removes the same keys.
//
// How it finds them: each database's `expires` map is walked in passes (a pass visits the keys
// present when it starts, round robin, resuming where the last cycle stopped; a flush or SWAPDB
// restarts it). A cycle starts every 100 ms (Redis's hz 10) and runs in slices of ~1 ms, yielding
// to the event loop between slices so that no command waits more than about one slice. A cycle
// ends when it has walked every database once, or when a slice used its time while finding few
// expired keys (at most 10%, Redis's acceptable stale share); while a slice finds many, the
// cycle goes on at once with the next slice. So an idle server spends about 1% of a core on it,
// and a million keys that expire together are reclaimed as fast as the slices can delete them.

import { Command } from '../commands/command-table.js';
import { CommandContext } from '../commands/context.js';
import { ClientState } from '../commands/client-state.js';
import { DELETE_EXPIRED } from '../commands/expire.js';
import { keysPresentNow } from '../commands/keys-scan.js';
import type { WritePath } from '../commands/router.js';
import type { ServerHandle } from '../commands/server-handle.js';
import { ReplyWriter } from '../protocol/reply-writer.js';
import type { Database } from '../storage/database.js';
import type { Keyspace } from '../storage/keyspace.js';

/** Time between the starts of two cycles (Redis runs its slow cycle at hz 10). */
const CYCLE_INTERVAL_MS = 100;
/** Longest a slice runs before yielding to the event loop. */
const SLICE_MS = 1;
/** Keys examined between two looks at the clock. */
const SAMPLE = 64;
/** A slice that found more expired keys than this share lets the cycle go on at once. */
const ACCEPTABLE_STALE = 0.1;
/** Keys per proposed entry. */
const BATCH = 512;

export interface ActiveExpiryStats {
  /** Cycles started, slices run, keys examined, entries proposed, keys found expired. */
  cycles: number;
  slices: number;
  examined: number;
  entries: number;
  expired: number;
  /** The longest a slice kept the event loop, in ms: how long it could delay a command. */
  longestSliceMs: number;
}

export class ActiveExpiry {
  readonly stats: ActiveExpiryStats = { cycles: 0, slices: 0, examined: 0, entries: 0, expired: 0, longestSliceMs: 0 };
  private readonly ctx: CommandContext;
  /** Replies of the proposed entries, dropped. */
  private readonly replies = new ReplyWriter();
  private readonly command = new Command(DELETE_EXPIRED, null);
  /** Each database's place in its walk over `expires`: a cursor of its ScanCursors. */
  private readonly walks = new WeakMap<Database, number>();
  /**
   * Keys each database slot may still have examined in the current cycle: its number of keys
   * with an expiry when the cycle began, so a cycle walks each database at most once over.
   */
  private readonly leftInCycle: number[];
  /** The database slot the next slice starts with. */
  private nextDb = 0;
  private timer: NodeJS.Timeout | null = null;
  private pendingSlice: NodeJS.Immediate | null = null;
  private cycleRunning = false;
  /** The entry being filled: [name, key, key, ...] for the keys of `batchDb`. */
  private batch: string[] | null = null;
  private batchDb: Database | null = null;
  private readonly runSlice = (): void => this.continueCycle();

  constructor(
    private readonly keyspace: Keyspace,
    private readonly writePath: WritePath,
    private readonly clock: () => number,
    server: ServerHandle,
  ) {
    const client = new ClientState(0, 'active-expiry', '', -1, clock());
    client.authenticated = true;
    this.ctx = new CommandContext(this.replies, keyspace, client, server);
    this.leftInCycle = new Array<number>(keyspace.dbs.length).fill(0);
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.startCycle(), CYCLE_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    if (this.pendingSlice !== null) clearImmediate(this.pendingSlice);
    this.timer = null;
    this.pendingSlice = null;
    this.cycleRunning = false;
  }

  /** Starts a cycle unless one is still going on; its first slice runs now, the others later. */
  startCycle(): void {
    if (this.cycleRunning) return;
    this.cycleRunning = true;
    this.beginCycle();
    this.continueCycle();
  }

  /** Gives each database its budget for a new cycle (tests then run the slices themselves). */
  beginCycle(): void {
    this.stats.cycles++;
    const dbs = this.keyspace.dbs;
    for (let i = 0; i < dbs.length; i++) this.leftInCycle[i] = dbs[i]!.expires.size;
  }

  private continueCycle(): void {
    this.pendingSlice = null;
    const started = performance.now();
    const more = this.slice();
    const took = performance.now() - started;
    if (took > this.stats.longestSliceMs) this.stats.longestSliceMs = took;
    if (more) this.pendingSlice = setImmediate(this.runSlice);
    else this.cycleRunning = false;
  }

  /**
   * Runs one slice of the cycle and proposes the expired keys it found. True when the slice ran
   * out of time while finding many expired keys: the cycle should go on without waiting.
   */
  slice(): boolean {
    this.stats.slices++;
    const deadline = performance.now() + SLICE_MS;
    const now = this.clock();
    const dbs = this.keyspace.dbs;
    let sampled = 0;
    let expired = 0;
    for (let visited = 0; visited < dbs.length; visited++) {
      const slot = this.nextDb;
      const db = dbs[slot]!;
      while (this.leftInCycle[slot]! > 0) {
        const keys = this.sample(db, Math.min(SAMPLE, this.leftInCycle[slot]!));
        this.leftInCycle[slot]! -= Math.max(1, keys.length);
        sampled += keys.length;
        const expires = db.expires;
        for (let i = 0; i < keys.length; i++) {
          const at = expires.get(keys[i]!);
          if (at !== undefined && now > at) {
            expired++;
            this.add(db, keys[i]!);
          }
        }
        if (performance.now() >= deadline) {
          this.propose();
          this.stats.examined += sampled;
          this.stats.expired += expired;
          return expired > sampled * ACCEPTABLE_STALE;
        }
      }
      this.nextDb = (slot + 1) % dbs.length;
    }
    this.propose();
    this.stats.examined += sampled;
    this.stats.expired += expired;
    return false;
  }

  /** The next `count` keys of the database's walk over its keys with an expiry. */
  private sample(db: Database, count: number): string[] {
    const expires = db.expires;
    const source = () => keysPresentNow(expires);
    const cursor = this.walks.get(db) ?? 0;
    let step = db.scanCursors.scan(expires, source, cursor, count);
    // The pass had ended on the previous sample's last key: start the next one.
    if (step.items.length === 0 && cursor !== 0) step = db.scanCursors.scan(expires, source, 0, count);
    this.walks.set(db, step.cursor);
    return step.items;
  }

  private add(db: Database, key: string): void {
    if (this.batchDb !== db) this.propose();
    if (this.batch === null) {
      this.batch = [DELETE_EXPIRED.name];
      this.batchDb = db;
    }
    this.batch.push(key);
    if (this.batch.length > BATCH) this.propose();
  }

  /** Proposes the entry being filled, if any, on its database. */
  private propose(): void {
    const argv = this.batch;
    const db = this.batchDb;
    if (argv === null || db === null) return;
    this.batch = null;
    this.batchDb = null;
    this.ctx.client.db = db.id;
    this.ctx.db = db;
    this.writePath.propose(this.ctx, this.command, argv);
    this.replies.discard();
    this.stats.entries++;
  }
}
