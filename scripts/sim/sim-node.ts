// One simulated server: a RaftNode, its "disk" (a MemoryStorage that survives crashes), the KV
// state machine, and the client-facing side (proposals, ReadIndex reads, replies on apply).

import { decodeConfChange, type ConfChange } from '../../raft/membership.js';
import { MemoryStorage } from '../../raft/memory-storage.js';
import { RaftNode } from '../../raft/node.js';
import type { SeededRandom } from '../../raft/random.js';
import type { Entry, NodeId, Ready } from '../../raft/types.js';
import type { SafetyMonitor } from './invariants.js';
import { decodeCommand, encodeCommand, KvStore, type KvOutput } from './kv.js';
import type { ClientRequest, ClientResponse, SimNetwork } from './network.js';
import type { SimSettings } from './settings.js';
import type { Trace } from './trace.js';

/** The parts of the world a node talks to. */
export interface World {
  readonly settings: SimSettings;
  readonly network: SimNetwork;
  readonly monitor: SafetyMonitor;
  readonly trace: Trace;
  readonly rng: SeededRandom;
  now: number;
  /** False in the liveness phase: faults are healed, nodes no longer crash. */
  faultsOn: boolean;
  /** Bump a named counter for the run's statistics. */
  count(what: string): void;
  /** A client command was applied by some node, with the output it computed. */
  onCommandApplied(client: number, op: number, output: KvOutput): void;
  /** A committed membership change was applied by some node. */
  onConfChangeApplied(by: NodeId, cc: ConfChange, index: number): void;
}

interface Waiter {
  readonly client: number;
  readonly op: number;
  readonly key: string;
}

/** Client id of writes the simulator itself proposes (liveness markers); nobody is told. */
export const SIM_CLIENT = 0;

export class SimNode {
  raft: RaftNode | null = null;
  kv = new KvStore();
  applied = 0;
  crashes = 0;
  /** Removed from the group and shut down for good. */
  retired = false;
  private pendingWrites = new Map<number, { client: number; op: number }>();
  private readWaiters = new Map<number, Waiter>();
  private readsReady: (Waiter & { index: number })[] = [];
  private nextReadId = 1;
  /** While paused, nothing runs; what arrives waits here. */
  private pausedUntil = 0;
  private inbox: (() => void)[] = [];

  constructor(
    readonly id: NodeId,
    readonly disk: MemoryStorage,
    private readonly world: World,
    /** Offset of this node's tick within a tick period: clocks run at one rate, out of phase. */
    readonly tickPhase: number,
  ) {}

  get alive(): boolean {
    return this.raft !== null;
  }

  get paused(): boolean {
    return this.pausedUntil > this.world.now;
  }

  pause(ms: number): void {
    if (this.raft === null) return;
    this.pausedUntil = this.world.now + ms;
    this.world.trace.add(this.world.now, `n${this.id} PAUSE for ${ms}ms`);
  }

  /** Run what queued up during a pause once it is over. */
  resumeIfDue(): void {
    if (this.inbox.length === 0 || this.paused) return;
    const queued = this.inbox;
    this.inbox = [];
    this.world.trace.add(this.world.now, `n${this.id} resumes with ${queued.length} queued arrivals`);
    for (const f of queued) f();
  }

  /** End any pause now (the liveness phase heals everything). */
  unpause(): void {
    this.pausedUntil = 0;
    this.resumeIfDue();
  }

  start(): void {
    const s = this.world.settings;
    const snap = this.disk.snapshot();
    this.raft = new RaftNode({
      id: this.id,
      storage: this.disk,
      random: this.world.rng.fork(),
      applied: snap.meta.index,
      electionTicks: s.electionTicks,
      heartbeatTicks: s.heartbeatTicks,
      preVote: s.preVote,
      checkQuorum: s.checkQuorum,
      readMode: s.readMode === 'lease' ? 'lease' : 'readIndex',
      maxMessageBytes: s.maxMessageBytes,
      maxInflightMessages: s.maxInflightMessages,
      snapshotChunkBytes: s.snapshotChunkBytes,
    });
    this.kv = KvStore.restore(snap.data);
    this.applied = snap.meta.index;
    this.world.trace.add(this.world.now, `n${this.id} start (snapshot ${snap.meta.index}, last ${this.disk.lastIndex()}, term ${this.disk.hardState().term})`);
  }

  crash(why: string): void {
    if (this.raft === null) return;
    this.raft = null;
    this.crashes++;
    this.pausedUntil = 0;
    this.inbox = [];
    this.pendingWrites.clear();
    this.readWaiters.clear();
    this.readsReady = [];
    this.world.trace.add(this.world.now, `n${this.id} CRASH (${why})`);
  }

  tick(): void {
    if (this.raft === null || this.paused) return;
    this.raft.tick();
    this.noteRole();
  }

  deliver(msg: Parameters<RaftNode['step']>[0]): void {
    if (this.raft === null) return;
    if (this.paused) {
      this.inbox.push(() => this.deliver(msg));
      return;
    }
    this.raft.step(msg);
    this.noteRole();
  }

  private noteRole(): void {
    const r = (this.raft as RaftNode).raft;
    if (r.role === 'leader') this.world.monitor.onLeader(this.id, r.term);
  }

  /** A client request arrived; the answer goes out now or when the entry/read is applied. */
  request(req: ClientRequest): void {
    const raft = this.raft;
    if (raft === null) return; // lost with the crash; the client's timeout decides
    if (this.paused) {
      this.inbox.push(() => this.request(req));
      return;
    }
    const w = this.world;
    if (req.input.kind === 'get') {
      if (w.settings.readMode === 'unsafe') {
        const st = raft.status();
        if (st.role === 'leader') this.respond({ client: req.client, op: req.op, outcome: 'ok', output: this.kv.get(req.input.key) });
        else this.respond({ client: req.client, op: req.op, outcome: 'redirect', leader: st.leader });
        return;
      }
      const id = this.nextReadId++;
      const r = raft.readIndex(id);
      if (r.kind === 'notLeader') this.respond({ client: req.client, op: req.op, outcome: 'redirect', leader: r.leader });
      else this.readWaiters.set(id, { client: req.client, op: req.op, key: req.input.key });
      return;
    }
    const r = raft.propose(encodeCommand({ client: req.client, op: req.op, input: req.input }));
    switch (r.kind) {
      case 'appended':
        this.pendingWrites.set(r.lastIndex, { client: req.client, op: req.op });
        return;
      case 'notLeader':
      case 'forwarded':
        this.respond({ client: req.client, op: req.op, outcome: 'redirect', leader: r.leader });
        return;
      case 'dropped':
        this.respond({ client: req.client, op: req.op, outcome: 'failed' });
        return;
    }
  }

  private respond(resp: ClientResponse): void {
    if (resp.client === SIM_CLIENT) return;
    this.world.network.sendResponse(this.world.now, resp.client, resp);
  }

  processReady(): void {
    if (this.paused) return;
    while (this.raft !== null && this.raft.hasReady()) this.handleReady(this.raft, this.raft.ready());
  }

  private handleReady(raft: RaftNode, rd: Ready): void {
    const w = this.world;
    const crashRate = w.faultsOn ? w.settings.crashInReadyRate : 0;
    if (crashRate > 0 && w.rng.chance(crashRate)) {
      this.crash('before persisting its Ready');
      return;
    }
    this.persist(rd);
    if (crashRate > 0 && w.rng.chance(crashRate)) {
      this.crash('after persisting, before sending');
      return;
    }
    if (rd.softState !== null) w.trace.add(w.now, `n${this.id} ${rd.softState.role} term ${raft.raft.term} leader ${rd.softState.leader}`);
    for (const m of rd.messages) {
      const copies = w.network.sendRaft(w.now, m);
      if (w.trace.verbose) w.trace.add(w.now, () => `n${m.from}→n${m.to} ${describeMessage(m)}${copies === 0 ? ' (lost)' : copies === 2 ? ' (dup)' : ''}`);
    }
    if (rd.snapshot !== null) {
      this.kv = KvStore.restore(rd.snapshot.data);
      this.applied = rd.snapshot.meta.index;
      w.monitor.onState(this.id, this.applied, this.kv.hash());
      for (const index of [...this.pendingWrites.keys()]) if (index <= this.applied) this.pendingWrites.delete(index);
      w.count('snapshotsInstalled');
      w.trace.add(w.now, `n${this.id} installed snapshot ${rd.snapshot.meta.index} (${rd.snapshot.data.length}B)`);
    }
    for (const e of rd.committedEntries) this.apply(e);
    for (const rs of rd.readStates) {
      const waiter = this.readWaiters.get(rs.requestId);
      if (waiter === undefined) continue;
      this.readWaiters.delete(rs.requestId);
      this.readsReady.push({ ...waiter, index: rs.index });
    }
    raft.advance(rd);
    this.serveReads();
    this.maybeSnapshot(raft);
  }

  private persist(rd: Ready): void {
    const disk = this.disk;
    const monitor = this.world.monitor;
    const before = disk.hardState();
    if (rd.snapshot !== null) disk.applySnapshot(rd.snapshot);
    if (rd.entries.length > 0) {
      const first = (rd.entries[0] as Entry).index;
      const termBefore = first - 1 >= disk.firstIndex() - 1 && first - 1 <= disk.lastIndex() ? disk.term(first - 1) : -1;
      const existing = (i: number): number => (i >= disk.firstIndex() && i <= disk.lastIndex() ? disk.term(i) : -1);
      monitor.onPersist(this.id, rd.entries, termBefore, before.commit, existing);
      disk.append(rd.entries);
    }
    if (rd.hardState !== null) {
      monitor.onCommitIndex(this.id, before.commit, rd.hardState.commit);
      disk.setHardState(rd.hardState);
    }
  }

  private apply(e: Entry): void {
    const w = this.world;
    w.monitor.onApply(this.id, this.applied, e);
    this.applied = e.index;
    if (e.type === 'config') {
      const cc = decodeConfChange(e.data);
      if (cc !== null) w.onConfChangeApplied(this.id, cc, e.index);
      if (cc !== null && cc.type !== 'bootstrap') w.count(`applied ${cc.type}`);
      return;
    }
    if (e.data.length === 0) return; // a leader's no-op
    const cmd = decodeCommand(e.data);
    const output = this.kv.apply(cmd.input);
    w.onCommandApplied(cmd.client, cmd.op, output);
    const pending = this.pendingWrites.get(e.index);
    if (pending === undefined) return;
    this.pendingWrites.delete(e.index);
    if (pending.client === cmd.client && pending.op === cmd.op) this.respond({ client: cmd.client, op: cmd.op, outcome: 'ok', output });
    // another entry took that index: ours was truncated away and can never commit
    else this.respond({ client: pending.client, op: pending.op, outcome: 'failed' });
  }

  private serveReads(): void {
    if (this.readsReady.length === 0) return;
    const later: (Waiter & { index: number })[] = [];
    for (const r of this.readsReady) {
      if (r.index <= this.applied) {
        this.world.count(this.raft?.raft.role === 'leader' ? 'leaderReads' : 'followerReads');
        this.respond({ client: r.client, op: r.op, outcome: 'ok', output: this.kv.get(r.key) });
      }
      else later.push(r);
    }
    this.readsReady = later;
  }

  private maybeSnapshot(raft: RaftNode): void {
    const s = this.world.settings;
    const snapIndex = this.disk.snapshot().meta.index;
    if (this.applied - snapIndex < s.snapshotEvery) return;
    this.disk.createSnapshot(this.applied, raft.confStateAt(this.applied), this.kv.serialize());
    this.world.monitor.onState(this.id, this.applied, this.kv.hash());
    this.world.count('snapshotsTaken');
    this.disk.compact(Math.max(this.disk.firstIndex() - 1, this.applied - s.keepEntries));
    this.world.trace.add(this.world.now, `n${this.id} snapshot at ${this.applied}, log from ${this.disk.firstIndex()}`);
  }

  /** Propose a write on behalf of the simulator (liveness marker). */
  proposeMarker(value: string): number {
    if (this.raft === null) return -1;
    const r = this.raft.propose(encodeCommand({ client: SIM_CLIENT, op: 0, input: { kind: 'put', key: '__marker', value } }));
    return r.kind === 'appended' ? r.lastIndex : -1;
  }
}

export function describeMessage(m: Parameters<RaftNode['step']>[0]): string {
  let s = `${m.type} t${m.term}`;
  switch (m.type) {
    case 'app':
      s += ` prev ${m.index}/${m.logTerm} n${m.entries.length} commit ${m.commit}`;
      break;
    case 'appResp':
      s += m.reject ? ` REJECT ${m.index} hint ${m.rejectHint}/${m.logTerm}` : ` ok ${m.index}`;
      break;
    case 'vote':
    case 'preVote':
      s += ` last ${m.index}/${m.logTerm}${m.context ? ' transfer' : ''}`;
      break;
    case 'voteResp':
    case 'preVoteResp':
      s += m.reject ? ' REJECT' : ' granted';
      break;
    case 'heartbeat':
      s += ` commit ${m.commit} round ${m.context}`;
      break;
    case 'heartbeatResp':
      s += ` round ${m.context}`;
      break;
    case 'snap':
      s += ` ${m.index}/${m.logTerm} @${m.snapshot?.offset}/${m.snapshot?.total}`;
      break;
    case 'snapResp':
      s += ` ${m.index} next@${m.rejectHint}${m.reject ? ' REJECT' : ''}`;
      break;
    default:
      s += ` i${m.index} c${m.context}`;
  }
  return s;
}
