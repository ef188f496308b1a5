// Majority arithmetic over the voters of the current configuration.

import type { NodeId } from './types.js';

export type VoteResult = 'won' | 'lost' | 'pending';

export function majority(voterCount: number): number {
  return (voterCount >> 1) + 1;
}

/**
 * The largest value that a majority of voters have reached, e.g. the highest index stored on a
 * majority. `scratch` is reused to avoid allocating on the commit path.
 */
export function quorumValue(voters: readonly NodeId[], valueOf: (id: NodeId) => number, scratch: number[]): number {
  const n = voters.length;
  if (n === 0) return 0;
  scratch.length = n;
  for (let i = 0; i < n; i++) {
    // insertion sort, descending: voter sets are tiny
    const v = valueOf(voters[i] as NodeId);
    let j = i;
    while (j > 0 && (scratch[j - 1] as number) < v) {
      scratch[j] = scratch[j - 1] as number;
      j--;
    }
    scratch[j] = v;
  }
  return scratch[majority(n) - 1] as number;
}

export function voteResult(voters: readonly NodeId[], votes: ReadonlyMap<NodeId, boolean>): VoteResult {
  let granted = 0;
  let missing = 0;
  for (const id of voters) {
    const v = votes.get(id);
    if (v === undefined) missing++;
    else if (v) granted++;
  }
  const need = majority(voters.length);
  if (granted >= need) return 'won';
  if (granted + missing >= need) return 'pending';
  return 'lost';
}
