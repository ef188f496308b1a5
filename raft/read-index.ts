// Leader-side bookkeeping for linearizable reads (dissertation §6.4). Every heartbeat broadcast is
// a numbered round; a follower's heartbeat response acknowledges a round. A read that arrives is
// stamped with the commit index and waits for the next round: once a quorum acknowledges a round
// sent after the read arrived, the leader knows it was still the leader at that moment.
//
// The same rounds give the lease: if a quorum acknowledged a round sent at tick s, none of them
// will vote for another candidate before s + electionTicks (they ignore vote requests while they
// hear from a leader, see inLease), so the leader may answer reads alone until a little before.

import type { NodeId } from './types.js';

export interface PendingRead {
  readonly requestId: number;
  readonly from: NodeId;
  readonly index: number;
  readonly round: number;
}

const MAX_TRACKED_ROUNDS = 256;

export class ReadIndexTracker {
  /** The last heartbeat round broadcast, and the highest acknowledged by a quorum. */
  round = 0;
  confirmed = 0;
  /** Leader tick before which the lease holds (exclusive). */
  leaseUntil = 0;
  /** Reads waiting for a round to be confirmed, in arrival order. */
  waiting: PendingRead[] = [];
  /** Reads that arrived before this leader committed an entry of its term (§6.4 step 1). */
  beforeTermCommit: PendingRead[] = [];
  private readonly sentAt = new Map<number, number>();

  reset(): void {
    this.round = 0;
    this.confirmed = 0;
    this.leaseUntil = 0;
    this.waiting = [];
    this.beforeTermCommit = [];
    this.sentAt.clear();
  }

  startRound(now: number): number {
    this.round++;
    this.sentAt.set(this.round, now);
    // a leader nobody answers must not accumulate rounds forever; an acknowledgement of a round
    // this old still releases reads, it just no longer extends the lease
    if (this.sentAt.size > MAX_TRACKED_ROUNDS) this.sentAt.delete(this.sentAt.keys().next().value as number);
    return this.round;
  }

  roundInFlight(): boolean {
    return this.confirmed < this.round;
  }

  /** Reads wait for a round that starts after they arrived. */
  enqueue(requestId: number, from: NodeId, index: number): void {
    this.waiting.push({ requestId, from, index, round: this.round + 1 });
  }

  hasUnsentRound(): boolean {
    return this.waiting.length > 0 && (this.waiting[this.waiting.length - 1] as PendingRead).round > this.round;
  }

  /** A quorum acknowledged `round`: returns the reads it releases and extends the lease. */
  confirm(round: number, leaseTicks: number): PendingRead[] {
    if (round <= this.confirmed) return [];
    const sent = this.sentAt.get(round);
    if (sent !== undefined) this.leaseUntil = Math.max(this.leaseUntil, sent + leaseTicks);
    for (const r of this.sentAt.keys()) {
      if (r > round) break;
      this.sentAt.delete(r);
    }
    this.confirmed = round;
    let n = 0;
    while (n < this.waiting.length && (this.waiting[n] as PendingRead).round <= round) n++;
    if (n === 0) return [];
    const released = this.waiting.slice(0, n);
    this.waiting = this.waiting.slice(n);
    return released;
  }
}
