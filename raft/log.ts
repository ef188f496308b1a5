// The log as raft sees it: stable entries in storage followed by the unstable tail, with the
// commit and apply positions. Invariant: applied <= committed <= lastIndex.

import { invariant } from './assert.js';
import { prefixWithinBytes } from './limit-size.js';
import type { RaftStorage } from './storage.js';
import { Unstable } from './unstable.js';
import { ENTRY_OVERHEAD_BYTES, NO_ENTRIES, type Entry, type Snapshot } from './types.js';

export class RaftLog {
  readonly storage: RaftStorage;
  readonly unstable: Unstable;
  committed: number;
  applied: number;
  /** Bytes of the entries returned by the last slice() (saves a second pass for flow control). */
  lastSliceBytes = 0;

  constructor(storage: RaftStorage, applied: number) {
    this.storage = storage;
    const first = storage.firstIndex();
    const last = storage.lastIndex();
    this.unstable = new Unstable(last + 1);
    this.committed = Math.max(first - 1, storage.hardState().commit);
    invariant(this.committed <= last, () => `persisted commit ${this.committed} beyond last index ${last}: the log lost entries`);
    this.applied = Math.max(first - 1, applied);
    invariant(this.applied <= this.committed, () => `applied ${applied} beyond commit ${this.committed}`);
  }

  firstIndex(): number {
    const i = this.unstable.maybeFirstIndex();
    return i >= 0 ? i : this.storage.firstIndex();
  }

  lastIndex(): number {
    const i = this.unstable.maybeLastIndex();
    return i >= 0 ? i : this.storage.lastIndex();
  }

  /** Term of `index`, or -1 when it is compacted away or beyond the end. */
  term(index: number): number {
    const t = this.unstable.maybeTerm(index);
    if (t >= 0) return t;
    if (index < this.firstIndex() - 1 || index > this.lastIndex()) return -1;
    return this.storage.term(index);
  }

  lastTerm(): number {
    return this.term(this.lastIndex());
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  /** §5.4.1: the candidate's log is at least as up-to-date as ours. */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const ourTerm = this.lastTerm();
    return lastTerm > ourTerm || (lastTerm === ourTerm && lastIndex >= this.lastIndex());
  }

  /** Leader append: entries follow the last index. */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const after = (entries[0] as Entry).index - 1;
    invariant(after >= this.committed, () => `append after ${after} would overwrite committed ${this.committed}`);
    this.unstable.truncateAndAppend(entries, 0);
  }

  /**
   * Follower append (§5.3): if our entry at `index` has `logTerm`, keep what matches, replace
   * from the first conflict and advance commit. Returns the index of the first entry written (0
   * when nothing new) or -1 when the consistency check fails.
   */
  maybeAppend(index: number, logTerm: number, leaderCommit: number, entries: readonly Entry[]): number {
    if (!this.matchTerm(index, logTerm)) return -1;
    const lastNew = index + entries.length;
    const conflict = this.findConflict(entries);
    if (conflict !== 0) {
      invariant(conflict > this.committed, () => `entry ${conflict} conflicts with committed ${this.committed}`);
      this.unstable.truncateAndAppend(entries, conflict - index - 1);
    }
    this.commitTo(Math.min(leaderCommit, lastNew));
    return conflict;
  }

  /**
   * Index of the first entry whose term differs from ours (or that we lack), 0 when all match.
   * By the Log Matching property a match at i implies a match below i, so the answer is found by
   * bisection, and the common cases (all new, all known) cost one lookup.
   */
  findConflict(entries: readonly Entry[]): number {
    if (entries.length === 0) return 0;
    const first = entries[0] as Entry;
    const lastIndex = this.lastIndex();
    if (first.index > lastIndex) return first.index;
    const last = entries[entries.length - 1] as Entry;
    if (last.index <= lastIndex && this.matchTerm(last.index, last.term)) return 0;
    if (!this.matchTerm(first.index, first.term)) return first.index;
    // entries[lo] matches, entries[hi] does not
    let lo = 0;
    let hi = entries.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      const e = entries[mid] as Entry;
      if (e.index <= lastIndex && this.matchTerm(e.index, e.term)) lo = mid;
      else hi = mid;
    }
    return (entries[hi] as Entry).index;
  }

  /**
   * The largest index <= `index` whose term is <= `term` (or the compaction point). Used both by a
   * follower to compute its rejection hint and by the leader to jump over a whole term at once.
   */
  findConflictByTerm(index: number, term: number): number {
    const floor = this.firstIndex() - 1;
    let i = Math.min(index, this.lastIndex());
    for (; i > floor; i--) {
      const t = this.term(i);
      if (t <= term) break;
    }
    return i;
  }

  /** Entries [lo, hi) limited to `maxBytes` (at least one); sets lastSliceBytes. */
  slice(lo: number, hi: number, maxBytes: number): readonly Entry[] {
    if (lo >= hi) {
      this.lastSliceBytes = 0;
      return NO_ENTRIES;
    }
    invariant(lo >= this.firstIndex() && hi <= this.lastIndex() + 1, () => `slice [${lo},${hi}) outside [${this.firstIndex()},${this.lastIndex() + 1})`);
    const u = this.unstable;
    if (lo >= u.offset) {
      const from = lo - u.offset;
      const fit = prefixWithinBytes(u.entries, from, hi - u.offset, maxBytes);
      this.lastSliceBytes = fit.bytes;
      return u.entries.slice(from, from + fit.count);
    }
    const stableHi = Math.min(hi, u.offset);
    const stored = this.storage.entries(lo, stableHi, maxBytes);
    let bytes = 0;
    for (const e of stored) bytes += e.data.length + ENTRY_OVERHEAD_BYTES;
    if (stored.length < stableHi - lo || hi <= u.offset) {
      this.lastSliceBytes = bytes;
      return stored;
    }
    const fit = prefixWithinBytes(u.entries, 0, hi - u.offset, maxBytes - bytes);
    const room = bytes + fit.bytes > maxBytes ? 0 : fit.count;
    for (let i = 0; i < room; i++) stored.push(u.entries[i] as Entry);
    this.lastSliceBytes = bytes + (room > 0 ? fit.bytes : 0);
    return stored;
  }

  hasNextCommittedEntries(): boolean {
    return this.unstable.snapshot === null && this.committed > this.applied;
  }

  /** Committed entries not yet applied; none while a received snapshot waits to be installed. */
  nextCommittedEntries(maxBytes: number): readonly Entry[] {
    if (!this.hasNextCommittedEntries()) return NO_ENTRIES;
    return this.slice(Math.max(this.applied + 1, this.firstIndex()), this.committed + 1, maxBytes);
  }

  commitTo(index: number): void {
    if (index <= this.committed) return;
    invariant(index <= this.lastIndex(), () => `commit ${index} beyond last index ${this.lastIndex()}: was the log truncated or lost?`);
    this.committed = index;
  }

  appliedTo(index: number): void {
    invariant(index >= this.applied && index <= this.committed, () => `applied ${index} outside [${this.applied}, ${this.committed}]`);
    this.applied = index;
  }

  /** Replace the log with a snapshot from the leader. */
  restore(snapshot: Snapshot): void {
    this.committed = snapshot.meta.index;
    this.unstable.restore(snapshot);
  }

  snapshot(): Snapshot {
    return this.unstable.snapshot ?? this.storage.snapshot();
  }
}
