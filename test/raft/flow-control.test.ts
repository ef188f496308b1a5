// Batching, pipelining within inflight bounds, probing, and the leader's uncommitted-bytes bound.

import { describe, expect, it } from 'vitest';
import { ENTRY_OVERHEAD_BYTES } from '../../raft/types.js';
import { bytes, messagesOf, TestCluster } from './helpers/cluster.js';

const payload = (n: number) => new Uint8Array(n);

describe('flow control', () => {
  it('batches many entries into one append, bounded by maxMessageBytes', () => {
    const c = new TestCluster([1, 2], { maxMessageBytes: 10 * (8 + ENTRY_OVERHEAD_BYTES) });
    c.elect(1);
    c.sent = [];
    c.node(1).proposeBatch(Array.from({ length: 25 }, () => payload(8)));
    c.stabilize();
    const sizes = messagesOf(c.sent, 'app').filter((m) => m.entries.length > 0).map((m) => m.entries.length);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('pipelines appends without waiting for acknowledgements, up to maxInflightMessages', () => {
    const c = new TestCluster([1, 2], { maxMessageBytes: 1, maxInflightMessages: 3 });
    c.elect(1);
    c.queue = [];
    c.node(1).proposeBatch(Array.from({ length: 10 }, () => payload(1)));
    c.processReady();
    expect(messagesOf(c.queue, 'app').length).toBe(3); // three one-entry appends in flight, no ack yet
    c.deliver((m) => m.type === 'app');
    c.processReady();
    c.deliver((m) => m.type === 'appResp');
    c.processReady();
    expect(messagesOf(c.queue, 'app').length).toBe(3); // acks free the window for three more
    c.stabilize();
    expect(c.member(2).appliedEntries.length).toBe(12);
  });

  it('bounds the bytes in flight per follower (maxInflightBytes)', () => {
    const entry = 100 + ENTRY_OVERHEAD_BYTES;
    const c = new TestCluster([1, 2], { maxMessageBytes: entry, maxInflightBytes: 2 * entry });
    c.elect(1);
    c.queue = [];
    c.node(1).proposeBatch(Array.from({ length: 6 }, () => payload(100)));
    c.processReady();
    expect(messagesOf(c.queue, 'app').length).toBe(2);
  });

  it('sends one probe at a time to a follower whose position is unknown', () => {
    const c = new TestCluster([1, 2, 3]);
    c.elect(1);
    c.isolated.add(3);
    for (let i = 0; i < 5; i++) c.propose(1, `p${i}`);
    c.stabilize();
    // node 3 missed appends: the leader is probing it after the rejection, not streaming
    c.isolated.clear();
    c.sent = [];
    c.propose(1, 'more');
    c.processReady();
    expect(c.sent.filter((m) => m.type === 'app' && m.to === 3).length).toBe(1);
    c.stabilize();
    expect(c.member(3).applied).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'more']);
  });

  it('a lost append is repaired on the next heartbeat even when nothing new is proposed', () => {
    const c = new TestCluster([1, 2]);
    c.elect(1);
    c.propose(1, 'x');
    c.processReady();
    c.queue = []; // the append is lost
    c.tick(1);
    c.stabilize();
    expect(c.member(2).applied).toEqual(['x']);
  });

  it('refuses proposals as "overloaded" while uncommitted bytes are at the bound, and accepts again after commit', () => {
    const c = new TestCluster([1, 2, 3], { maxUncommittedBytes: 100 });
    c.elect(1);
    c.isolated.add(2);
    c.isolated.add(3);
    expect(c.node(1).propose(payload(60)).kind).toBe('appended');
    expect(c.node(1).propose(payload(60))).toEqual({ kind: 'dropped', reason: 'overloaded' });
    c.isolated.clear();
    c.tick(1);
    c.stabilize();
    expect(c.node(1).propose(payload(60)).kind).toBe('appended');
  });

  it('always accepts one proposal larger than the bound when nothing is uncommitted (no deadlock)', () => {
    const c = new TestCluster([1, 2, 3], { maxUncommittedBytes: 10 });
    c.elect(1);
    expect(c.node(1).propose(payload(50)).kind).toBe('appended');
  });

  it('hands the application committed entries in bounded batches', () => {
    const c = new TestCluster([1], { maxCommittedBytesPerReady: 3 * (1 + ENTRY_OVERHEAD_BYTES) });
    c.elect(1);
    c.node(1).proposeBatch(Array.from({ length: 7 }, (_, i) => bytes(String(i))));
    const sizes: number[] = [];
    while (c.node(1).hasReady()) {
      const rd = c.node(1).ready();
      c.member(1).storage.append(rd.entries);
      if (rd.hardState) c.member(1).storage.setHardState(rd.hardState);
      if (rd.committedEntries.length > 0) sizes.push(rd.committedEntries.length);
      c.node(1).advance(rd);
    }
    expect(sizes).toEqual([3, 3, 1]);
  });
});
