// Follower side of a chunked InstallSnapshot: collects the chunks of one snapshot in order. A
// chunk that does not continue what we have is refused with the offset we expect, so the leader
// resumes from there (or from 0 after we restarted and lost the partial snapshot).

import type { Snapshot, SnapshotChunk, SnapshotMeta } from './types.js';

export class SnapshotReceiver {
  readonly meta: SnapshotMeta;
  readonly total: number;
  received = 0;
  private readonly parts: Uint8Array[] = [];

  constructor(meta: SnapshotMeta, total: number) {
    this.meta = meta;
    this.total = total;
  }

  isFor(meta: SnapshotMeta): boolean {
    return this.meta.index === meta.index && this.meta.term === meta.term;
  }

  /** False when the chunk does not continue exactly where we are. */
  add(chunk: SnapshotChunk): boolean {
    if (!this.isFor(chunk.meta) || chunk.offset !== this.received || chunk.total !== this.total) return false;
    if (this.received + chunk.data.length > this.total) return false;
    this.parts.push(chunk.data);
    this.received += chunk.data.length;
    return true;
  }

  complete(): boolean {
    return this.received === this.total;
  }

  assemble(): Snapshot {
    const data = new Uint8Array(this.total);
    let at = 0;
    for (const p of this.parts) {
      data.set(p, at);
      at += p.length;
    }
    return { meta: this.meta, data };
  }
}
