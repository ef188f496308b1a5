// The tail of the log that raft has but the application has not yet persisted: new entries and
// possibly a snapshot received from the leader. It hands them out in a Ready and forgets them
// once the application reports them stable.

import { invariant } from './assert.js';
import type { Entry, Snapshot } from './types.js';

export class Unstable {
  snapshot: Snapshot | null = null;
  entries: Entry[] = [];
  /** Index of entries[0]. */
  offset: number;
  /** entries is also held by an outstanding Ready: copy before mutating it in place. */
  private shared = false;

  constructor(offset: number) {
    this.offset = offset;
  }

  /** First index if a snapshot is pending, else -1 (storage knows). */
  maybeFirstIndex(): number {
    return this.snapshot !== null ? this.snapshot.meta.index + 1 : -1;
  }

  /** Last index held here, else -1 (storage knows). */
  maybeLastIndex(): number {
    if (this.entries.length > 0) return this.offset + this.entries.length - 1;
    return this.snapshot !== null ? this.snapshot.meta.index : -1;
  }

  /** Term of `index` if held here, else -1. */
  maybeTerm(index: number): number {
    if (index < this.offset) {
      return this.snapshot !== null && this.snapshot.meta.index === index ? this.snapshot.meta.term : -1;
    }
    const i = index - this.offset;
    return i < this.entries.length ? (this.entries[i] as Entry).term : -1;
  }

  /** The entries to hand out in a Ready; they stay here until stableTo(). */
  takeForReady(): Entry[] {
    this.shared = this.entries.length > 0;
    return this.entries;
  }

  /** The application persisted entries up to (index, term); a later overwrite makes it a no-op. */
  stableTo(index: number, term: number): void {
    if (this.maybeTerm(index) !== term || index < this.offset) return;
    this.entries = this.entries.slice(index + 1 - this.offset);
    this.offset = index + 1;
    this.shared = false;
  }

  stableSnapTo(index: number): void {
    if (this.snapshot !== null && this.snapshot.meta.index === index) this.snapshot = null;
  }

  restore(snapshot: Snapshot): void {
    this.offset = snapshot.meta.index + 1;
    this.entries = [];
    this.shared = false;
    this.snapshot = snapshot;
  }

  truncateAndAppend(ents: readonly Entry[], from: number): void {
    const fromIndex = (ents[from] as Entry).index;
    const end = this.offset + this.entries.length;
    if (fromIndex === end) {
      // the common case: a plain append
      if (this.shared) this.unshare();
    } else if (fromIndex <= this.offset) {
      // replace everything held here; storage entries from fromIndex on are superseded too
      this.offset = fromIndex;
      this.entries = [];
      this.shared = false;
    } else {
      invariant(fromIndex < end, () => `unstable append at ${fromIndex} leaves a gap after ${end - 1}`);
      this.entries = this.entries.slice(0, fromIndex - this.offset);
      this.shared = false;
    }
    const target = this.entries;
    // a bulk push is much cheaper than one per entry (bounded: arguments live on the stack)
    if (from === 0 && ents.length <= 8192) target.push(...ents);
    else for (let i = from; i < ents.length; i++) target.push(ents[i] as Entry);
  }

  slice(lo: number, hi: number): Entry[] {
    invariant(lo >= this.offset && hi <= this.offset + this.entries.length, () => `unstable slice [${lo},${hi}) outside [${this.offset},${this.offset + this.entries.length})`);
    return this.entries.slice(lo - this.offset, hi - this.offset);
  }

  private unshare(): void {
    this.entries = this.entries.slice();
    this.shared = false;
  }
}
