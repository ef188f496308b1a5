// Snapshots and compaction (§7): a follower behind the compaction point gets the snapshot in
// chunks, restarts from it, and catches up from the log.

import { describe, expect, it } from 'vitest';
import { bytes, messagesOf, TestCluster, text } from './helpers/cluster.js';

/** Snapshot node `id` at its applied index with its applied payloads as the state, then compact. */
function snapshotAndCompact(c: TestCluster, id: number, keep = 0): number {
  const m = c.member(id);
  const index = m.node.status().applied;
  m.storage.createSnapshot(index, m.node.confStateAt(index), bytes(m.applied.join(',')));
  m.storage.compact(index - keep);
  return index;
}

describe('snapshots', () => {
  it('§7 a follower behind the compaction point receives the snapshot in chunks and catches up', () => {
    const c = new TestCluster([1, 2, 3], { snapshotChunkBytes: 4 });
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 10; i++) c.propose(1, `v${i}`);
    c.stabilize();
    const index = snapshotAndCompact(c, 1);
    c.propose(1, 'after');
    c.stabilize();
    c.isolated.clear();
    c.sent = [];
    c.tick(1);
    c.stabilize();
    const state = c.member(1).storage.snapshot().data.length;
    const chunks = messagesOf(c.sent, 'snap');
    expect(chunks.length).toBe(Math.ceil(state / 4));
    expect(chunks.map((m) => m.snapshot!.offset)).toEqual(chunks.map((_, i) => i * 4));
    expect(c.member(3).snapshotsInstalled).toBe(1);
    expect(c.member(3).storage.snapshot().meta.index).toBe(index);
    expect(c.member(3).applied).toEqual([...Array.from({ length: 10 }, (_, i) => `v${i}`), 'after']);
    expect(c.node(3).status().commit).toBe(c.node(1).status().commit);
  });

  it('a transfer interrupted by the follower\'s restart starts over from the first chunk', () => {
    const c = new TestCluster([1, 2, 3], { snapshotChunkBytes: 4 });
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 10; i++) c.propose(1, `v${i}`);
    c.stabilize();
    snapshotAndCompact(c, 1);
    c.isolated.clear();
    c.tick(1);
    // the first chunks arrive, then node 3 crashes and loses the partial snapshot
    for (let i = 0; i < 20 && (c.node(3).raft.snapshotIn?.received ?? 0) < 8; i++) {
      c.processReady();
      c.deliver();
    }
    expect(c.node(3).raft.snapshotIn?.received).toBeGreaterThan(0);
    c.restart(3);
    c.queue = [];
    c.sent = [];
    for (let i = 0; i < 5; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(c.sent.some((m) => m.type === 'snapResp' && m.reject && m.rejectHint === 0)).toBe(true);
    expect(c.member(3).applied.length).toBe(10);
  });

  it('a stalled snapshot stream is retried after a lost chunk', () => {
    const c = new TestCluster([1, 2, 3], { snapshotChunkBytes: 8 });
    c.elect(1);
    c.isolated.add(2);
    for (let i = 0; i < 5; i++) c.propose(1, `v${i}`);
    c.stabilize();
    snapshotAndCompact(c, 1);
    c.isolated.clear();
    let lost = 0;
    c.dropFilter = (m) => m.type === 'snap' && m.snapshot!.offset === 8 && lost++ === 0; // the second chunk, once
    c.sent = [];
    for (let i = 0; i < 10; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(lost).toBeGreaterThan(0);
    expect(c.sent.filter((m) => m.type === 'snap' && m.snapshot!.offset === 8).length).toBe(2);
    expect(c.member(2).applied.length).toBe(5);
  });

  it('§7 a snapshot covering entries the follower already has keeps the log after it (only the commit index moves)', () => {
    const c = new TestCluster([1, 2]);
    c.elect(1);
    c.propose(1, 'a');
    c.stabilize();
    const r = c.node(2).raft;
    const committed = r.log.committed;
    const installed = r.restore({ meta: { index: committed, term: r.log.term(committed), conf: r.conf }, data: bytes('') });
    expect(installed).toBe(false);
    expect(r.log.unstable.snapshot).toBeNull();
  });

  it('a received snapshot comes in a Ready that must be synced before anything is acknowledged', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 3; i++) c.propose(1, `v${i}`);
    c.stabilize();
    snapshotAndCompact(c, 1);
    c.isolated.clear();
    const n3 = c.node(3);
    // run the cluster, but stop before node 3 hands out the Ready holding the snapshot
    for (let i = 0; i < 50 && n3.raft.log.unstable.snapshot === null; i++) {
      c.tick(1);
      c.processReady();
      c.deliver();
    }
    const rd = n3.ready();
    expect(rd.snapshot).not.toBeNull();
    expect(rd.mustSync).toBe(true);
    expect(rd.committedEntries).toEqual([]);
    expect(rd.messages.find((m) => m.type === 'appResp')?.index).toBe(rd.snapshot!.meta.index);
    c.member(3).storage.applySnapshot(rd.snapshot!);
    if (rd.hardState) c.member(3).storage.setHardState(rd.hardState);
    n3.advance(rd);
    expect(n3.status().applied).toBe(rd.snapshot!.meta.index);
  });

  it('§7 a node restarts from its snapshot plus the log after it', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    for (let i = 0; i < 4; i++) c.propose(1, `v${i}`);
    c.stabilize();
    snapshotAndCompact(c, 2, 1);
    c.propose(1, 'tail');
    c.stabilize();
    const restarted = c.restart(2);
    restarted.applied = text(restarted.storage.snapshot().data).split(',');
    c.stabilize();
    expect(restarted.node.status().firstIndex).toBe(restarted.storage.firstIndex());
    c.tick(1);
    c.stabilize();
    expect(restarted.applied).toEqual(['v0', 'v1', 'v2', 'v3', 'tail']);
  });

  it('the snapshot carries the configuration, so a new node learns the members from it', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    for (let i = 0; i < 3; i++) c.propose(1, `v${i}`);
    c.stabilize();
    snapshotAndCompact(c, 1);
    expect(c.node(1).proposeConfChange({ type: 'addLearner', nodeId: 4 }).kind).toBe('appended');
    const fresh = c.add(4, new (c.member(1).storage.constructor as typeof import('../../raft/memory-storage.js').MemoryStorage)());
    c.stabilize();
    expect(fresh.snapshotsInstalled).toBe(1);
    expect(fresh.node.status().conf).toEqual({ voters: [1, 2, 3], learners: [4] });
    expect(fresh.applied).toEqual(['v0', 'v1', 'v2']);
  });
});
