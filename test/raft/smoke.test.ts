import { describe, expect, it } from 'vitest';
import { TestCluster } from './helpers/cluster.js';

describe('smoke', () => {
  it('elects, replicates and applies on a three-node group', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    expect(c.propose(1, 'a').kind).toBe('appended');
    expect(c.propose(1, 'b').kind).toBe('appended');
    c.stabilize();
    for (const id of [1, 2, 3]) expect(c.member(id).applied).toEqual(['a', 'b']);
  });
});
