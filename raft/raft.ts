// The Raft state machine of one node. Pure: time arrives as tick(), randomness through the
// injected RandomSource, the network as step(message) in and `msgs` out, storage as a read-only
// interface. Term rules common to every role run first in step(); then the role's own step
// function (stepLeader, stepCandidate, stepFollower) handles the message.

import { invariant } from './assert.js';
import { ConfigHistory } from './config-history.js';
import { isMember, isVoter } from './membership.js';
import { RaftLog } from './log.js';
import { resolveOptions, type RaftOptions, type ResolvedOptions } from './options.js';
import { Progress } from './progress.js';
import { quorumValue, voteResult, type VoteResult } from './quorum.js';
import type { RandomSource } from './random.js';
import { ReadIndexTracker } from './read-index.js';
import { broadcastAppend, broadcastHeartbeat, sendTimeoutNow } from './replication.js';
import type { SnapshotReceiver } from './snapshot-receiver.js';
import { stepLeader } from './step-leader.js';
import { stepCandidate, stepFollower } from './step-follower.js';
import {
  CONTEXT_TRANSFER,
  EMPTY_BYTES,
  makeMessage,
  NO_NODE,
  type ConfState,
  type Entry,
  type EntryType,
  type Message,
  type MessageType,
  type NodeId,
  type ProposeResult,
  type ReadState,
  type Role,
  type Snapshot,
} from './types.js';

export type StepFn = (r: Raft, m: Message) => void;

export class Raft {
  readonly id: NodeId;
  readonly opts: ResolvedOptions;
  readonly log: RaftLog;
  private readonly random: RandomSource;

  term = 0;
  vote: NodeId = NO_NODE;
  lead: NodeId = NO_NODE;
  role: Role = 'follower';

  readonly configs: ConfigHistory;
  /** The configuration in force: the newest in the log. */
  conf: ConfState;
  /** Per member; meaningful on the leader (the entry for this node tracks its own log). */
  readonly progress = new Map<NodeId, Progress>();
  readonly votes = new Map<NodeId, boolean>();
  /** Removed members already told of their committed removal (for the configuration at departedFor). */
  private readonly departed = new Set<NodeId>();
  private departedFor = -1;

  /** Outbox and read results, drained into the next Ready. */
  msgs: Message[] = [];
  readStates: ReadState[] = [];

  /** Ticks since boot; the leader's clock for leases and snapshot retries. */
  ticks = 0;
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;

  leadTransferee: NodeId = NO_NODE;
  /** Set once this leader told a node to campaign: its lease can no longer be trusted. */
  leaseRevoked = false;
  /** Payload bytes this leader appended that are not yet applied. */
  uncommittedBytes = 0;
  readonly reads = new ReadIndexTracker();
  snapshotIn: SnapshotReceiver | null = null;

  private stepRole: StepFn = stepFollower;
  private tickRole: () => void = () => this.tickElection();
  private readonly scratch: number[] = [];
  readonly matchOf = (id: NodeId): number => this.progress.get(id)?.match ?? 0;
  readonly roundAckedOf = (id: NodeId): number => (id === this.id ? this.reads.round : (this.progress.get(id)?.roundAcked ?? 0));

  constructor(options: RaftOptions) {
    this.opts = resolveOptions(options);
    this.id = this.opts.id;
    this.random = this.opts.random;
    const storage = this.opts.storage;
    this.log = new RaftLog(storage, this.opts.applied);
    const snap = storage.snapshot();
    this.configs = new ConfigHistory(snap.meta.index, snap.meta.conf);
    const from = Math.max(storage.firstIndex(), snap.meta.index + 1);
    const last = storage.lastIndex();
    if (last >= from) this.configs.appendFrom(storage.entries(from, last + 1, Infinity), 0);
    this.conf = this.configs.current();
    const hs = storage.hardState();
    this.term = hs.term;
    this.vote = hs.vote;
    this.syncProgress();
    this.becomeFollower(this.term, NO_NODE);
  }

  // ---- messages ----------------------------------------------------------------------------

  newMessage(type: MessageType, to: NodeId): Message {
    return makeMessage(type, this.id, to, this.term);
  }

  send(m: Message): void {
    this.msgs.push(m);
  }

  step(m: Message): void {
    if (m.term > this.term) {
      if (m.type === 'vote' || m.type === 'preVote') {
        // §4.2.3: a node that hears from a live leader ignores candidates (disruption, leases)
        if (m.context !== CONTEXT_TRANSFER && this.inLease()) return;
      }
      if (m.type === 'preVote') {
        // a pre-vote never changes our term
      } else if (m.type === 'preVoteResp' && !m.reject) {
        // granted pre-votes carry the term we would campaign in; we bump it when we win
      } else if (m.type === 'app' || m.type === 'heartbeat' || m.type === 'snap') {
        this.becomeFollower(m.term, m.from);
      } else {
        this.adoptTerm(m.term);
      }
    } else if (m.term < this.term && m.term !== 0) {
      if ((this.opts.checkQuorum || this.opts.preVote) && (m.type === 'app' || m.type === 'heartbeat')) {
        // A stale leader cut off from the new one would otherwise never learn it was deposed;
        // this answer carries our term and makes it step down.
        this.send(this.newMessage('appResp', m.from));
      } else if (m.type === 'preVote') {
        const resp = this.newMessage('preVoteResp', m.from);
        resp.reject = true;
        this.send(resp);
      }
      return;
    }
    switch (m.type) {
      case 'hup':
        this.hup(false);
        return;
      case 'vote':
      case 'preVote':
        this.handleVoteRequest(m);
        return;
      default:
        this.stepRole(this, m);
    }
  }

  /**
   * A node in contact with a leader ignores vote requests. With lease reads, so does a node that
   * just booted: before the crash it may have been part of a leader's lease, and forgot it.
   */
  inLease(): boolean {
    if (!this.opts.checkQuorum) return false;
    const et = this.opts.electionTicks;
    if (this.lead !== NO_NODE && this.electionElapsed < et) return true;
    return this.opts.readMode === 'lease' && this.ticks < et;
  }

  private handleVoteRequest(m: Message): void {
    const canVote =
      this.vote === m.from || (this.vote === NO_NODE && this.lead === NO_NODE) || (m.type === 'preVote' && m.term > this.term);
    const resp = this.newMessage(m.type === 'vote' ? 'voteResp' : 'preVoteResp', m.from);
    // §5.2 one vote per term, §5.4.1 only for a log at least as up-to-date as ours
    if (canVote && this.log.isUpToDate(m.index, m.logTerm)) {
      resp.term = m.term; // a pre-vote answer must carry the term the candidate will use
      if (m.type === 'vote') {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      resp.reject = true;
    }
    this.send(resp);
  }

  // ---- time --------------------------------------------------------------------------------

  tick(): void {
    this.ticks++;
    this.tickRole();
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.step(this.newMessage('hup', this.id));
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.opts.electionTicks) {
      this.electionElapsed = 0;
      if (this.opts.checkQuorum) this.step(this.newMessage('checkQuorum', this.id));
      // a transfer that did not finish within an election timeout is abandoned
      if (this.role === 'leader' && this.leadTransferee !== NO_NODE) this.abortLeaderTransfer();
    }
    if (this.role !== 'leader') return;
    if (this.heartbeatElapsed >= this.opts.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      this.step(this.newMessage('beat', this.id));
    }
  }

  private resetRandomizedElectionTimeout(): void {
    const et = this.opts.electionTicks;
    this.randomizedElectionTimeout = et + this.random.nextInt(et);
  }

  // ---- roles -------------------------------------------------------------------------------

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NO_NODE;
    }
    this.lead = NO_NODE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.resetRandomizedElectionTimeout();
    this.leadTransferee = NO_NODE;
    this.leaseRevoked = false;
    this.votes.clear();
    this.uncommittedBytes = 0;
    this.reads.reset();
    const last = this.log.lastIndex();
    for (const [id, pr] of this.progress) pr.restart(last + 1, id === this.id ? last : 0);
  }

  becomeFollower(term: number, lead: NodeId): void {
    this.stepRole = stepFollower;
    this.tickRole = () => this.tickElection();
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
  }

  /**
   * A higher term seen from a node that is not a leader (a candidate we may refuse, a stale
   * answer): follow it without restarting the election timer. §5.2 restarts the timer only on
   * hearing from the leader or granting a vote; restarting it here let candidates with short
   * logs keep the up-to-date nodes from ever timing out (found by seed 6179, without PreVote).
   */
  private adoptTerm(term: number): void {
    const elapsed = this.electionElapsed;
    const timeout = this.randomizedElectionTimeout;
    this.becomeFollower(term, NO_NODE);
    this.electionElapsed = Math.min(elapsed, timeout);
    this.randomizedElectionTimeout = timeout;
  }

  private becomePreCandidate(): void {
    invariant(this.role !== 'leader', 'a leader cannot become a pre-candidate');
    // neither the term nor the vote changes: that is the point of pre-voting
    this.stepRole = stepCandidate;
    this.tickRole = () => this.tickElection();
    this.votes.clear();
    this.lead = NO_NODE;
    this.role = 'preCandidate';
  }

  private becomeCandidate(): void {
    invariant(this.role !== 'leader', 'a leader cannot become a candidate');
    this.stepRole = stepCandidate;
    this.tickRole = () => this.tickElection();
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = 'candidate';
  }

  becomeLeader(): void {
    invariant(this.role === 'candidate', 'only a candidate becomes leader');
    this.stepRole = stepLeader;
    this.tickRole = () => this.tickHeartbeat();
    this.reset(this.term);
    this.lead = this.id;
    this.role = 'leader';
    const self = this.progress.get(this.id);
    if (self !== undefined) {
      self.becomeReplicate();
      self.recentActive = true;
    }
    // §5.4.2 / §8: commit an entry of our own term at once; it commits everything before it and
    // lets reads and membership changes proceed.
    const noop = this.appendAsLeader([EMPTY_BYTES], 'normal', false);
    invariant(noop.kind === 'appended', 'a new leader could not append its no-op');
    this.uncommittedBytes = 0;
  }

  /**
   * Whether this node may campaign: it is a voter in its newest configuration, or that
   * configuration removes it but is not committed yet. In the second case only this node may
   * hold the entry that removes it (dissertation §4.2.2: a removed leader keeps managing the
   * group until the removal commits), and if it stayed silent a two-voter group would deadlock.
   * Votes are still counted over the newest configuration.
   */
  promotable(): boolean {
    if (isVoter(this.conf, this.id)) return true;
    const previous = this.configs.previous();
    return previous !== null && this.configs.currentIndex() > this.log.committed && isVoter(previous, this.id);
  }

  /** Start an election (§5.2), through a pre-vote unless a transfer ordered it. */
  hup(transfer: boolean): void {
    if (this.role === 'leader' || !this.promotable()) return;
    if (this.opts.preVote && !transfer) this.campaign('preVote', false);
    else this.campaign('vote', transfer);
  }

  private campaign(kind: 'preVote' | 'vote', transfer: boolean): void {
    let term: number;
    if (kind === 'preVote') {
      this.becomePreCandidate();
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      term = this.term;
    }
    if (this.poll(this.id, true) === 'won') {
      // a single-voter group
      if (kind === 'preVote') this.campaign('vote', transfer);
      else this.becomeLeader();
      return;
    }
    const lastIndex = this.log.lastIndex();
    const lastTerm = this.log.lastTerm();
    for (const id of this.conf.voters) {
      if (id === this.id) continue;
      const m = this.newMessage(kind, id);
      m.term = term;
      m.index = lastIndex;
      m.logTerm = lastTerm;
      if (transfer) m.context = CONTEXT_TRANSFER;
      this.send(m);
    }
  }

  poll(id: NodeId, granted: boolean): VoteResult {
    if (!this.votes.has(id)) this.votes.set(id, granted);
    return voteResult(this.conf.voters, this.votes);
  }

  /** A vote response for the current campaign (pre-vote or vote). */
  handleVoteResponse(m: Message): void {
    const result = this.poll(m.from, !m.reject);
    if (result === 'won') {
      if (this.role === 'preCandidate') this.campaign('vote', false);
      else this.becomeLeader();
    } else if (result === 'lost') {
      this.becomeFollower(this.term, NO_NODE);
    }
  }

  // ---- leader: log -------------------------------------------------------------------------

  /** Append proposals as leader (§5.3). Refusals say why; nothing is dropped silently. */
  appendAsLeader(datas: readonly Uint8Array[], type: EntryType, fromClient = true): ProposeResult {
    if (this.role !== 'leader') return { kind: 'notLeader', leader: this.lead };
    if (this.leadTransferee !== NO_NODE) return { kind: 'dropped', reason: 'transferring' };
    // a leader on its way out only finishes committing its removal
    if (fromClient && !isMember(this.conf, this.id)) return { kind: 'dropped', reason: 'notMember' };
    let bytes = 0;
    for (const d of datas) bytes += d.length;
    if (this.uncommittedBytes > 0 && this.uncommittedBytes + bytes > this.opts.maxUncommittedBytes) {
      return { kind: 'dropped', reason: 'overloaded' };
    }
    const term = this.term;
    let index = this.log.lastIndex();
    const first = index + 1;
    const entries: Entry[] = [];
    for (const data of datas) entries.push({ term, index: ++index, type, data });
    this.log.append(entries);
    this.uncommittedBytes += bytes;
    if (type === 'config' && this.configs.appendFrom(entries, 0)) this.applyConf();
    const self = this.progress.get(this.id);
    if (self !== undefined) self.maybeUpdate(index);
    // a single voter commits at once
    this.maybeCommit();
    broadcastAppend(this);
    return { kind: 'appended', firstIndex: first, lastIndex: index, term };
  }

  /** §5.3/§5.4.2: commit the highest index stored on a majority, if it is of this term. */
  maybeCommit(): boolean {
    const index = quorumValue(this.conf.voters, this.matchOf, this.scratch);
    if (index <= this.log.committed || this.log.term(index) !== this.term) return false;
    this.log.commitTo(index);
    this.releaseLeavingMembers();
    if (this.reads.beforeTermCommit.length > 0) {
      const early = this.reads.beforeTermCommit;
      this.reads.beforeTermCommit = [];
      for (const r of early) this.handleReadRequest(r.from, r.requestId);
    }
    return true;
  }

  committedInTerm(): boolean {
    return this.log.term(this.log.committed) === this.term;
  }

  /** §4.2.2 of the dissertation: a leader removed from the group steps down once that commits. */
  stepDownIfRemoved(): void {
    if (this.role === 'leader' && !isVoter(this.conf, this.id) && this.configs.currentIndex() <= this.log.committed) {
      this.becomeFollower(this.term, NO_NODE);
    }
  }

  // ---- leader: reads -----------------------------------------------------------------------

  handleReadRequest(from: NodeId, requestId: number): void {
    if (!this.committedInTerm()) {
      // until an entry of our term commits, our commit index may lag the real one
      this.reads.beforeTermCommit.push({ requestId, from, index: 0, round: 0 });
      return;
    }
    const index = this.log.committed;
    const voters = this.conf.voters;
    const alone = voters.length === 1 && voters[0] === this.id;
    if (alone || this.leaseValid()) {
      this.answerRead(from, requestId, index);
      return;
    }
    this.reads.enqueue(requestId, from, index);
    if (!this.reads.roundInFlight()) broadcastHeartbeat(this);
  }

  leaseValid(): boolean {
    return this.opts.readMode === 'lease' && !this.leaseRevoked && this.ticks < this.reads.leaseUntil;
  }

  answerRead(to: NodeId, requestId: number, index: number): void {
    if (to === this.id) {
      this.readStates.push({ requestId, index });
      return;
    }
    const m = this.newMessage('readIndexResp', to);
    m.index = index;
    m.context = requestId;
    this.send(m);
  }

  /** A follower acknowledged heartbeat round `round`. */
  onRoundAcked(pr: Progress, round: number): void {
    if (round <= pr.roundAcked) return;
    pr.roundAcked = round;
    const quorumRound = quorumValue(this.conf.voters, this.roundAckedOf, this.scratch);
    const released = this.reads.confirm(quorumRound, this.opts.electionTicks - 2);
    for (const r of released) this.answerRead(r.from, r.requestId, r.index);
    if (this.reads.hasUnsentRound() && !this.reads.roundInFlight()) broadcastHeartbeat(this);
  }

  // ---- leadership transfer (dissertation §3.10) --------------------------------------------

  transferLeadership(target: NodeId): void {
    if (target === this.id || !isVoter(this.conf, target)) return;
    const pr = this.progress.get(target);
    if (pr === undefined) return;
    if (this.leadTransferee === target) return;
    this.abortLeaderTransfer();
    this.electionElapsed = 0; // the transfer must finish within one election timeout
    this.leadTransferee = target;
    if (pr.match === this.log.lastIndex()) sendTimeoutNow(this, target);
    else broadcastAppend(this);
  }

  abortLeaderTransfer(): void {
    this.leadTransferee = NO_NODE;
  }

  // ---- follower: snapshot ------------------------------------------------------------------

  /** Install a snapshot from the leader (§7). False when our log already covers it. */
  restore(snapshot: Snapshot): boolean {
    const meta = snapshot.meta;
    if (meta.index <= this.log.committed) return false;
    if (this.log.matchTerm(meta.index, meta.term)) {
      // we have the entry: the snapshot only tells us it is committed
      this.log.commitTo(meta.index);
      return false;
    }
    this.log.restore(snapshot);
    this.configs.reset(meta.index, meta.conf);
    this.applyConf();
    return true;
  }

  // ---- membership --------------------------------------------------------------------------

  /** A follower appended `entries[from..]` (replacing what was there from that index on). */
  onEntriesAppended(entries: readonly Entry[], from: number): void {
    const truncated = this.configs.truncateFrom((entries[from] as Entry).index);
    const appended = this.configs.appendFrom(entries, from);
    if (truncated || appended) this.applyConf();
  }

  /** The newest configuration in the log changed: it takes effect now (§4.1). */
  applyConf(): void {
    this.conf = this.configs.current();
    this.syncProgress();
    if (this.role !== 'leader') return;
    if (this.leadTransferee !== NO_NODE && !isVoter(this.conf, this.leadTransferee)) this.abortLeaderTransfer();
    // fewer voters may mean a commit, more voters may mean a vote count changes nothing yet
    this.maybeCommit();
  }

  private syncProgress(): void {
    const conf = this.conf;
    const next = this.log.lastIndex() + 1;
    for (const id of conf.voters) this.ensureProgress(id, false, next);
    for (const id of conf.learners) this.ensureProgress(id, true, next);
    // A member being removed keeps receiving the log until it holds its removal and the removal
    // committed, so that it learns it is out and stops campaigning (see promotable). It counts
    // in no quorum.
    const leaving = this.leavingMembers();
    for (const id of leaving) this.ensureProgress(id, true, next);
    for (const id of [...this.progress.keys()]) {
      if (!isMember(conf, id) && !leaving.includes(id)) this.progress.delete(id);
    }
  }

  /** Members of the previous configuration that the newest removes and that were not told yet. */
  private leavingMembers(): NodeId[] {
    const previous = this.configs.previous();
    if (previous === null) return [];
    if (this.departedFor !== this.configs.currentIndex()) {
      this.departedFor = this.configs.currentIndex();
      this.departed.clear();
    }
    return [...previous.voters, ...previous.learners].filter((id) => !isMember(this.conf, id) && !this.departed.has(id));
  }

  /** Leaving members that hold their committed removal get a last heartbeat carrying the commit. */
  releaseLeavingMembers(): void {
    const at = this.configs.currentIndex();
    if (this.log.committed < at || this.progress.size === this.conf.voters.length + this.conf.learners.length) return;
    for (const [id, pr] of this.progress) {
      if (id === this.id || isMember(this.conf, id) || pr.match < at) continue;
      const m = this.newMessage('heartbeat', id);
      m.commit = Math.min(pr.match, this.log.committed);
      this.send(m);
      this.departed.add(id);
      this.progress.delete(id);
    }
  }

  private ensureProgress(id: NodeId, isLearner: boolean, next: number): void {
    let pr = this.progress.get(id);
    if (pr === undefined) {
      pr = new Progress(next, isLearner, this.opts.maxInflightMessages, this.opts.maxInflightBytes);
      if (id === this.id) pr.match = next - 1;
      // a new member gets a full election timeout before CheckQuorum counts it silent
      pr.recentActive = true;
      this.progress.set(id, pr);
    }
    pr.isLearner = isLearner;
  }

  /** CheckQuorum (§6.2): were a majority of voters heard from since the last check? */
  quorumActive(): boolean {
    let active = 0;
    for (const id of this.conf.voters) {
      const pr = this.progress.get(id);
      if (id === this.id || (pr !== undefined && pr.recentActive)) active++;
    }
    for (const [id, pr] of this.progress) if (id !== this.id) pr.recentActive = false;
    return active >= (this.conf.voters.length >> 1) + 1;
  }

  /** Payload bytes of applied entries no longer count against the leader's uncommitted bound. */
  reduceUncommitted(entries: readonly Entry[]): void {
    if (this.role !== 'leader' || this.uncommittedBytes === 0) return;
    let bytes = 0;
    for (const e of entries) bytes += e.data.length;
    this.uncommittedBytes = Math.max(0, this.uncommittedBytes - bytes);
  }

  /** Checked after every Ready; a broken one means this node must stop. */
  assertInvariants(): void {
    const log = this.log;
    invariant(log.applied <= log.committed, () => `node ${this.id}: applied ${log.applied} > committed ${log.committed}`);
    invariant(log.committed <= log.lastIndex(), () => `node ${this.id}: committed ${log.committed} > last ${log.lastIndex()}`);
    invariant(this.role !== 'leader' || this.lead === this.id, () => `node ${this.id}: leader with lead ${this.lead}`);
    invariant(this.role !== 'candidate' || this.vote === this.id, () => `node ${this.id}: candidate that did not vote for itself`);
  }
}
