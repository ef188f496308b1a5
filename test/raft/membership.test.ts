// Membership changes one server at a time through the log (dissertation §4.1): a learner is
// added, catches up without voting, is promoted; members are removed, the leader included.

import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../raft/memory-storage.js';
import { encodeConfChange } from '../../raft/membership.js';
import { messagesOf, TestCluster } from './helpers/cluster.js';

function growToFour(): TestCluster {
  const c = new TestCluster([1, 2, 3]);
  c.elect(1);
  expect(c.node(1).proposeConfChange({ type: 'addLearner', nodeId: 4 }).kind).toBe('appended');
  c.add(4, new MemoryStorage());
  c.stabilize();
  return c;
}

describe('membership', () => {
  it('a new node joins as a learner, receives the log, and learns the configuration from it', () => {
    const c = growToFour();
    c.propose(1, 'a');
    c.stabilize();
    expect(c.member(4).applied).toEqual(['a']);
    expect(c.node(4).status().conf).toEqual({ voters: [1, 2, 3], learners: [4] });
    expect(c.node(1).status().progress.get(4)).toMatchObject({ isLearner: true });
  });

  it('a learner never campaigns and its copy does not count towards commit', () => {
    const c = growToFour();
    for (let i = 0; i < 50; i++) c.tick(4);
    c.processReady();
    expect(c.node(4).status().role).toBe('follower');
    expect(messagesOf(c.queue, 'vote').length + messagesOf(c.queue, 'preVote').length).toBe(0);
    c.isolated.add(2);
    c.isolated.add(3);
    c.propose(1, 'x');
    c.stabilize();
    expect(c.member(4).node.status().lastIndex).toBe(c.node(1).status().lastIndex); // it has the entry
    expect(c.member(1).applied).toEqual([]); // but leader + learner are no majority of {1,2,3}
  });

  it('a promoted learner votes and counts: with two voters down, {1,4} is not a majority of four, {1,2,4} is', () => {
    const c = growToFour();
    expect(c.node(1).proposeConfChange({ type: 'promote', nodeId: 4 }).kind).toBe('appended');
    c.stabilize();
    expect(c.node(1).status().conf).toEqual({ voters: [1, 2, 3, 4], learners: [] });
    c.isolated.add(2);
    c.isolated.add(3);
    c.propose(1, 'x');
    c.stabilize();
    expect(c.member(1).applied).toEqual([]);
    c.isolated.delete(2);
    c.tick(1);
    c.stabilize();
    expect(c.member(1).applied).toEqual(['x']);
  });

  it('removing a voter shrinks the quorum: the leader stops replicating to it', () => {
    const c = new TestCluster([1, 2, 3, 4, 5]);
    c.elect(1);
    expect(c.node(1).proposeConfChange({ type: 'remove', nodeId: 5 }).kind).toBe('appended');
    c.stabilize();
    expect(c.node(1).status().conf.voters).toEqual([1, 2, 3, 4]);
    c.sent = [];
    c.propose(1, 'x');
    c.stabilize();
    expect(c.sent.some((m) => m.to === 5)).toBe(false);
  });

  it('§4.2.2 (dissertation) a leader that removes itself keeps leading until the change commits, then steps down; the rest elect a leader', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    expect(c.node(1).proposeConfChange({ type: 'remove', nodeId: 1 }).kind).toBe('appended');
    expect(c.node(1).status().role).toBe('leader');
    c.stabilize();
    expect(c.node(1).status().role).toBe('follower');
    for (let i = 0; i < 40 && c.leaders().length === 0; i++) {
      c.tickAll();
      c.stabilize();
    }
    expect(c.leaders().length).toBe(1);
    expect(c.leaders()[0]).not.toBe(1);
    const leader = c.leaders()[0]!;
    c.propose(leader, 'after');
    c.stabilize();
    expect(c.member(2).applied).toEqual(['after']);
  });

  it('§4.1 (dissertation) one change at a time: a second change is refused while the first is uncommitted', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(2);
    c.isolated.add(3);
    expect(c.node(1).proposeConfChange({ type: 'addLearner', nodeId: 4 }).kind).toBe('appended');
    expect(c.node(1).proposeConfChange({ type: 'addLearner', nodeId: 5 })).toEqual({ kind: 'dropped', reason: 'confChangePending' });
  });

  it('a new leader may not change membership before an entry of its term commits (the single-server change bug, raft-dev 2015)', () => {
    const c = new TestCluster([1, 2, 3]);
    c.node(1).campaign();
    c.processReady();
    c.deliver((m) => m.type === 'vote');
    c.processReady();
    c.deliver((m) => m.type === 'voteResp');
    expect(c.node(1).status().role).toBe('leader');
    expect(c.node(1).proposeConfChange({ type: 'addLearner', nodeId: 4 })).toEqual({ kind: 'dropped', reason: 'confChangePending' });
  });

  it('invalid changes are refused at the leader', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    expect(c.node(1).proposeConfChange({ type: 'promote', nodeId: 9 })).toEqual({ kind: 'dropped', reason: 'invalidConfChange' });
    expect(c.node(1).proposeConfChange({ type: 'addLearner', nodeId: 2 })).toEqual({ kind: 'dropped', reason: 'invalidConfChange' });
    expect(c.node(1).proposeConfChange({ type: 'remove', nodeId: 9 })).toEqual({ kind: 'dropped', reason: 'invalidConfChange' });
  });

  it('§4.1 (dissertation) a configuration takes effect when appended and is undone when its entry is truncated', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(1);
    // node 1 appends "remove 3" that nobody else sees
    expect(c.node(1).proposeConfChange({ type: 'remove', nodeId: 3 }).kind).toBe('appended');
    expect(c.node(1).status().conf.voters).toEqual([1, 2]);
    c.elect(2);
    c.propose(2, 'x');
    c.stabilize();
    c.isolated.clear();
    c.tick(2);
    c.stabilize();
    expect(c.node(1).status().conf.voters).toEqual([1, 2, 3]); // the entry was replaced, its effect undone
    expect(c.member(1).applied).toEqual(['x']);
  });

  it('an undecodable or invalid config entry is a no-op on every node', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    const r = c.node(1).raft;
    r.appendAsLeader([encodeConfChange({ type: 'promote', nodeId: 7 }), new Uint8Array([1, 2, 3])], 'config');
    c.stabilize();
    for (const id of [1, 2, 3]) expect(c.node(id).status().conf).toEqual({ voters: [1, 2, 3], learners: [] });
  });

  it('confStateAt answers for any index since the last pruning, for snapshots', () => {
    const c = growToFour();
    const at = c.node(1).status().commit;
    expect(c.node(1).confStateAt(at)).toEqual({ voters: [1, 2, 3], learners: [4] });
  });

  it('a two-voter group does not deadlock when the leader restarts holding the only copy of its own removal (found by seed 1916)', () => {
    const c = new TestCluster([1, 2], { preVote: true });
    c.elect(2);
    c.isolated.add(1);
    expect(c.node(2).proposeConfChange({ type: 'remove', nodeId: 2 }).kind).toBe('appended');
    c.stabilize();
    c.restart(2); // its log ends with "remove 2", uncommitted; node 1 never saw it
    c.isolated.clear();
    for (let i = 0; i < 100 && !(c.leaders().length === 1 && c.leaders()[0] === 1); i++) {
      c.tickAll();
      c.stabilize();
    }
    expect(c.leaders()).toEqual([1]);
    expect(c.node(1).status().conf).toEqual({ voters: [1], learners: [] });
    c.propose(1, 'after');
    c.stabilize();
    expect(c.member(1).applied).toEqual(['after']);
  });

  it('a removed node that never learned its removal committed campaigns at most until it does, then stays silent', () => {
    const c = new TestCluster([1, 2, 3], { preVote: true, checkQuorum: true });
    c.tickAll(20);
    c.processReady();
    c.queue = [];
    c.elect(1);
    c.node(1).proposeConfChange({ type: 'remove', nodeId: 3 });
    c.stabilize(); // node 3 holds the entry; the leader stops talking to it before the commit
    for (let i = 0; i < 200; i++) {
      c.tickAll();
      c.stabilize();
    }
    const leader = c.leaders();
    expect(leader.length).toBe(1);
    expect(leader[0]).not.toBe(3);
    c.sent = [];
    for (let i = 0; i < 50; i++) {
      c.tickAll();
      c.stabilize();
    }
    expect(c.sent.filter((m) => m.from === 3).length).toBe(0);
    expect(c.node(3).status().role).toBe('follower');
  });
});
