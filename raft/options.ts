// What the application decides about a node. Time is counted in ticks of the caller's clock.

import { invariant } from './assert.js';
import type { RandomSource } from './random.js';
import type { RaftStorage } from './storage.js';
import type { NodeId } from './types.js';

/**
 * readIndex: a read waits for one heartbeat round confirming leadership (shared by every read
 * waiting at that moment). lease: under CheckQuorum, a leader that heard from a quorum less than
 * an election timeout ago answers at once; this assumes the nodes' clocks tick at the same rate.
 */
export type ReadMode = 'readIndex' | 'lease';

export interface RaftOptions {
  readonly id: NodeId;
  readonly storage: RaftStorage;
  readonly random: RandomSource;
  /** Followers campaign after a random timeout in [electionTicks, 2*electionTicks). */
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  /** The state machine was restored up to this index (its snapshot, or what the app tracked). */
  readonly applied?: number;
  /** §9.6 of the dissertation: ask "would you vote for me?" before bumping the term. */
  readonly preVote?: boolean;
  /** §6.2: a leader that has not heard from a quorum for an election timeout steps down. */
  readonly checkQuorum?: boolean;
  readonly readMode?: ReadMode;
  /** Followers forward proposals to the leader instead of answering "notLeader". */
  readonly forwardProposals?: boolean;
  /** Bound on one append message's entries (bytes). */
  readonly maxMessageBytes?: number;
  /** Appends in flight per follower (messages and bytes). */
  readonly maxInflightMessages?: number;
  readonly maxInflightBytes?: number;
  /** Proposals are dropped ("overloaded") while this many bytes are uncommitted at the leader. */
  readonly maxUncommittedBytes?: number;
  /** Bound on the committed entries handed out in one Ready (bytes). */
  readonly maxCommittedBytesPerReady?: number;
  /** Size of InstallSnapshot chunks. */
  readonly snapshotChunkBytes?: number;
}

export type ResolvedOptions = Required<RaftOptions>;

export function resolveOptions(o: RaftOptions): ResolvedOptions {
  const r: ResolvedOptions = {
    applied: 0,
    preVote: true,
    checkQuorum: true,
    readMode: 'readIndex',
    forwardProposals: false,
    maxMessageBytes: 1 << 20,
    maxInflightMessages: 256,
    maxInflightBytes: 32 << 20,
    maxUncommittedBytes: 64 << 20,
    maxCommittedBytesPerReady: 64 << 20,
    snapshotChunkBytes: 1 << 20,
    ...o,
  };
  invariant(r.id > 0 && Number.isInteger(r.id), 'node id must be a positive integer');
  invariant(r.heartbeatTicks > 0, 'heartbeatTicks must be positive');
  invariant(r.electionTicks > r.heartbeatTicks, 'electionTicks must exceed heartbeatTicks');
  invariant(r.readMode !== 'lease' || (r.checkQuorum && r.electionTicks > 2), 'lease reads need checkQuorum and electionTicks > 2');
  invariant(r.maxInflightMessages > 0 && r.maxInflightBytes > 0, 'inflight bounds must be positive');
  invariant(r.snapshotChunkBytes > 0, 'snapshotChunkBytes must be positive');
  return r;
}
