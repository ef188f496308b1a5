// One test per claim of the Raft paper about elections (Ongaro & Ousterhout 2014, §5.1, §5.2, §5.4.1).

import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../raft/memory-storage.js';
import { RaftNode } from '../../raft/node.js';
import { SeededRandom } from '../../raft/random.js';
import { makeMessage, type Message } from '../../raft/types.js';
import { clusterWithLogs, messagesOf, storageWithLog, TestCluster } from './helpers/cluster.js';

function lone(id: number, voters: number[], opts: Partial<ConstructorParameters<typeof RaftNode>[0]> = {}, storage = MemoryStorage.bootstrap(voters)): RaftNode {
  return new RaftNode({ id, storage, random: new SeededRandom(id), electionTicks: 10, heartbeatTicks: 1, preVote: false, checkQuorum: false, applied: 1, ...opts });
}

function drain(n: RaftNode): Message[] {
  const out: Message[] = [];
  while (n.hasReady()) {
    const rd = n.ready();
    out.push(...rd.messages);
    n.advance(rd);
  }
  return out;
}

function msg(type: Message['type'], from: number, to: number, term: number, fields: Partial<Message> = {}): Message {
  return { ...makeMessage(type, from, to, term), ...fields };
}

describe('§5.1 terms', () => {
  it('§5.1 servers start up as followers, in the persisted term', () => {
    const s = storageWithLog([1, 2, 3], [2, 3], { term: 7 });
    const n = lone(1, [1, 2, 3], {}, s);
    expect(n.status()).toMatchObject({ role: 'follower', term: 7, leader: 0 });
  });

  it('§5.1 a server that sees a larger term adopts it and reverts to follower', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.node(1).step(msg('appResp', 2, 1, 9));
    expect(c.node(1).status()).toMatchObject({ role: 'follower', term: 9 });
  });

  it('§5.1 a request with a stale term is rejected (and the sender learns the newer term)', () => {
    const n = lone(1, [1, 2, 3], { checkQuorum: true }, storageWithLog([1, 2, 3], [], { term: 5 }));
    n.step(msg('app', 2, 1, 3, { index: 1, logTerm: 1, entries: [{ term: 3, index: 2, type: 'normal', data: new Uint8Array([1]) }] }));
    const out = drain(n);
    expect(n.status().lastIndex).toBe(1);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'appResp', to: 2, term: 5 });
  });
});

describe('§5.2 leader election', () => {
  it('§5.2 a follower hearing nothing for an election timeout becomes a candidate: new term, votes for itself, asks everyone', () => {
    const n = lone(1, [1, 2, 3]);
    for (let i = 0; i < 20 && n.status().role === 'follower'; i++) n.tick();
    expect(n.status()).toMatchObject({ role: 'candidate', term: 2, vote: 1 });
    const votes = messagesOf(drain(n), 'vote');
    expect(votes.map((m) => m.to).sort()).toEqual([2, 3]);
    expect(votes.every((m) => m.term === 2 && m.index === 1 && m.logTerm === 1)).toBe(true);
  });

  it('§5.2 election timeouts are randomized within [T, 2T)', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 50; seed++) {
      const n = new RaftNode({ id: 1, storage: MemoryStorage.bootstrap([1, 2, 3]), random: new SeededRandom(seed), electionTicks: 10, heartbeatTicks: 1, preVote: false, checkQuorum: false });
      let ticks = 0;
      while (n.status().role === 'follower') {
        n.tick();
        ticks++;
      }
      expect(ticks).toBeGreaterThanOrEqual(10);
      expect(ticks).toBeLessThan(20);
      seen.add(ticks);
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it.each([
    // votes granted by others (the candidate's own vote included) in a 5-node group
    { granted: [2, 3], rejected: [], role: 'leader' },
    { granted: [2], rejected: [], role: 'candidate' },
    { granted: [2], rejected: [3, 4, 5], role: 'follower' },
    { granted: [], rejected: [2, 3], role: 'candidate' },
    { granted: [], rejected: [2, 3, 4], role: 'follower' },
  ])('§5.2 a candidate wins with a majority of votes: granted $granted rejected $rejected → $role', ({ granted, rejected, role }) => {
    const n = lone(1, [1, 2, 3, 4, 5]);
    n.campaign();
    drain(n);
    for (const id of granted) n.step(msg('voteResp', id, 1, 2));
    for (const id of rejected) n.step(msg('voteResp', id, 1, 2, { reject: true }));
    expect(n.status().role).toBe(role);
  });

  it('§5.2 each server votes for at most one candidate in a term, first come first served', () => {
    const n = lone(1, [1, 2, 3]);
    n.step(msg('vote', 2, 1, 2, { index: 1, logTerm: 1 }));
    n.step(msg('vote', 3, 1, 2, { index: 1, logTerm: 1 }));
    n.step(msg('vote', 2, 1, 2, { index: 1, logTerm: 1 })); // a retransmission is granted again
    const resps = messagesOf(drain(n), 'voteResp');
    expect(resps.map((m) => [m.to, m.reject])).toEqual([
      [2, false],
      [3, true],
      [2, false],
    ]);
    expect(n.status().vote).toBe(2);
  });

  it('§5.2 the vote is persisted before the answer leaves (it survives a restart)', () => {
    const storage = MemoryStorage.bootstrap([1, 2, 3]);
    const n = lone(1, [1, 2, 3], {}, storage);
    n.step(msg('vote', 2, 1, 2, { index: 1, logTerm: 1 }));
    const rd = n.ready();
    expect(rd.hardState).toMatchObject({ term: 2, vote: 2 });
    expect(rd.mustSync).toBe(true);
    expect(rd.messages[0]).toMatchObject({ type: 'voteResp', reject: false });
    storage.setHardState(rd.hardState!);
    const restarted = lone(1, [1, 2, 3], {}, storage);
    restarted.step(msg('vote', 3, 1, 2, { index: 1, logTerm: 1 }));
    expect(messagesOf(drain(restarted), 'voteResp')[0]).toMatchObject({ to: 3, reject: true });
  });

  it('§5.2 (Figure 2) the election timer restarts on granting a vote, not on refusing a higher-term candidate', () => {
    const n = lone(1, [1, 2, 3], {}, storageWithLog([1, 2, 3], [2, 2], { term: 2 }));
    for (let i = 0; i < 7; i++) n.tick();
    n.step(msg('vote', 2, 1, 5, { index: 1, logTerm: 1 })); // behind us: refused
    expect(messagesOf(drain(n), 'voteResp')[0]?.reject).toBe(true);
    expect(n.status().term).toBe(5);
    expect(n.raft.electionElapsed).toBe(7);
    n.step(msg('vote', 3, 1, 6, { index: 3, logTerm: 2 })); // as up-to-date: granted
    expect(messagesOf(drain(n), 'voteResp')[0]?.reject).toBe(false);
    expect(n.raft.electionElapsed).toBe(0);
  });

  it('§5.2 so candidates with short logs cannot keep the up-to-date nodes from campaigning (found by seed 6179)', () => {
    // nodes 2 and 3 lack entry 3; without PreVote their failed campaigns bump the term again and
    // again, and node 1 must still time out and win
    const c = clusterWithLogs({ 1: [1, 2], 2: [1], 3: [1] }, {}, 2);
    let term = 0;
    for (let i = 0; i < 200 && c.leaders().length === 0; i++) {
      for (const id of [2, 3]) if (c.node(id).status().role === 'follower' && i % 3 === 0) c.node(id).campaign();
      c.tickAll();
      c.stabilize();
      term = c.node(1).status().term;
    }
    expect(c.leaders()).toEqual([1]);
    expect(term).toBeGreaterThan(2);
  });

  it('§5.2 a candidate that hears from a leader of its term steps down', () => {
    const n = lone(1, [1, 2, 3]);
    n.campaign();
    drain(n);
    n.step(msg('app', 2, 1, 2, { index: 1, logTerm: 1, commit: 1 }));
    expect(n.status()).toMatchObject({ role: 'follower', leader: 2, term: 2 });
  });

  it('§5.2 a split vote ends in a new election with a higher term', () => {
    const n = lone(1, [1, 2, 3, 4]);
    n.campaign();
    drain(n);
    n.step(msg('voteResp', 2, 1, 2));
    n.step(msg('voteResp', 3, 1, 2, { reject: true }));
    n.step(msg('voteResp', 4, 1, 2, { reject: true })); // 2 of 4: not a majority either way... lost
    expect(n.status().role).toBe('follower');
    for (let i = 0; i < 20 && n.status().role !== 'candidate'; i++) n.tick();
    expect(n.status()).toMatchObject({ role: 'candidate', term: 3 });
  });

  it('§5.2 once elected, a leader sends heartbeats to keep its authority', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.sent = [];
    c.tick(1, 1);
    c.processReady();
    expect(messagesOf(c.sent, 'heartbeat').map((m) => m.to).sort()).toEqual([2, 3]);
    // followers that keep hearing from it never campaign
    for (let i = 0; i < 100; i++) {
      c.tickAll();
      c.stabilize();
    }
    expect(c.leaders()).toEqual([1]);
    expect(c.node(2).status().term).toBe(2);
  });
});

describe('§5.4.1 election restriction', () => {
  it.each([
    // voter's log terms after the bootstrap entry, candidate's last (index, term), granted?
    { voter: [2, 2], cand: { index: 3, term: 2 }, granted: true },
    { voter: [2, 2], cand: { index: 4, term: 2 }, granted: true },
    { voter: [2, 2], cand: { index: 2, term: 2 }, granted: false }, // same last term, shorter
    { voter: [2, 2], cand: { index: 2, term: 3 }, granted: true }, // higher last term wins even if shorter
    { voter: [2, 3], cand: { index: 5, term: 2 }, granted: false }, // longer but older last term
  ])('§5.4.1 a vote is denied to a candidate whose log is less up-to-date: voter $voter, candidate $cand → $granted', ({ voter, cand, granted }) => {
    const n = lone(1, [1, 2, 3], {}, storageWithLog([1, 2, 3], voter, { term: 3 }));
    n.step(msg('vote', 2, 1, 4, { index: cand.index, logTerm: cand.term }));
    expect(messagesOf(drain(n), 'voteResp')[0]?.reject).toBe(!granted);
  });

  it('§5.4.1 so a node missing a committed entry cannot become leader', () => {
    // entry 2 (term 1) is committed on nodes 1 and 2; node 3 lacks it
    const c = clusterWithLogs({ 1: [1], 2: [1], 3: [] });
    c.node(3).campaign();
    c.stabilize();
    expect(c.node(3).status().role).not.toBe('leader');
    c.elect(2);
    c.stabilize();
    expect(c.logOf(3).map((e) => e.data)).toContain('e2');
  });
});
