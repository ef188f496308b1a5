// An in-memory RaftStorage with the write side the application uses after each Ready. Tests and
// the simulator use it as the node's "disk": what is in here survives a simulated crash.

import { invariant } from './assert.js';
import { encodeConfChange } from './membership.js';
import { CompactedError, SnapshotOutOfDateError, UnavailableError, type RaftStorage } from './storage.js';
import { EMPTY_BYTES, type ConfState, type Entry, type HardState, type NodeId, type Snapshot } from './types.js';
import { prefixWithinBytes } from './limit-size.js';

const EMPTY_SNAPSHOT: Snapshot = { meta: { index: 0, term: 0, conf: { voters: [], learners: [] } }, data: EMPTY_BYTES };

export class MemoryStorage implements RaftStorage {
  private hard: HardState = { term: 0, vote: 0, commit: 0 };
  private snap: Snapshot = EMPTY_SNAPSHOT;
  /** Index and term of the entry just before `ents[0]` (the compaction point). */
  private compactedIndex = 0;
  private compactedTerm = 0;
  /** ents[head + k] has index compactedIndex + 1 + k; compaction moves head and copies rarely. */
  private ents: Entry[] = [];
  private head = 0;

  /**
   * A founding member's storage: entry 1 (term 1) is the configuration with these voters, already
   * committed, so every member (and every node that joins later) learns it through the log.
   */
  static bootstrap(voters: readonly NodeId[]): MemoryStorage {
    const s = new MemoryStorage();
    s.append([{ term: 1, index: 1, type: 'config', data: encodeConfChange({ type: 'bootstrap', voters: [...voters] }) }]);
    s.setHardState({ term: 1, vote: 0, commit: 1 });
    return s;
  }

  hardState(): HardState {
    return this.hard;
  }

  setHardState(hs: HardState): void {
    this.hard = hs;
  }

  firstIndex(): number {
    return this.compactedIndex + 1;
  }

  lastIndex(): number {
    return this.compactedIndex + this.ents.length - this.head;
  }

  term(index: number): number {
    if (index === this.compactedIndex) return this.compactedTerm;
    if (index < this.compactedIndex) throw new CompactedError(`term(${index}): compacted up to ${this.compactedIndex}`);
    if (index > this.lastIndex()) throw new UnavailableError(`term(${index}): last index is ${this.lastIndex()}`);
    return (this.ents[this.head + index - this.compactedIndex - 1] as Entry).term;
  }

  entries(lo: number, hi: number, maxBytes: number): Entry[] {
    if (lo <= this.compactedIndex) throw new CompactedError(`entries(${lo}): compacted up to ${this.compactedIndex}`);
    if (hi > this.lastIndex() + 1) throw new UnavailableError(`entries(..${hi}): last index is ${this.lastIndex()}`);
    const from = this.head + lo - this.compactedIndex - 1;
    const to = this.head + hi - this.compactedIndex - 1;
    if (maxBytes === Infinity) return this.ents.slice(from, to);
    return this.ents.slice(from, from + prefixWithinBytes(this.ents, from, to, maxBytes).count);
  }

  snapshot(): Snapshot {
    return this.snap;
  }

  /** Appends entries, replacing any existing suffix they conflict with (as raft asked). */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const first = (entries[0] as Entry).index;
    const last = first + entries.length - 1;
    invariant(first <= this.lastIndex() + 1, () => `append at ${first} leaves a gap after ${this.lastIndex()}`);
    if (last <= this.compactedIndex) return; // all already covered by the snapshot
    const skip = Math.max(0, this.compactedIndex + 1 - first);
    const keep = this.head + first + skip - this.compactedIndex - 1;
    const ents = this.ents;
    if (keep < ents.length) ents.length = keep;
    // a bulk push is much cheaper than one per entry (bounded: arguments live on the stack)
    if (skip === 0 && entries.length <= 8192) ents.push(...entries);
    else for (let i = skip; i < entries.length; i++) ents.push(entries[i] as Entry);
  }

  /** Replaces the whole log with a snapshot received from the leader. */
  applySnapshot(snapshot: Snapshot): void {
    if (snapshot.meta.index <= this.snap.meta.index) {
      throw new SnapshotOutOfDateError(`snapshot ${snapshot.meta.index} is not newer than ${this.snap.meta.index}`);
    }
    this.snap = snapshot;
    this.compactedIndex = snapshot.meta.index;
    this.compactedTerm = snapshot.meta.term;
    this.ents = [];
    this.head = 0;
  }

  /** Records the application's state at an applied index; the log is not touched (see compact). */
  createSnapshot(index: number, conf: ConfState, data: Uint8Array): Snapshot {
    if (index <= this.snap.meta.index) throw new SnapshotOutOfDateError(`snapshot at ${index} is not newer than ${this.snap.meta.index}`);
    invariant(index <= this.hard.commit, () => `snapshot at ${index} beyond commit ${this.hard.commit}`);
    this.snap = { meta: { index, term: this.term(index), conf }, data };
    return this.snap;
  }

  /** Drops entries up to and including `index`, which must be covered by the snapshot. */
  compact(index: number): void {
    if (index <= this.compactedIndex) return;
    invariant(index <= this.snap.meta.index, () => `compact(${index}) beyond snapshot ${this.snap.meta.index}`);
    const term = this.term(index);
    this.head += index - this.compactedIndex;
    this.compactedIndex = index;
    this.compactedTerm = term;
    // drop the dead prefix once it is most of the array: amortized O(1) per entry
    if (this.head > 1024 && this.head * 2 > this.ents.length) {
      this.ents = this.ents.slice(this.head);
      this.head = 0;
    }
  }
}
