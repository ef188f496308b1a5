// A small in-process cluster for unit tests: messages wait in a queue until the test delivers
// them (all, or filtered), so each test controls exactly which messages arrive.

import { MemoryStorage } from '../../../raft/memory-storage.js';
import { RaftNode } from '../../../raft/node.js';
import type { RaftOptions } from '../../../raft/options.js';
import { SeededRandom } from '../../../raft/random.js';
import type { Entry, Message, NodeId, Ready } from '../../../raft/types.js';

export type ClusterOptions = Partial<Omit<RaftOptions, 'id' | 'storage' | 'random'>>;

export interface TestMember {
  node: RaftNode;
  storage: MemoryStorage;
  /** Payloads of applied normal entries (the no-op excluded). */
  applied: string[];
  appliedEntries: Entry[];
  readStates: { requestId: number; index: number }[];
  snapshotsInstalled: number;
  options: ClusterOptions;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
export const bytes = (s: string): Uint8Array => enc.encode(s);
export const text = (b: Uint8Array): string => dec.decode(b);

export const DEFAULTS: ClusterOptions = { electionTicks: 10, heartbeatTicks: 1, preVote: false, checkQuorum: false };

export class TestCluster {
  readonly members = new Map<NodeId, TestMember>();
  /** Messages sent and not yet delivered, in send order. */
  queue: Message[] = [];
  /** Every message ever sent, for assertions about traffic. */
  sent: Message[] = [];
  /** Nodes cut off from everybody (messages to and from them are dropped on delivery). */
  readonly isolated = new Set<NodeId>();
  dropFilter: (m: Message) => boolean = () => false;
  private seed = 1;

  constructor(ids: readonly NodeId[], options: ClusterOptions = {}, voters: readonly NodeId[] = ids) {
    for (const id of ids) this.add(id, MemoryStorage.bootstrap(voters), options);
  }

  add(id: NodeId, storage: MemoryStorage, options: ClusterOptions = {}): TestMember {
    const opts = { ...DEFAULTS, ...options };
    const node = new RaftNode({
      electionTicks: 10,
      heartbeatTicks: 1,
      ...opts,
      id,
      storage,
      random: new SeededRandom(this.seed++ * 7919 + id),
      applied: storage.snapshot().meta.index,
    });
    const m: TestMember = { node, storage, applied: [], appliedEntries: [], readStates: [], snapshotsInstalled: 0, options: opts };
    this.members.set(id, m);
    return m;
  }

  /** Simulate a crash and restart from what was persisted. */
  restart(id: NodeId): TestMember {
    const old = this.member(id);
    this.queue = this.queue.filter((m) => m.to !== id);
    return this.add(id, old.storage, old.options);
  }

  member(id: NodeId): TestMember {
    const m = this.members.get(id);
    if (m === undefined) throw new Error(`no node ${id}`);
    return m;
  }

  node(id: NodeId): RaftNode {
    return this.member(id).node;
  }

  /** Process every node's Ready: persist, queue messages, apply, advance. */
  processReady(): boolean {
    let any = false;
    for (const [, m] of this.members) {
      while (m.node.hasReady()) {
        any = true;
        this.handle(m, m.node.ready());
      }
    }
    return any;
  }

  private handle(m: TestMember, rd: Ready): void {
    if (rd.snapshot !== null) {
      m.storage.applySnapshot(rd.snapshot);
      m.snapshotsInstalled++;
      m.applied = text(rd.snapshot.data) === '' ? [] : text(rd.snapshot.data).split(',');
    }
    m.storage.append(rd.entries);
    if (rd.hardState !== null) m.storage.setHardState(rd.hardState);
    for (const msg of rd.messages) {
      this.queue.push(msg);
      this.sent.push(msg);
    }
    for (const e of rd.committedEntries) {
      m.appliedEntries.push(e);
      if (e.type === 'normal' && e.data.length > 0) m.applied.push(text(e.data));
    }
    m.readStates.push(...rd.readStates);
    m.node.advance(rd);
  }

  /** Deliver the queued messages (not those sent while delivering). Returns how many arrived. */
  deliver(filter: (m: Message) => boolean = () => true): number {
    const batch = this.queue;
    this.queue = [];
    let n = 0;
    for (const msg of batch) {
      if (!filter(msg)) {
        this.queue.push(msg);
        continue;
      }
      if (this.isolated.has(msg.from) || this.isolated.has(msg.to) || this.dropFilter(msg)) continue;
      const target = this.members.get(msg.to);
      if (target === undefined) continue;
      target.node.step(msg);
      n++;
    }
    return n;
  }

  /** Ready and deliver until nothing moves. */
  stabilize(maxRounds = 1000): void {
    for (let i = 0; i < maxRounds; i++) {
      const moved = this.processReady();
      if (this.queue.length === 0 && !moved) return;
      this.deliver();
    }
    throw new Error('cluster did not stabilize');
  }

  tick(id: NodeId, n = 1): void {
    for (let i = 0; i < n; i++) this.node(id).tick();
  }

  tickAll(n = 1): void {
    for (let i = 0; i < n; i++) for (const [, m] of this.members) m.node.tick();
  }

  /** Make `id` leader by campaigning and letting the cluster settle. */
  elect(id: NodeId): void {
    this.node(id).campaign();
    this.stabilize();
    const s = this.node(id).status();
    if (s.role !== 'leader') throw new Error(`node ${id} did not become leader (role ${s.role}, term ${s.term})`);
  }

  leaders(): NodeId[] {
    return [...this.members].filter(([, m]) => m.node.status().role === 'leader').map(([id]) => id);
  }

  propose(id: NodeId, payload: string) {
    return this.node(id).propose(bytes(payload));
  }

  /** The log of a node as "term:payload" strings, from its storage plus unstable entries. */
  logOf(id: NodeId): { index: number; term: number; data: string }[] {
    const s = this.member(id).storage;
    const out: { index: number; term: number; data: string }[] = [];
    if (s.lastIndex() >= s.firstIndex()) {
      for (const e of s.entries(s.firstIndex(), s.lastIndex() + 1, Infinity)) out.push({ index: e.index, term: e.term, data: e.type === 'normal' ? text(e.data) : '<config>' });
    }
    return out;
  }
}

/**
 * A founding member's storage whose log holds, after the bootstrap entry (index 1, term 1), one
 * entry per term in `terms` (payload "e<index>"), with `commit` persisted and `term` as current.
 */
export function storageWithLog(voters: readonly NodeId[], terms: readonly number[], opts: { commit?: number; term?: number } = {}): MemoryStorage {
  const s = MemoryStorage.bootstrap(voters);
  s.append(terms.map((term, i) => ({ term, index: i + 2, type: 'normal' as const, data: bytes(`e${i + 2}`) })));
  const last = terms.length > 0 ? (terms[terms.length - 1] as number) : 1;
  s.setHardState({ term: opts.term ?? Math.max(1, last), vote: 0, commit: opts.commit ?? 1 });
  return s;
}

/** A cluster whose members start from the given logs (see storageWithLog). */
export function clusterWithLogs(logs: Record<number, readonly number[]>, options: ClusterOptions = {}, term?: number): TestCluster {
  const ids = Object.keys(logs).map(Number);
  const c = new TestCluster([], options);
  for (const id of ids) c.add(id, storageWithLog(ids, logs[id] as readonly number[], term === undefined ? {} : { term }), options);
  return c;
}

export function messagesOf(msgs: readonly Message[], type: Message['type']): Message[] {
  return msgs.filter((m) => m.type === type);
}
