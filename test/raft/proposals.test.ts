// A proposal is never silently dropped: the caller learns it was appended, forwarded, refused
// with a reason, or that this node is not the leader (and who is).

import { describe, expect, it } from 'vitest';
import { bytes, TestCluster } from './helpers/cluster.js';

describe('proposals', () => {
  it('a follower answers with the leader it knows', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    expect(c.propose(2, 'x')).toEqual({ kind: 'notLeader', leader: 1 });
  });

  it('a node that knows no leader says so', () => {
    const c = new TestCluster([1, 2, 3]);
    expect(c.propose(2, 'x')).toEqual({ kind: 'notLeader', leader: 0 });
    c.node(2).campaign();
    expect(c.propose(2, 'x')).toEqual({ kind: 'notLeader', leader: 0 });
  });

  it('with forwarding, a follower sends the proposal to the leader, which appends it', () => {
    const c = new TestCluster([1, 2, 3], { forwardProposals: true });
    c.elect(1);
    expect(c.propose(2, 'x')).toEqual({ kind: 'forwarded', leader: 1 });
    c.stabilize();
    for (const id of [1, 2, 3]) expect(c.member(id).applied).toEqual(['x']);
  });

  it('proposeBatch appends consecutive entries and reports the range', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    expect(c.node(1).proposeBatch([bytes('a'), bytes('b'), bytes('c')])).toEqual({ kind: 'appended', firstIndex: 3, lastIndex: 5, term: 2 });
    c.stabilize();
    expect(c.member(3).applied).toEqual(['a', 'b', 'c']);
  });

  it('a new leader commits a no-op of its term at once (§8), so earlier entries commit without new proposals', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.propose(1, 'a');
    c.processReady();
    c.deliver((m) => m.to === 2); // node 2 has 'a' uncommitted
    c.processReady();
    c.queue = [];
    c.isolated.add(1);
    c.elect(2);
    c.stabilize();
    const applied2 = c.member(2).appliedEntries;
    expect(applied2[applied2.length - 1]).toMatchObject({ term: 3, type: 'normal' });
    expect(applied2[applied2.length - 1]!.data.length).toBe(0);
    expect(c.member(2).applied).toEqual(['a']);
  });
});
