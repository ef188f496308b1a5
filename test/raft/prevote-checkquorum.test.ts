// PreVote (dissertation §9.6) and CheckQuorum (§6.2), and the vote-ignoring rule that keeps a
// disruptive or removed server from deposing a healthy leader (§4.2.3).

import { describe, expect, it } from 'vitest';
import { messagesOf, TestCluster } from './helpers/cluster.js';

describe('PreVote', () => {
  it('§9.6 (dissertation) a partitioned node does not inflate its term while it cannot win', () => {
    const c = new TestCluster([1, 2, 3], { preVote: true });
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 100; i++) {
      c.tick(3);
      c.stabilize();
    }
    expect(c.node(3).status().term).toBe(2);
    expect(c.node(3).status().role).toBe('preCandidate');
  });

  it('a rejoining node does not depose the leader', () => {
    const c = new TestCluster([1, 2, 3], { preVote: true });
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 50; i++) {
      c.tick(3);
      c.stabilize();
    }
    c.isolated.clear();
    for (let i = 0; i < 50; i++) {
      c.tickAll();
      c.stabilize();
    }
    expect(c.leaders()).toEqual([1]);
    expect(c.node(1).status().term).toBe(2);
  });

  it('without PreVote the same rejoin forces a new election (the problem PreVote solves)', () => {
    const c = new TestCluster([1, 2, 3], { preVote: false });
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 50; i++) {
      c.tick(3);
      c.stabilize();
    }
    expect(c.node(3).status().term).toBeGreaterThan(2);
    c.isolated.clear();
    for (let i = 0; i < 30; i++) {
      c.tickAll();
      c.stabilize();
    }
    expect(c.node(1).status().term).toBeGreaterThan(2);
  });

  it('a successful pre-vote is followed by a real election one term up', () => {
    const c = new TestCluster([1, 2, 3], { preVote: true });
    c.node(2).campaign();
    c.processReady();
    expect(messagesOf(c.queue, 'preVote').every((m) => m.term === 2)).toBe(true);
    expect(c.node(2).status()).toMatchObject({ role: 'preCandidate', term: 1 });
    c.stabilize();
    expect(c.node(2).status()).toMatchObject({ role: 'leader', term: 2 });
  });

  it('a pre-vote is refused to a candidate whose log is behind', () => {
    const c = new TestCluster([1, 2, 3], { preVote: true });
    c.elect(1);
    c.isolated.add(3);
    c.propose(1, 'a');
    c.stabilize();
    c.isolated.clear();
    c.isolated.add(1);
    c.sent = [];
    c.node(3).campaign();
    c.stabilize();
    expect(c.sent.filter((m) => m.type === 'preVoteResp' && m.from === 2).map((m) => m.reject)).toEqual([true]);
    expect(c.node(3).status().role).not.toBe('leader');
    expect(c.node(2).status().term).toBe(2);
    expect(c.node(3).status().term).toBe(2);
  });
});

describe('CheckQuorum', () => {
  it('§6.2 (dissertation) a leader that cannot hear from a quorum steps down within two election timeouts', () => {
    const c = new TestCluster([1, 2, 3], { checkQuorum: true });
    c.elect(1);
    c.isolated.add(1);
    for (let i = 0; i < 20; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(c.node(1).status().role).toBe('follower');
  });

  it('a leader that hears from a quorum stays leader', () => {
    const c = new TestCluster([1, 2, 3], { checkQuorum: true });
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 50; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(c.node(1).status().role).toBe('leader');
  });

  it('§4.2.3 (dissertation) followers that hear from a live leader ignore a disruptive candidate\'s higher-term vote requests', () => {
    const c = new TestCluster([1, 2, 3], { checkQuorum: true, preVote: false });
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 30; i++) {
      c.tick(3);
      c.stabilize();
    }
    const disruptiveTerm = c.node(3).status().term;
    expect(disruptiveTerm).toBeGreaterThan(2);
    c.isolated.clear();
    c.node(3).campaign();
    c.processReady();
    c.deliver((m) => m.type === 'vote' && m.to === 2);
    expect(c.node(2).status()).toMatchObject({ term: 2, leader: 1 });
  });

  it('a deposed leader that is cut off from the new one learns the higher term from any follower it contacts', () => {
    const c = new TestCluster([1, 2, 3], { checkQuorum: true, preVote: true });
    c.elect(1);
    c.isolated.add(1);
    for (let i = 0; i < 30 && c.leaders().every((id) => id === 1); i++) {
      c.tickAll();
      c.stabilize();
    }
    const newLeader = c.leaders().find((id) => id !== 1);
    expect(newLeader).toBeDefined();
    c.isolated.clear();
    // node 1 may still think it leads; one heartbeat to a follower of the new term ends that
    c.tick(1);
    c.stabilize();
    expect(c.leaders()).toEqual([newLeader]);
  });
});
