// Speed of the Raft core alone: a 3-node group in one process, no I/O, messages handed over
// directly, proposals batched per "event-loop turn" as the server batches them. Prints committed
// entries per second and CPU microseconds per entry (all three nodes' work, one core).
//   npm run bench:raft                 default run
//   npm run bench:raft -- --seconds 5 --batch 1024 --size 32

import { MemoryStorage } from '../raft/memory-storage.js';
import { RaftNode } from '../raft/node.js';
import { SeededRandom } from '../raft/random.js';
import type { Message, NodeId } from '../raft/types.js';

interface Member {
  readonly node: RaftNode;
  readonly storage: MemoryStorage;
  applied: number;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function makeGroup(): Map<NodeId, Member> {
  const ids = [1, 2, 3];
  const group = new Map<NodeId, Member>();
  for (const id of ids) {
    const storage = MemoryStorage.bootstrap(ids);
    const node = new RaftNode({
      id,
      storage,
      random: new SeededRandom(id),
      electionTicks: 10,
      heartbeatTicks: 1,
      maxMessageBytes: 1 << 20,
      maxInflightMessages: 256,
      maxUncommittedBytes: 1 << 30,
    });
    group.set(id, { node, storage, applied: 0 });
  }
  return group;
}

/** One turn of every node: persist, collect messages, apply, advance; then deliver. */
function turn(group: Map<NodeId, Member>, outbox: Message[]): boolean {
  let moved = false;
  for (const m of group.values()) {
    while (m.node.hasReady()) {
      moved = true;
      const rd = m.node.ready();
      if (rd.snapshot !== null) m.storage.applySnapshot(rd.snapshot);
      if (rd.entries.length > 0) m.storage.append(rd.entries);
      if (rd.hardState !== null) m.storage.setHardState(rd.hardState);
      for (const msg of rd.messages) outbox.push(msg);
      if (rd.committedEntries.length > 0) m.applied = (rd.committedEntries[rd.committedEntries.length - 1] as { index: number }).index;
      m.node.advance(rd);
    }
  }
  const n = outbox.length;
  for (let i = 0; i < n; i++) {
    const msg = outbox[i] as Message;
    (group.get(msg.to) as Member).node.step(msg);
  }
  outbox.length = 0;
  return moved || n > 0;
}

/**
 * Keep memory flat as a server would: every 8192 applied entries, snapshot (an empty state here)
 * and compact, keeping 1000 entries for followers that lag a little.
 */
function compact(group: Map<NodeId, Member>): void {
  for (const m of group.values()) {
    const at = m.applied - 1000;
    if (at - m.storage.snapshot().meta.index >= 8192) {
      m.storage.createSnapshot(at, m.node.confStateAt(at), new Uint8Array(0));
      m.storage.compact(at);
    }
  }
}

function run(batch: number, size: number, seconds: number): { entries: number; wallS: number; cpuUs: number } {
  const group = makeGroup();
  const outbox: Message[] = [];
  const leader = group.get(1) as Member;
  leader.node.campaign();
  while (turn(group, outbox)) {
    // settle the election
  }
  const payloads: Uint8Array[] = [];
  const buffer = new Uint8Array(size * batch);
  for (let i = 0; i < batch; i++) payloads.push(buffer.subarray(i * size, (i + 1) * size));
  const startApplied = leader.applied;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(seconds * 1e9));
  let turns = 0;
  for (;;) {
    const r = leader.node.proposeBatch(payloads);
    if (r.kind !== 'appended') throw new Error(`proposal refused: ${JSON.stringify(r)}`);
    turn(group, outbox);
    compact(group);
    if (++turns % 16 === 0 && process.hrtime.bigint() >= deadline) break;
  }
  while (turn(group, outbox)) {
    // drain: everything proposed commits and applies everywhere
  }
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  for (const m of group.values()) if (m.applied !== leader.applied) throw new Error('a node did not apply everything');
  const entries = leader.applied - startApplied;
  return { entries, wallS, cpuUs: cpu.user + cpu.system };
}

function main(): void {
  const seconds = option('seconds', 2);
  const size = option('size', 32);
  const batches = process.argv.includes('--batch') ? [option('batch', 1024)] : [64, 256, 1024, 4096];
  console.log(`raft core: 3 nodes in one process, no I/O, ${size}-byte entries, ${seconds}s per batch size`);
  run(256, size, 0.5); // warm up the JIT
  for (const batch of batches) {
    const r = run(batch, size, seconds);
    const perSecond = r.entries / r.wallS;
    console.log(
      `  batch ${String(batch).padStart(5)}: ${(perSecond / 1e6).toFixed(2)}M entries/s committed and applied on all 3 nodes, ` +
        `${(r.cpuUs / r.entries).toFixed(3)} µs CPU per entry (${r.entries} entries in ${r.wallS.toFixed(2)}s)`,
    );
  }
}

main();
