// The log (stable storage + unstable tail) and the in-memory storage.

import { describe, expect, it } from 'vitest';
import { RaftLog } from '../../raft/log.js';
import { MemoryStorage } from '../../raft/memory-storage.js';
import { CompactedError, SnapshotOutOfDateError, UnavailableError } from '../../raft/storage.js';
import { ENTRY_OVERHEAD_BYTES, type Entry } from '../../raft/types.js';

const e = (index: number, term: number, size = 1): Entry => ({ index, term, type: 'normal', data: new Uint8Array(size) });

function storageOf(terms: number[]): MemoryStorage {
  const s = new MemoryStorage();
  s.append(terms.map((t, i) => e(i + 1, t)));
  s.setHardState({ term: terms[terms.length - 1] ?? 0, vote: 0, commit: 0 });
  return s;
}

describe('MemoryStorage', () => {
  it('appends, replaces a conflicting suffix, and refuses gaps', () => {
    const s = storageOf([1, 1, 2]);
    s.append([e(3, 3), e(4, 3)]);
    expect([1, 2, 3, 4].map((i) => s.term(i))).toEqual([1, 1, 3, 3]);
    expect(() => s.append([e(9, 3)])).toThrow(/gap/);
  });

  it('compacts behind a snapshot and reports the named errors outside its range', () => {
    const s = storageOf([1, 1, 2, 2, 3]);
    s.setHardState({ term: 3, vote: 0, commit: 4 });
    s.createSnapshot(4, { voters: [1], learners: [] }, new Uint8Array([7]));
    s.compact(3);
    expect(s.firstIndex()).toBe(4);
    expect(s.term(3)).toBe(2);
    expect(() => s.term(2)).toThrow(CompactedError);
    expect(() => s.entries(3, 5, Infinity)).toThrow(CompactedError);
    expect(() => s.term(6)).toThrow(UnavailableError);
    expect(() => s.compact(5)).toThrow(/beyond snapshot/);
    expect(() => s.createSnapshot(2, { voters: [1], learners: [] }, new Uint8Array())).toThrow(SnapshotOutOfDateError);
  });

  it('limits entries by bytes but always returns at least one', () => {
    const s = new MemoryStorage();
    s.append([e(1, 1, 10), e(2, 1, 10), e(3, 1, 10)]);
    expect(s.entries(1, 4, 2 * (10 + ENTRY_OVERHEAD_BYTES)).length).toBe(2);
    expect(s.entries(1, 4, 1).length).toBe(1);
  });

  it('applying a snapshot replaces the whole log', () => {
    const s = storageOf([1, 1]);
    s.applySnapshot({ meta: { index: 10, term: 4, conf: { voters: [1], learners: [] } }, data: new Uint8Array() });
    expect([s.firstIndex(), s.lastIndex(), s.term(10)]).toEqual([11, 10, 4]);
  });
});

describe('RaftLog', () => {
  it('finds the first conflicting entry by term', () => {
    const log = new RaftLog(storageOf([1, 1, 2, 2, 3]), 0);
    expect(log.findConflict([e(1, 1), e(2, 1)])).toBe(0); // all known
    expect(log.findConflict([e(5, 3), e(6, 3)])).toBe(6); // the rest is new
    expect(log.findConflict([e(3, 2), e(4, 4), e(5, 4)])).toBe(4); // a conflict in the middle
    expect(log.findConflict([e(1, 1), e(2, 1), e(3, 2), e(4, 2), e(5, 5), e(6, 5)])).toBe(5);
    expect(log.findConflict([e(6, 3)])).toBe(6);
  });

  it('findConflictByTerm jumps back over a whole term', () => {
    const log = new RaftLog(storageOf([1, 1, 4, 4, 4, 6, 6]), 0);
    expect(log.findConflictByTerm(7, 5)).toBe(5);
    expect(log.findConflictByTerm(7, 3)).toBe(2);
    expect(log.findConflictByTerm(7, 0)).toBe(0);
    expect(log.findConflictByTerm(100, 9)).toBe(7);
  });

  it('maybeAppend refuses on a mismatch, truncates on a conflict, and commits only what it verified', () => {
    const log = new RaftLog(storageOf([1, 1, 2]), 0);
    expect(log.maybeAppend(3, 9, 3, [e(4, 3)])).toBe(-1);
    expect(log.maybeAppend(2, 1, 10, [e(3, 3), e(4, 3)])).toBe(3);
    expect(log.lastIndex()).toBe(4);
    expect(log.term(3)).toBe(3);
    expect(log.committed).toBe(4); // min(leader commit, last new index)
  });

  it('maybeAppend never commits beyond the last entry the leader vouched for, even if our log is longer', () => {
    // our entries 4 and 5 (term 2) may be stale leftovers; the leader only sent up to index 3
    const log = new RaftLog(storageOf([1, 1, 2, 2, 2]), 0);
    expect(log.maybeAppend(2, 1, 10, [e(3, 2)])).toBe(0);
    expect(log.committed).toBe(3);
    expect(log.maybeAppend(3, 2, 10, [])).toBe(0);
    expect(log.committed).toBe(3);
  });

  it('never truncates committed entries', () => {
    const log = new RaftLog(storageOf([1, 1, 2]), 0);
    log.commitTo(3);
    expect(() => log.maybeAppend(1, 1, 3, [e(2, 5)])).toThrow(/committed/);
  });

  it('slices across storage and the unstable tail, within a byte limit', () => {
    const log = new RaftLog(storageOf([1, 1, 1]), 0);
    log.append([e(4, 2), e(5, 2)]);
    expect(log.slice(2, 6, Infinity).map((x) => x.index)).toEqual([2, 3, 4, 5]);
    expect(log.slice(2, 6, 3 * (1 + ENTRY_OVERHEAD_BYTES)).map((x) => x.index)).toEqual([2, 3, 4]);
    expect(log.lastSliceBytes).toBe(3 * (1 + ENTRY_OVERHEAD_BYTES));
    expect(log.slice(4, 6, Infinity).map((x) => x.index)).toEqual([4, 5]);
  });

  it('term() is -1 outside the log', () => {
    const log = new RaftLog(storageOf([1, 1]), 0);
    expect([log.term(0), log.term(2), log.term(3)]).toEqual([0, 1, -1]);
  });

  it('isUpToDate compares last term first, then length (§5.4.1)', () => {
    const log = new RaftLog(storageOf([1, 2, 2]), 0);
    expect(log.isUpToDate(3, 2)).toBe(true);
    expect(log.isUpToDate(2, 2)).toBe(false);
    expect(log.isUpToDate(1, 3)).toBe(true);
    expect(log.isUpToDate(9, 1)).toBe(false);
  });
});
