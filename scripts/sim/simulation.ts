// One seed, start to finish: build the cluster the seed describes, run the safety phase with the
// nemesis and the client workload, heal everything and demand progress within a bound (liveness),
// then check the recorded history for linearizability. Every decision comes from the seed.

import type { ConfChange } from '../../raft/membership.js';
import { MemoryStorage } from '../../raft/memory-storage.js';
import { SeededRandom } from '../../raft/random.js';
import type { NodeId } from '../../raft/types.js';
import { describeOp, History, SimClient, type ClientEnv } from './client.js';
import { SafetyMonitor } from './invariants.js';
import type { KvInput, KvOutput } from './kv.js';
import { kvModel, type KvOperation } from './kv-model.js';
import { checkLinearizable } from './linearizability.js';
import { Nemesis, type Cluster } from './nemesis.js';
import { CALM, SimNetwork } from './network.js';
import { describeSettings, settingsFor, type SettingsOverrides, type SimSettings } from './settings.js';
import { describeMessage, SIM_CLIENT, SimNode, type World } from './sim-node.js';
import { Trace } from './trace.js';

export interface SeedStats {
  simMs: number;
  ops: number;
  unknownWrites: number;
  droppedReads: number;
  leaders: number;
  crashes: number;
  messages: number;
  lost: number;
  nemesisActions: number;
  membershipChanges: number;
  transfers: number;
  committed: number;
  livenessTicks: number;
  checkerSteps: number;
  counters: Record<string, number>;
}

export interface SeedResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly failure: string | null;
  readonly settings: string;
  readonly trace: string[];
  readonly stats: SeedStats;
  /** The client history (after resolution of unknown writes), when asked for. */
  readonly history?: readonly KvOperation[];
}

export interface RunOptions {
  readonly overrides?: SettingsOverrides;
  /** Print every event as it happens (and every message). */
  readonly live?: (line: string) => void;
  readonly traceLines?: number;
  readonly keepHistory?: boolean;
}

class Simulation implements World, Cluster {
  readonly rng: SeededRandom;
  readonly settings: SimSettings;
  readonly network: SimNetwork;
  readonly monitor = new SafetyMonitor();
  readonly trace: Trace;
  readonly history = new History();
  now = 0;
  faultsOn = true;
  private readonly members = new Map<NodeId, SimNode>();
  private readonly clients: SimClient[] = [];
  private readonly clientEnv: ClientEnv;
  private readonly nemesis: Nemesis;
  private nextId: NodeId;
  private phase: 'safety' | 'liveness' = 'safety';
  private livenessFrom = 0;
  private marker: { index: number; leader: NodeId; value: string } | null = null;
  livenessTicks = 0;
  readonly counters = new Map<string, number>();

  count(what: string): void {
    this.counters.set(what, (this.counters.get(what) ?? 0) + 1);
  }

  constructor(seed: number, options: RunOptions) {
    this.rng = new SeededRandom(seed);
    this.settings = settingsFor(seed, this.rng, options.overrides);
    this.trace = new Trace(options.traceLines ?? 120, options.live ?? null);
    this.network = new SimNetwork(this.rng.fork(), this.settings.faults);
    const ids = Array.from({ length: this.settings.clusterSize }, (_, i) => i + 1);
    this.nextId = ids.length + 1;
    for (const id of ids) this.spawn(id, MemoryStorage.bootstrap(ids)).start();
    for (let i = 0; i < this.settings.clients; i++) {
      this.clients.push(new SimClient(1000 + i, this.rng.fork(), this.history, this.settings.keys, this.settings.opTimeoutMs));
    }
    this.clientEnv = {
      now: 0,
      note: (what) => this.trace.add(this.now, what),
      members: () => [...this.members.values()].filter((n) => !n.retired).map((n) => n.id),
      send: (to: NodeId, client: number, op: number, input: KvInput) => this.network.sendRequest(this.now, to, { client, op, input }),
    };
    this.nemesis = new Nemesis(this);
  }

  private spawn(id: NodeId, disk: MemoryStorage): SimNode {
    const node = new SimNode(id, disk, this, this.rng.nextInt(this.settings.tickMs));
    this.members.set(id, node);
    return node;
  }

  // ---- Cluster (for the nemesis) -----------------------------------------------------------

  nodes(): SimNode[] {
    return [...this.members.values()];
  }

  leader(): SimNode | undefined {
    let best: SimNode | undefined;
    for (const n of this.members.values()) {
      if (n.raft === null) continue;
      const r = n.raft.raft;
      if (r.role === 'leader' && (best === undefined || r.term > (best.raft as NonNullable<SimNode['raft']>).raft.term)) best = n;
    }
    return best;
  }

  addNode(): SimNode {
    const node = this.spawn(this.nextId++, new MemoryStorage());
    node.start();
    return node;
  }

  note(what: string): void {
    this.trace.add(this.now, what);
  }

  onCommandApplied(client: number, op: number, output: KvOutput): void {
    if (client !== SIM_CLIENT) this.history.onApplied(client, op, output);
  }

  onConfChangeApplied(by: NodeId, cc: ConfChange, index: number): void {
    if (cc.type !== 'remove') return;
    const node = this.members.get(cc.nodeId);
    if (node === undefined || node.retired) return;
    // the removal is committed: shut the node down for good, as an operator would
    node.crash(`removed at index ${index} (applied by n${by})`);
    node.retired = true;
  }

  // ---- the run -----------------------------------------------------------------------------

  run(): void {
    const s = this.settings;
    for (;;) {
      this.clientEnv.now = this.now;
      for (const n of this.members.values()) n.resumeIfDue();
      this.deliverDue();
      for (const n of this.members.values()) {
        if (n.alive && this.now % s.tickMs === n.tickPhase) n.tick();
      }
      if (this.phase === 'safety') {
        this.nemesis.act();
        if (this.now >= s.safetyMs) this.startLiveness();
      } else if (this.livenessStep()) {
        return;
      }
      for (const c of this.clients) c.step(this.clientEnv);
      for (const n of this.members.values()) {
        n.processReady();
        // the core's own invariants, after every step (the monitor checks the cross-node ones)
        n.raft?.raft.assertInvariants();
      }
      this.now++;
    }
  }

  private deliverDue(): void {
    for (;;) {
      const e = this.network.popDue(this.now);
      if (e === undefined) return;
      switch (e.kind) {
        case 'raft': {
          const m = e.msg;
          if (this.network.isBlocked(m.from, m.to)) {
            if (this.trace.verbose) this.trace.add(this.now, () => `n${m.from}→n${m.to} ${describeMessage(m)} (cut in flight)`);
            continue;
          }
          this.members.get(m.to)?.deliver(m);
          continue;
        }
        case 'request':
          this.members.get(e.to)?.request(e.req);
          continue;
        case 'response': {
          const client = this.clients[e.to - 1000];
          client?.onResponse(e.resp, this.clientEnv);
          continue;
        }
      }
    }
  }

  private startLiveness(): void {
    this.phase = 'liveness';
    this.faultsOn = false;
    this.livenessFrom = this.now;
    this.network.heal();
    this.network.faults = CALM;
    for (const n of this.members.values()) {
      n.unpause();
      if (!n.alive && !n.retired) n.start();
    }
    for (const c of this.clients) c.stopped = true;
    this.note('--- liveness phase: faults healed, all nodes up ---');
  }

  /** True once the healed cluster made progress everywhere; throws when the bound passes. */
  private livenessStep(): boolean {
    const s = this.settings;
    const elapsedTicks = Math.floor((this.now - this.livenessFrom) / s.tickMs);
    if (elapsedTicks > s.livenessTicks) {
      const st = this.nodes().map((n) => (n.raft ? `n${n.id}:${n.raft.raft.role}/t${n.raft.raft.term}/c${n.raft.raft.log.committed}/a${n.applied}` : `n${n.id}:down`));
      const what = this.livenessTicks === 0 ? 'no leader-committed marker applied everywhere' : 'members did not converge';
      this.monitor.fail(`liveness: ${what} within ${s.livenessTicks} ticks of healing (${st.join(' ')})`);
    }
    const leader = this.leader();
    if (leader === undefined || leader.raft === null) return false;
    if (this.marker === null || this.marker.leader !== leader.id) {
      const value = `marker@${this.now}`;
      const index = leader.proposeMarker(value);
      if (index > 0) {
        this.marker = { index, leader: leader.id, value };
        this.note(`liveness marker ${value} at index ${index} on n${leader.id}`);
      }
      return false;
    }
    const conf = leader.raft.status().conf;
    const members = [...conf.voters, ...conf.learners].map((id) => this.members.get(id));
    const target = this.marker.index;
    if (!members.every((n) => n !== undefined && n.alive && n.applied >= target)) return false;
    if (this.livenessTicks === 0) {
      // Raft's part is done: a leader committed a new entry and every member applied it
      this.livenessTicks = Math.max(1, elapsedTicks);
      this.note(`marker applied by all ${members.length} members after ${elapsedTicks} ticks`);
    }
    // then let the clients' outstanding operations finish (or time out) and the nodes converge
    if (!this.clients.every((c) => c.idle)) return false;
    // all members converge to the same index and state
    const applied = new Set(members.map((n) => (n as SimNode).applied));
    if (applied.size > 1) return false;
    const hashes = new Set(members.map((n) => (n as SimNode).kv.hash()));
    if (hashes.size > 1) this.monitor.fail(`members applied the same index ${[...applied][0]} but hold different states`);
    this.note(`converged after ${elapsedTicks} ticks: ${members.length} members at index ${[...applied][0]}`);
    return true;
  }

  checkHistory(): { ok: boolean; message: string; steps: number } {
    this.history.resolveUnknown();
    const result = checkLinearizable(kvModel, this.history.ops);
    if (result.ok === true) return { ok: true, message: '', steps: result.explored };
    const ops = [...result.partition].sort((a, b) => a.call - b.call);
    const lines = ops.slice(0, 100).map(describeOp);
    if (result.ok === 'unknown') return { ok: false, message: `linearizability check inconclusive: ${result.reason}:\n  ${lines.join('\n  ')}`, steps: result.explored };
    return { ok: false, message: `not linearizable (key ${ops[0]?.input.key}, ${ops.length} operations):\n  ${lines.join('\n  ')}`, steps: result.explored };
  }

  stats(checkerSteps: number): SeedStats {
    return {
      simMs: this.now,
      ops: this.history.ops.length,
      unknownWrites: this.history.unknown,
      droppedReads: this.history.failedReads,
      leaders: this.monitor.leadersSeen(),
      crashes: this.nodes().reduce((n, x) => n + x.crashes, 0),
      messages: this.network.sent,
      lost: this.network.dropped,
      nemesisActions: this.nemesis.actions,
      membershipChanges: this.nemesis.membershipChanges,
      transfers: this.nemesis.transfers,
      committed: this.monitor.appliedMax(),
      livenessTicks: this.livenessTicks,
      checkerSteps,
      counters: Object.fromEntries(this.counters),
    };
  }
}

export function runSeed(seed: number, options: RunOptions = {}): SeedResult {
  const sim = new Simulation(seed, options);
  const settings = describeSettings(sim.settings);
  let failure: string | null = null;
  let steps = 0;
  try {
    sim.run();
    const h = sim.checkHistory();
    steps = h.steps;
    if (!h.ok) failure = h.message;
  } catch (err) {
    failure = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (err instanceof Error && err.name !== 'SafetyViolation' && err.stack) failure += `\n${err.stack.split('\n').slice(1, 6).join('\n')}`;
  }
  const result: SeedResult = { seed, ok: failure === null, failure, settings, trace: failure === null ? [] : sim.trace.lines(), stats: sim.stats(steps) };
  return options.keepHistory ? { ...result, history: sim.history.ops } : result;
}
