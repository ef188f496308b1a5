// Raft's safety properties (§5.2 Figure 3), checked as the simulation runs:
// - Election Safety: at most one leader per term.
// - Log Matching: entries with the same index and term hold the same data and follow the same
//   term; by induction two logs then agree on everything before that entry.
// - State Machine Safety: a committed entry never changes, and every node applies the same
//   entry at each index, in index order (so each applied sequence is a prefix of the longest).
// - No committed entry is lost: a node never truncates below its own persisted commit index.
// - Equal state at equal index (snapshots installed and taken agree with applied entries).

import type { Entry, NodeId } from '../../raft/types.js';

export class SafetyViolation extends Error {
  override readonly name = 'SafetyViolation';
}

interface LoggedEntry {
  readonly data: Uint8Array;
  readonly prevTerm: number;
  readonly node: NodeId;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class SafetyMonitor {
  private readonly leaderOfTerm = new Map<number, NodeId>();
  private readonly logged = new Map<string, LoggedEntry>();
  /** index → the entry committed there (first seen applied), and who applied it first. */
  private readonly committed = new Map<number, { entry: Entry; node: NodeId }>();
  private readonly stateAt = new Map<number, { hash: string; node: NodeId }>();
  maxCommitted = 0;

  fail(message: string): never {
    throw new SafetyViolation(message);
  }

  onLeader(node: NodeId, term: number): void {
    const other = this.leaderOfTerm.get(term);
    if (other === undefined) this.leaderOfTerm.set(term, node);
    else if (other !== node) this.fail(`election safety: nodes ${other} and ${node} are both leader of term ${term}`);
  }

  leadersSeen(): number {
    return this.leaderOfTerm.size;
  }

  /**
   * A node persisted `entries`; `termBefore` is the term of the entry preceding them in its log
   * (-1 when compacted), `persistedCommit` its commit index before this write, `existingTerm` the
   * term it had at an index before overwriting it (-1 when new).
   */
  onPersist(node: NodeId, entries: readonly Entry[], termBefore: number, persistedCommit: number, existingTerm: (index: number) => number): void {
    let prevTerm = termBefore;
    for (const e of entries) {
      if (e.index <= persistedCommit) {
        const had = existingTerm(e.index);
        if (had !== -1 && had !== e.term) this.fail(`node ${node} overwrote entry ${e.index} (term ${had} → ${e.term}) at or below its commit index ${persistedCommit}`);
      }
      const key = `${e.index}:${e.term}`;
      const seen = this.logged.get(key);
      if (seen === undefined) {
        this.logged.set(key, { data: e.data, prevTerm, node });
      } else {
        if (!sameBytes(seen.data, e.data)) this.fail(`log matching: nodes ${seen.node} and ${node} hold different data at index ${e.index} term ${e.term}`);
        if (prevTerm !== -1 && seen.prevTerm !== -1 && prevTerm !== seen.prevTerm) {
          this.fail(`log matching: entry ${e.index} term ${e.term} follows term ${seen.prevTerm} on node ${seen.node} but term ${prevTerm} on node ${node}`);
        }
      }
      prevTerm = e.term;
    }
  }

  onCommitIndex(node: NodeId, previous: number, next: number): void {
    if (next < previous) this.fail(`node ${node} persisted a commit index going back from ${previous} to ${next}`);
    if (next > this.maxCommitted) this.maxCommitted = next;
  }

  /** `lastApplied` is what the node had applied before this entry. */
  onApply(node: NodeId, lastApplied: number, e: Entry): void {
    if (e.index !== lastApplied + 1) this.fail(`node ${node} applied entry ${e.index} after ${lastApplied}: out of order`);
    const c = this.committed.get(e.index);
    if (c === undefined) {
      this.committed.set(e.index, { entry: e, node });
    } else if (c.entry.term !== e.term || !sameBytes(c.entry.data, e.data)) {
      this.fail(`state machine safety: node ${c.node} applied term ${c.entry.term} at index ${e.index}, node ${node} applied term ${e.term}`);
    }
  }

  /** The application state of `node` after applying up to `index` hashes to `hash`. */
  onState(node: NodeId, index: number, hash: string): void {
    const s = this.stateAt.get(index);
    if (s === undefined) this.stateAt.set(index, { hash, node });
    else if (s.hash !== hash) this.fail(`state at index ${index} differs: node ${s.node} has ${s.hash}, node ${node} has ${hash}`);
  }

  committedEntry(index: number): Entry | undefined {
    return this.committed.get(index)?.entry;
  }

  appliedMax(): number {
    let max = 0;
    for (const k of this.committed.keys()) if (k > max) max = k;
    return max;
  }
}
