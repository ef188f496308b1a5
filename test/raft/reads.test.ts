// Linearizable reads (dissertation §6.4): ReadIndex confirms leadership with one heartbeat round
// shared by every read waiting at that moment; lease reads skip the round while the lease holds.

import { describe, expect, it } from 'vitest';
import { messagesOf, TestCluster } from './helpers/cluster.js';

function leaderWithEntry(options = {}): TestCluster {
  const c = new TestCluster([1, 2, 3], options);
  c.tickAll(20); // past the boot guard of lease mode
  c.processReady();
  c.queue = []; // the campaigns those ticks started go nowhere
  c.elect(1);
  c.propose(1, 'a');
  c.stabilize();
  return c;
}

describe('ReadIndex', () => {
  it('§8 answers only after a quorum acknowledged a heartbeat round sent after the read arrived', () => {
    const c = leaderWithEntry();
    expect(c.node(1).readIndex(7)).toEqual({ kind: 'pending' });
    c.processReady();
    expect(c.member(1).readStates).toEqual([]);
    const round = messagesOf(c.queue, 'heartbeat');
    expect(round.map((m) => m.to).sort()).toEqual([2, 3]);
    c.deliver((m) => m.to === 2);
    c.processReady();
    c.deliver((m) => m.type === 'heartbeatResp');
    c.processReady();
    expect(c.member(1).readStates).toEqual([{ requestId: 7, index: 3 }]);
  });

  it('reads waiting at the same moment share one heartbeat round', () => {
    const c = leaderWithEntry();
    c.sent = [];
    c.node(1).readIndex(1);
    c.node(1).readIndex(2); // a round is in flight: waits for the next one
    c.node(1).readIndex(3);
    c.stabilize();
    expect(messagesOf(c.sent, 'heartbeat').length).toBe(4); // two rounds to two followers
    expect(c.member(1).readStates.map((r) => r.requestId)).toEqual([1, 2, 3]);
  });

  it('a leader cut off from the majority never answers (its reads would be stale)', () => {
    const c = leaderWithEntry();
    c.isolated.add(1);
    c.node(1).readIndex(1);
    for (let i = 0; i < 5; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(c.member(1).readStates).toEqual([]);
  });

  it('§8 a new leader defers reads until an entry of its term commits', () => {
    const c = new TestCluster([1, 2, 3]);
    c.node(1).campaign();
    c.processReady();
    c.deliver((m) => m.type === 'vote');
    c.processReady();
    c.deliver((m) => m.type === 'voteResp');
    c.node(1).readIndex(5);
    c.stabilize();
    const commit = c.node(1).status().commit;
    expect(c.member(1).readStates).toEqual([{ requestId: 5, index: commit }]);
    expect(commit).toBe(2); // the no-op
  });

  it('a follower forwards the read to the leader and gets the index to wait for', () => {
    const c = leaderWithEntry();
    expect(c.node(2).readIndex(9)).toEqual({ kind: 'forwarded', leader: 1 });
    c.stabilize();
    expect(c.member(2).readStates).toEqual([{ requestId: 9, index: 3 }]);
  });

  it('a node without a leader refuses', () => {
    const c = new TestCluster([1, 2, 3]);
    expect(c.node(2).readIndex(1)).toEqual({ kind: 'notLeader', leader: 0 });
  });

  it('a single-voter group answers at once', () => {
    const c = new TestCluster([1]);
    c.elect(1);
    c.node(1).readIndex(4);
    c.processReady();
    expect(c.member(1).readStates).toEqual([{ requestId: 4, index: 2 }]);
  });
});

describe('lease reads', () => {
  const lease = { readMode: 'lease' as const, checkQuorum: true, preVote: true };

  it('while a quorum recently acknowledged a round, the leader answers without a new round', () => {
    const c = leaderWithEntry(lease);
    c.node(1).readIndex(1); // establishes the lease
    c.stabilize();
    c.sent = [];
    c.node(1).readIndex(2);
    c.processReady();
    expect(c.member(1).readStates.map((r) => r.requestId)).toEqual([1, 2]);
    expect(messagesOf(c.sent, 'heartbeat')).toEqual([]);
  });

  it('the lease expires when the followers stop answering', () => {
    const c = leaderWithEntry(lease);
    c.node(1).readIndex(1);
    c.stabilize();
    c.isolated.add(1);
    for (let i = 0; i < 9; i++) {
      c.tick(1);
      c.stabilize();
    }
    c.node(1).readIndex(2);
    c.stabilize();
    expect(c.member(1).readStates.map((r) => r.requestId)).toEqual([1]);
  });

  it('the lease ends two ticks before the followers could vote for someone else (electionTicks after the round)', () => {
    for (let k = 0; k <= 10; k++) {
      const c = leaderWithEntry(lease);
      c.node(1).readIndex(0); // a round sent now, acknowledged by both followers
      c.stabilize();
      c.isolated.add(1);
      for (let i = 0; i < k; i++) {
        c.tick(1);
        c.stabilize();
      }
      c.node(1).readIndex(1);
      c.processReady();
      const answered = c.member(1).readStates.some((r) => r.requestId === 1);
      expect(answered, `read ${k} ticks after the round`).toBe(k < 8);
    }
  });

  it('a leader handing over leadership stops trusting its lease', () => {
    const c = leaderWithEntry(lease);
    c.node(1).readIndex(1);
    c.stabilize();
    c.isolated.add(2);
    c.node(1).transferLeadership(3);
    c.processReady();
    c.deliver((m) => m.type === 'timeoutNow' && m.to === 3);
    c.node(1).readIndex(2);
    c.processReady();
    expect(c.member(1).readStates.map((r) => r.requestId)).toEqual([1]);
  });

  it('followers in contact with a leader ignore vote requests for an election timeout, which is what the lease relies on', () => {
    const c = leaderWithEntry(lease);
    c.node(1).readIndex(1);
    c.stabilize();
    const r2 = c.node(2).raft;
    r2.step({ ...r2.newMessage('vote', 2), from: 3, term: 9, index: 100, logTerm: 9 });
    expect(c.node(2).status()).toMatchObject({ term: 2, vote: 1, leader: 1 });
  });

  it('a freshly restarted node also ignores vote requests for an election timeout (it may have been in a lease)', () => {
    const c = leaderWithEntry(lease);
    const restarted = c.restart(2).node;
    restarted.step({ ...restarted.raft.newMessage('vote', 2), from: 3, term: 9, index: 100, logTerm: 9 });
    expect(restarted.status().term).toBe(2);
    for (let i = 0; i < 10; i++) restarted.tick();
    restarted.step({ ...restarted.raft.newMessage('vote', 2), from: 3, term: 9, index: 100, logTerm: 9 });
    expect(restarted.status()).toMatchObject({ term: 9, vote: 3 });
  });
});

describe('read bookkeeping', () => {
  it('a leader that nobody answers keeps a bounded number of heartbeat rounds', () => {
    const c = leaderWithEntry();
    c.isolated.add(1);
    for (let i = 0; i < 1000; i++) {
      c.tick(1);
      c.processReady();
      c.queue = [];
    }
    const tracked = (c.node(1).raft.reads as unknown as { sentAt: Map<number, number> }).sentAt.size;
    expect(c.node(1).raft.reads.round).toBeGreaterThan(900);
    expect(tracked).toBeLessThanOrEqual(256);
  });
});
