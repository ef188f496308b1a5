// The Ready contract: what must be persisted comes with the messages that depend on it, nothing
// is handed out twice, and advance() is required between two Readies.

import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../raft/memory-storage.js';
import { RaftNode } from '../../raft/node.js';
import { SeededRandom } from '../../raft/random.js';
import { makeMessage } from '../../raft/types.js';
import { bytes, TestCluster } from './helpers/cluster.js';

describe('Ready', () => {
  it('a follower\'s acknowledgement comes in the same Ready as the entries it acknowledges', () => {
    const c = new TestCluster([1, 2]);
    c.elect(1);
    c.propose(1, 'x');
    c.processReady();
    c.deliver((m) => m.to === 2);
    const rd = c.node(2).ready();
    expect(rd.entries.map((e) => e.index)).toEqual([3]);
    expect(rd.mustSync).toBe(true);
    expect(rd.messages.find((m) => m.type === 'appResp')).toMatchObject({ index: 3, reject: false });
    c.node(2).advance(rd);
  });

  it('ready() twice without advance() is a programming error', () => {
    const c = new TestCluster([1]);
    c.node(1).campaign();
    c.node(1).ready();
    expect(() => c.node(1).ready()).toThrow(/advance/);
  });

  it('committed entries are handed out once', () => {
    const c = new TestCluster([1]);
    c.elect(1);
    c.propose(1, 'a');
    c.stabilize();
    c.propose(1, 'b');
    c.stabilize();
    expect(c.member(1).applied).toEqual(['a', 'b']);
    expect(c.node(1).hasReady()).toBe(false);
  });

  it('reports role and leader changes as soft state, term/vote/commit as hard state', () => {
    const n = new RaftNode({ id: 1, storage: MemoryStorage.bootstrap([1]), random: new SeededRandom(1), electionTicks: 10, heartbeatTicks: 1 });
    n.campaign();
    const rd = n.ready();
    expect(rd.softState).toEqual({ leader: 1, role: 'leader' });
    expect(rd.hardState).toEqual({ term: 2, vote: 1, commit: 2 });
    expect(rd.entries).toHaveLength(1);
    expect(rd.committedEntries.map((e) => e.index)).toEqual([1, 2]);
  });

  it('entries overwritten between ready() and advance() are handed out again, not marked stable', () => {
    const c = new TestCluster([1, 2, 3]);
    const n = c.node(2);
    const app = (from: number, term: number, data: string) => ({
      ...makeMessage('app', from, 2, term),
      index: 1,
      logTerm: 1,
      entries: [{ term, index: 2, type: 'normal' as const, data: bytes(data) }],
    });
    n.step(app(1, 2, 'doomed'));
    const first = n.ready();
    expect(first.entries.map((e) => e.term)).toEqual([2]);
    n.step(app(3, 3, 'kept')); // a newer leader overwrites index 2 before we persisted it
    c.member(2).storage.append(first.entries);
    n.advance(first);
    const second = n.ready();
    expect(second.entries.map((e) => [e.index, e.term])).toEqual([[2, 3]]);
    c.member(2).storage.append(second.entries);
    n.advance(second);
    expect(c.member(2).storage.term(2)).toBe(3);
  });

  it('a node restarted with an applied index does not hand those entries out again', () => {
    const storage = MemoryStorage.bootstrap([1]);
    storage.append([{ term: 1, index: 2, type: 'normal', data: bytes('a') }]);
    storage.setHardState({ term: 1, vote: 1, commit: 2 });
    const n = new RaftNode({ id: 1, storage, random: new SeededRandom(1), electionTicks: 10, heartbeatTicks: 1, applied: 2 });
    expect(n.hasReady()).toBe(false);
    const fresh = new RaftNode({ id: 1, storage, random: new SeededRandom(1), electionTicks: 10, heartbeatTicks: 1, applied: 0 });
    expect(fresh.ready().committedEntries.map((e) => e.index)).toEqual([1, 2]);
  });

  it('refuses to start from storage whose commit index is beyond its log (lost entries)', () => {
    const storage = MemoryStorage.bootstrap([1]);
    storage.setHardState({ term: 1, vote: 0, commit: 5 });
    expect(() => new RaftNode({ id: 1, storage, random: new SeededRandom(1), electionTicks: 10, heartbeatTicks: 1 })).toThrow(/lost entries/);
  });

  it('ignores local-only message types arriving from the network', () => {
    const c = new TestCluster([1, 2, 3]);
    c.node(2).step({ ...c.node(2).raft.newMessage('hup', 2), from: 1 });
    expect(c.node(2).status().role).toBe('follower');
  });
});
