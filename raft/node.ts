// The application's handle on one Raft node, in the etcd "RawNode" style: feed it ticks, messages
// and proposals, then take a Ready, act on it in order, and advance.

import { invariant } from './assert.js';
import { applyConfChange, encodeConfChange, type ConfChange } from './membership.js';
import type { RaftOptions } from './options.js';
import type { Progress, ProgressState } from './progress.js';
import { Raft } from './raft.js';
import {
  NO_ENTRIES,
  NO_NODE,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  type ProposeResult,
  type ReadIndexResult,
  type Ready,
  type Role,
  type SoftState,
} from './types.js';

const LOCAL_ONLY = new Set(['hup', 'beat', 'checkQuorum']);

export interface ProgressStatus {
  readonly match: number;
  readonly next: number;
  readonly state: ProgressState;
  readonly isLearner: boolean;
  readonly recentActive: boolean;
}

export interface NodeStatus {
  readonly id: NodeId;
  readonly term: number;
  readonly vote: NodeId;
  readonly role: Role;
  readonly leader: NodeId;
  readonly commit: number;
  readonly applied: number;
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly conf: ConfState;
  readonly leadTransferee: NodeId;
  /** Only on the leader. */
  readonly progress: ReadonlyMap<NodeId, ProgressStatus>;
}

export class RaftNode {
  readonly raft: Raft;
  private prevSoft: SoftState;
  private prevHard: HardState;
  private outstanding: Ready | null = null;

  constructor(options: RaftOptions) {
    this.raft = new Raft(options);
    this.prevSoft = { leader: this.raft.lead, role: this.raft.role };
    this.prevHard = options.storage.hardState();
  }

  get id(): NodeId {
    return this.raft.id;
  }

  tick(): void {
    this.raft.tick();
  }

  /** A message from a peer. Local-only message types are refused: they come from tick(). */
  step(m: Message): void {
    if (LOCAL_ONLY.has(m.type)) return;
    this.raft.step(m);
  }

  /** Start an election now (tests, or an operator forcing a campaign). */
  campaign(): void {
    this.raft.step(this.raft.newMessage('hup', this.raft.id));
  }

  propose(data: Uint8Array): ProposeResult {
    return this.proposeBatch([data]);
  }

  /** Many proposals as consecutive entries: one append, one broadcast. */
  proposeBatch(datas: readonly Uint8Array[]): ProposeResult {
    const r = this.raft;
    if (r.role === 'leader') return r.appendAsLeader(datas, 'normal');
    return this.notLeader(datas.map((data) => ({ term: 0, index: 0, type: 'normal' as const, data })));
  }

  /** One membership change at a time, and only after this leader committed in its term. */
  proposeConfChange(cc: ConfChange): ProposeResult {
    const r = this.raft;
    if (r.role !== 'leader') return { kind: 'notLeader', leader: r.lead };
    if (r.configs.currentIndex() > r.log.committed || !r.committedInTerm()) return { kind: 'dropped', reason: 'confChangePending' };
    if (cc.type === 'bootstrap' || typeof applyConfChange(r.conf, cc) === 'string') return { kind: 'dropped', reason: 'invalidConfChange' };
    return r.appendAsLeader([encodeConfChange(cc)], 'config');
  }

  private notLeader(entries: readonly Entry[]): ProposeResult {
    const r = this.raft;
    if (r.lead === NO_NODE || !r.opts.forwardProposals) return { kind: 'notLeader', leader: r.lead };
    const m = r.newMessage('prop', r.lead);
    m.term = 0;
    m.entries = entries;
    r.send(m);
    return { kind: 'forwarded', leader: r.lead };
  }

  /** A linearizable read: its ReadState arrives in a later Ready (§6.4 of the dissertation). */
  readIndex(requestId: number): ReadIndexResult {
    const r = this.raft;
    if (r.role === 'leader') {
      r.handleReadRequest(r.id, requestId);
      return { kind: 'pending' };
    }
    if (r.lead === NO_NODE) return { kind: 'notLeader', leader: NO_NODE };
    const m = r.newMessage('readIndex', r.lead);
    m.term = 0;
    m.context = requestId;
    r.send(m);
    return { kind: 'forwarded', leader: r.lead };
  }

  transferLeadership(target: NodeId): void {
    const r = this.raft;
    const m = r.newMessage('transferLeader', r.id);
    m.term = 0;
    m.from = target;
    r.step(m);
  }

  /** The configuration in force after applying the log up to `index` (for snapshots). */
  confStateAt(index: number): ConfState {
    return this.raft.configs.at(index);
  }

  hasReady(): boolean {
    const r = this.raft;
    if (r.msgs.length > 0 || r.readStates.length > 0) return true;
    if (r.log.unstable.entries.length > 0 || r.log.unstable.snapshot !== null) return true;
    if (r.log.hasNextCommittedEntries()) return true;
    if (r.lead !== this.prevSoft.leader || r.role !== this.prevSoft.role) return true;
    const h = this.prevHard;
    return r.term !== h.term || r.vote !== h.vote || r.log.committed !== h.commit;
  }

  ready(): Ready {
    invariant(this.outstanding === null, 'ready() called again before advance()');
    const r = this.raft;
    const log = r.log;
    const soft = r.lead !== this.prevSoft.leader || r.role !== this.prevSoft.role ? { leader: r.lead, role: r.role } : null;
    const h = this.prevHard;
    const hard = r.term !== h.term || r.vote !== h.vote || log.committed !== h.commit ? { term: r.term, vote: r.vote, commit: log.committed } : null;
    const entries = log.unstable.entries.length > 0 ? log.unstable.takeForReady() : NO_ENTRIES;
    const rd: Ready = {
      softState: soft,
      hardState: hard,
      entries,
      snapshot: log.unstable.snapshot,
      committedEntries: log.nextCommittedEntries(r.opts.maxCommittedBytesPerReady),
      messages: r.msgs,
      readStates: r.readStates,
      mustSync: entries.length > 0 || log.unstable.snapshot !== null || (hard !== null && (hard.term !== h.term || hard.vote !== h.vote)),
    };
    if (r.msgs.length > 0) r.msgs = [];
    if (r.readStates.length > 0) r.readStates = [];
    if (soft !== null) this.prevSoft = soft;
    this.outstanding = rd;
    return rd;
  }

  /** The application persisted, sent and applied everything in `rd`. */
  advance(rd: Ready): void {
    invariant(this.outstanding === rd, 'advance() with a Ready that is not the outstanding one');
    this.outstanding = null;
    const r = this.raft;
    const log = r.log;
    if (rd.hardState !== null) this.prevHard = rd.hardState;
    if (rd.snapshot !== null) {
      log.unstable.stableSnapTo(rd.snapshot.meta.index);
      if (rd.snapshot.meta.index > log.applied) log.appliedTo(rd.snapshot.meta.index);
    }
    if (rd.entries.length > 0) {
      const last = rd.entries[rd.entries.length - 1] as Entry;
      log.unstable.stableTo(last.index, last.term);
    }
    const applied = rd.committedEntries;
    if (applied.length > 0) {
      log.appliedTo((applied[applied.length - 1] as Entry).index);
      r.reduceUncommitted(applied);
      r.configs.pruneBefore(log.applied);
    }
    r.assertInvariants();
  }

  status(): NodeStatus {
    const r = this.raft;
    const progress = new Map<NodeId, ProgressStatus>();
    if (r.role === 'leader') {
      for (const [id, pr] of r.progress as Map<NodeId, Progress>) {
        progress.set(id, { match: pr.match, next: pr.next, state: pr.state, isLearner: pr.isLearner, recentActive: pr.recentActive });
      }
    }
    return {
      id: r.id,
      term: r.term,
      vote: r.vote,
      role: r.role,
      leader: r.lead,
      commit: r.log.committed,
      applied: r.log.applied,
      firstIndex: r.log.firstIndex(),
      lastIndex: r.log.lastIndex(),
      conf: r.conf,
      leadTransferee: r.leadTransferee,
      progress,
    };
  }
}
