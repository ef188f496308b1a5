// Leadership transfer (dissertation §3.10): the target is brought up to date, then told to
// campaign at once; proposals wait meanwhile; a transfer that cannot finish is abandoned.

import { describe, expect, it } from 'vitest';
import { messagesOf, TestCluster } from './helpers/cluster.js';

describe('leadership transfer', () => {
  it('§3.10 (dissertation) hands leadership to an up-to-date follower without waiting for an election timeout', () => {
    const c = new TestCluster([1, 2, 3], { checkQuorum: true, preVote: true });
    c.tickAll(20);
    c.processReady();
    c.queue = [];
    c.elect(1);
    c.node(1).transferLeadership(3);
    c.stabilize();
    expect(c.leaders()).toEqual([3]);
    expect(c.node(3).status().term).toBe(3);
  });

  it('catches a lagging target up first, then sends TimeoutNow', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(3);
    c.propose(1, 'a');
    c.stabilize();
    c.isolated.clear();
    c.sent = [];
    c.node(1).transferLeadership(3);
    c.processReady();
    expect(messagesOf(c.sent, 'timeoutNow')).toEqual([]);
    c.stabilize();
    const order = c.sent.filter((m) => m.to === 3).map((m) => m.type);
    expect(order.indexOf('app')).toBeLessThan(order.indexOf('timeoutNow'));
    expect(c.leaders()).toEqual([3]);
    expect(c.member(3).applied).toEqual(['a']);
  });

  it('refuses proposals while a transfer is in progress', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(3);
    c.node(1).transferLeadership(3);
    expect(c.propose(1, 'x')).toEqual({ kind: 'dropped', reason: 'transferring' });
  });

  it('abandons a transfer that does not finish within an election timeout', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(3);
    c.node(1).transferLeadership(3);
    for (let i = 0; i < 10; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(c.node(1).status()).toMatchObject({ role: 'leader', leadTransferee: 0 });
    expect(c.propose(1, 'x').kind).toBe('appended');
  });

  it('ignores a transfer to itself, to a learner or to a stranger', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    for (const target of [1, 9]) {
      c.node(1).transferLeadership(target);
      expect(c.node(1).status().leadTransferee).toBe(0);
    }
  });

  it('a follower forwards a transfer request to the leader', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.node(2).transferLeadership(2);
    c.stabilize();
    expect(c.leaders()).toEqual([2]);
  });
});
