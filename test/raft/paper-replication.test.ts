// One test per claim of the Raft paper about log replication and safety (§5.3, §5.4.2, §5.4.3, §5.5).

import { describe, expect, it } from 'vitest';
import { bytes, clusterWithLogs, messagesOf, TestCluster } from './helpers/cluster.js';

describe('§5.3 log replication', () => {
  it('§5.3 the leader appends a proposal to its log and sends it with the preceding index and term', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.sent = [];
    const r = c.propose(1, 'x');
    expect(r).toMatchObject({ kind: 'appended', firstIndex: 3, lastIndex: 3, term: 2 });
    c.processReady();
    const apps = messagesOf(c.sent, 'app');
    expect(apps.map((m) => m.to).sort()).toEqual([2, 3]);
    for (const m of apps) expect(m).toMatchObject({ index: 2, logTerm: 2, entries: [{ index: 3, term: 2 }] });
  });

  it('§5.3 an entry is committed once the leader has replicated it on a majority', () => {
    const c = new TestCluster([1, 2, 3, 4, 5]);
    c.elect(1);
    c.propose(1, 'x');
    c.processReady();
    c.deliver((m) => m.to === 2); // one follower has it: 2 of 5
    c.processReady();
    c.deliver((m) => m.type === 'appResp');
    expect(c.node(1).status().commit).toBe(2);
    c.deliver((m) => m.to === 3); // a third copy: majority
    c.processReady();
    c.deliver((m) => m.type === 'appResp');
    expect(c.node(1).status().commit).toBe(3);
  });

  it('§5.3 followers learn the commit index from the leader and apply entries in log order', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    for (const p of ['a', 'b', 'c']) c.propose(1, p);
    c.stabilize();
    for (const id of [2, 3]) {
      expect(c.node(id).status().commit).toBe(5);
      expect(c.member(id).applied).toEqual(['a', 'b', 'c']);
      expect(c.member(id).appliedEntries.map((e) => e.index)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('§5.3 a follower refuses an append whose preceding entry it does not hold (consistency check)', () => {
    const c = clusterWithLogs({ 1: [1], 2: [] });
    const follower = c.node(2);
    follower.step({ ...c.node(1).raft.newMessage('app', 2), term: 1, index: 2, logTerm: 1, entries: [{ term: 1, index: 3, type: 'normal', data: bytes('z') }] });
    c.processReady();
    const resp = messagesOf(c.queue, 'appResp')[0];
    expect(resp).toMatchObject({ reject: true, index: 2, rejectHint: 1 });
    expect(follower.status().lastIndex).toBe(1);
  });

  it('§5.3 a follower deletes a conflicting suffix and takes the leader\'s entries', () => {
    const c = clusterWithLogs({ 1: [1, 3], 2: [1, 2, 2, 2], 3: [1, 3] }, {}, 3);
    c.elect(1);
    c.stabilize();
    expect(c.logOf(2).map((e) => `${e.index}:${e.term}`)).toEqual(['1:1', '2:1', '3:3', '4:4']);
  });

  it('§5.3 Figure 7: the leader brings every kind of divergent follower log into line', () => {
    // leader's log (terms from index 2): 1 1 1 4 4 5 5 6 6 6; followers (a)-(f) of Figure 7
    const leader = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
    const followers = [
      [1, 1, 1, 4, 4, 5, 5, 6, 6], // (a) missing one
      [1, 1, 1, 4], // (b) missing many
      [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6], // (c) one extra uncommitted
      [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7], // (d) extra from a later term
      [1, 1, 1, 4, 4, 4, 4], // (e) missing and extra
      [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3], // (f) a whole divergent history
    ];
    for (const f of followers) {
      const c = clusterWithLogs({ 1: leader, 2: f, 3: leader }, {}, 8);
      c.elect(1);
      c.propose(1, 'new');
      c.stabilize();
      const want = c.logOf(1).map((e) => `${e.index}:${e.term}:${e.data}`);
      expect(c.logOf(2).map((e) => `${e.index}:${e.term}:${e.data}`)).toEqual(want);
    }
  });

  it('§5.3 fast backtracking: a rejection hint skips a whole conflicting term instead of one index per round trip', () => {
    // follower (f) of Figure 7: eleven entries of terms 2 and 3 that the leader never had
    const c = clusterWithLogs({ 1: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6], 2: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3], 3: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6] }, {}, 8);
    c.elect(1);
    c.sent = [];
    c.stabilize();
    const rejections = c.sent.filter((m) => m.type === 'appResp' && m.from === 2 && m.reject);
    expect(rejections.length).toBeLessThanOrEqual(2);
    expect(c.logOf(2)).toEqual(c.logOf(1));
  });
});

describe('§5.4 safety', () => {
  it('§5.4.2 a leader never commits an entry of an earlier term by counting replicas (Figure 8)', () => {
    // node 1 holds an entry of term 1 at index 2 that nobody else has; it becomes leader of term 3
    const c = clusterWithLogs({ 1: [1], 2: [], 3: [] }, { maxMessageBytes: 1 }, 2);
    c.node(1).campaign();
    c.processReady();
    c.deliver((m) => m.type === 'vote');
    c.processReady();
    c.deliver((m) => m.type === 'voteResp');
    expect(c.node(1).status()).toMatchObject({ role: 'leader', term: 3, lastIndex: 3 });
    const toTwo = (pred: (m: import('../../raft/types.js').Message) => boolean): void => {
      c.processReady();
      c.deliver((m) => m.to === 2 && pred(m));
      c.processReady();
      c.deliver((m) => m.from === 2 && m.type === 'appResp');
    };
    toTwo((m) => m.type === 'app'); // the no-op at 3 is refused: node 2 lacks index 2
    toTwo((m) => m.type === 'app' && m.index === 1 && m.entries.length === 1); // one entry per message: index 2 alone
    expect(c.node(1).status().progress.get(2)?.match).toBe(2); // a majority holds index 2...
    expect(c.node(1).status().commit).toBe(1); // ...but it is of term 1: not committed
    c.stabilize();
    expect(c.node(1).status().commit).toBe(3); // the term-3 no-op commits both
  });

  it('§5.4.3 leader completeness: every committed entry is in the log of every later leader', () => {
    const c = new TestCluster([1, 2, 3, 4, 5]);
    c.elect(1);
    for (const p of ['a', 'b', 'c']) c.propose(1, p);
    c.stabilize();
    for (const next of [2, 3, 4, 5]) {
      c.isolated.clear();
      c.isolated.add(next - 1); // the previous leader is gone
      c.elect(next);
      const log = c.logOf(next).map((e) => e.data);
      for (const p of ['a', 'b', 'c']) expect(log).toContain(p);
    }
  });

  it('§5.4.3 state machine safety: all nodes apply the same entry at each index', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.propose(1, 'a');
    c.stabilize();
    c.isolated.add(1);
    c.propose(1, 'lost'); // never replicated
    c.elect(2);
    c.propose(2, 'b');
    c.stabilize();
    c.isolated.clear();
    c.tickAll(1);
    c.stabilize();
    for (const id of [1, 2, 3]) expect(c.member(id).applied).toEqual(['a', 'b']);
  });

  it('§5.5 follower crashes: the leader retries until the follower has everything', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(3);
    for (const p of ['a', 'b']) c.propose(1, p);
    c.stabilize();
    c.restart(3);
    c.isolated.clear();
    c.tick(1, 1); // a heartbeat; the answer shows node 3 is behind
    c.stabilize();
    expect(c.member(3).applied).toEqual(['a', 'b']);
  });

  it('§5.5 a restarted node recovers its log, term, vote and commit index from storage', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.propose(1, 'a');
    c.stabilize();
    const before = c.node(2).status();
    const after = c.restart(2).node.status();
    expect(after).toMatchObject({ term: before.term, vote: before.vote, commit: before.commit, lastIndex: before.lastIndex, role: 'follower' });
  });
});
