// The leader's view of one follower (§5.3 nextIndex/matchIndex), plus the flow-control state:
// probe (one append at a time until we find where the logs match), replicate (pipelined appends
// bounded by Inflights) or snapshot (a snapshot is being streamed; no appends).

import { Inflights } from './inflights.js';
import type { Snapshot } from './types.js';

export type ProgressState = 'probe' | 'replicate' | 'snapshot';

/** The snapshot being streamed to this follower, chunk by chunk. */
export interface SnapshotSend {
  readonly snapshot: Snapshot;
  /** Bytes the follower has acknowledged (the next chunk starts here). */
  acked: number;
  /** Leader tick when the last chunk was sent, and when the follower last made progress. */
  sentAt: number;
  progressAt: number;
}

export class Progress {
  match = 0;
  next: number;
  state: ProgressState = 'probe';
  /** probe: an append is in flight; wait for its answer or the next heartbeat response. */
  probeSent = false;
  /** snapshot: the index of the snapshot being sent. */
  pendingSnapshot = 0;
  snapshotSend: SnapshotSend | null = null;
  /** Heard from since the last CheckQuorum. */
  recentActive = false;
  isLearner: boolean;
  /** Highest heartbeat round this follower acknowledged (ReadIndex and lease). */
  roundAcked = 0;
  readonly inflights: Inflights;

  constructor(next: number, isLearner: boolean, maxInflightMessages: number, maxInflightBytes: number) {
    this.next = next;
    this.isLearner = isLearner;
    this.inflights = new Inflights(maxInflightMessages, maxInflightBytes);
  }

  private resetState(state: ProgressState): void {
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.snapshotSend = null;
    this.state = state;
    this.inflights.reset();
  }

  /** A new term: nothing is known about this follower yet. */
  restart(next: number, match: number): void {
    this.resetState('probe');
    this.next = next;
    this.match = match;
    this.recentActive = false;
    this.roundAcked = 0;
  }

  becomeProbe(): void {
    // after a snapshot, the follower has at least the snapshot's entries
    const next = this.state === 'snapshot' ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.resetState('probe');
    this.next = next;
  }

  /** The snapshot stream stalled: start over by probing (which will send a fresh snapshot). */
  abandonSnapshot(): void {
    this.resetState('probe');
    this.next = this.match + 1;
  }

  becomeReplicate(): void {
    this.resetState('replicate');
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.resetState('snapshot');
    this.pendingSnapshot = snapshotIndex;
  }

  /** The follower has everything up to `index`. False when the news is old. */
  maybeUpdate(index: number): boolean {
    if (index <= this.match) return false;
    this.match = index;
    this.probeSent = false;
    if (this.next < index + 1) this.next = index + 1;
    return true;
  }

  /**
   * The follower rejected the append after `rejected`; `matchHint` is the highest index where the
   * logs may match. False when the rejection is stale (an answer to an older append).
   */
  maybeDecrTo(rejected: number, matchHint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1);
    this.probeSent = false;
    return true;
  }

  /** An append with `count` entries (`bytes` in total) was just sent. */
  sentEntries(count: number, bytes: number): void {
    if (this.state === 'replicate') {
      if (count > 0) {
        this.next += count;
        this.inflights.add(this.next - 1, bytes);
      }
    } else if (this.state === 'probe') {
      this.probeSent = true;
    }
  }

  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflights.full();
      case 'snapshot':
        return true;
    }
  }
}
