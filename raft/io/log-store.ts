// The on-disk side of a node's log, implemented with the integration work. It is the write half
// that pairs with the read-only RaftStorage the core sees: after each Ready the driver calls
// `persist`, and only once it resolves (synced when `ready.mustSync`) may messages leave.

import type { RaftStorage } from '../storage.js';
import type { ConfState, Entry, HardState, Snapshot } from '../types.js';

export interface PersistBatch {
  readonly hardState: HardState | null;
  /** Replaces the log suffix from entries[0].index on. */
  readonly entries: readonly Entry[];
  /** A snapshot received from the leader: replaces the whole log. */
  readonly snapshot: Snapshot | null;
  readonly sync: boolean;
}

export interface LogStore extends RaftStorage {
  /**
   * Write one Ready's state. Implementations group the writes of one event-loop turn into one
   * append (group commit) and resolve after fsync when `sync` is set.
   */
  persist(batch: PersistBatch): Promise<void>;
  /** Record the application's state at an applied index (written as a snapshot file). */
  createSnapshot(index: number, conf: ConfState, data: Uint8Array): Promise<Snapshot>;
  /** Drop entries up to `index` (covered by the snapshot), e.g. by deleting whole segment files. */
  compact(index: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens the store in a data directory; recovers torn tails and reports what survived. */
export interface LogStoreFactory {
  open(dir: string): Promise<LogStore>;
}
