// Raft only reads its storage; the application writes it (after each Ready). Reads outside the
// available range throw these named errors, which the core treats as "fall back to a snapshot".

import type { Entry, HardState, Snapshot } from './types.js';

export class CompactedError extends Error {
  override readonly name = 'CompactedError';
}

export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}

export class SnapshotOutOfDateError extends Error {
  override readonly name = 'SnapshotOutOfDateError';
}

export interface RaftStorage {
  /** The hard state last persisted (zero term, no vote, commit 0 on a fresh node). */
  hardState(): HardState;
  /** The first index still held as an entry (everything before is in the snapshot). */
  firstIndex(): number;
  lastIndex(): number;
  /** Term of entry `index`, for firstIndex()-1 <= index <= lastIndex(). */
  term(index: number): number;
  /** Entries [lo, hi), at least one if any, at most `maxBytes` counted with entryBytes(). */
  entries(lo: number, hi: number, maxBytes: number): Entry[];
  /** The most recent snapshot (index 0 when none was ever taken). */
  snapshot(): Snapshot;
}
