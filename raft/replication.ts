// The leader's outgoing traffic: appends (batched, pipelined within the inflight bounds),
// heartbeats (which also carry the ReadIndex round), chunked snapshots for followers behind the
// compaction point, and the TimeoutNow that ends a leadership transfer.

import type { Progress } from './progress.js';
import type { Raft } from './raft.js';
import { NO_ENTRIES, type NodeId } from './types.js';

/**
 * Send everything new (or at least the commit index) to every follower; a follower known to be
 * in sync gets as many appends as its inflight window allows (pipelining).
 */
export function broadcastAppend(r: Raft): void {
  for (const [id, pr] of r.progress) {
    if (id === r.id) continue;
    sendAppend(r, id, pr, true);
    if (pr.state === 'replicate') sendAppendsWhileOpen(r, id, pr);
  }
}

/**
 * Send the next batch of entries to `to` if its flow control allows. With `sendIfEmpty` an
 * append without entries still goes out (it carries the commit index and probes the log).
 * Returns whether a message was sent.
 */
export function sendAppend(r: Raft, to: NodeId, pr: Progress, sendIfEmpty: boolean): boolean {
  if (pr.isPaused()) return false;
  const log = r.log;
  const prevIndex = pr.next - 1;
  if (prevIndex < log.firstIndex() - 1) return sendSnapshot(r, to, pr);
  const lastIndex = log.lastIndex();
  const entries = pr.next <= lastIndex ? log.slice(pr.next, lastIndex + 1, r.opts.maxMessageBytes) : NO_ENTRIES;
  if (entries.length === 0 && !sendIfEmpty) return false;
  const bytes = entries.length === 0 ? 0 : log.lastSliceBytes;
  const m = r.newMessage('app', to);
  m.index = prevIndex;
  m.logTerm = log.term(prevIndex);
  m.entries = entries;
  m.commit = log.committed;
  r.send(m);
  pr.sentEntries(entries.length, bytes);
  return true;
}

/** Keep sending to one follower while it is not paused and there is something to send. */
export function sendAppendsWhileOpen(r: Raft, to: NodeId, pr: Progress): void {
  while (sendAppend(r, to, pr, false)) {
    // pipelining: each call adds one message in flight until the bounds are reached
  }
}

/** One heartbeat round to every follower; snapshot streams that stalled are nudged. */
export function broadcastHeartbeat(r: Raft): void {
  const round = r.reads.startRound(r.ticks);
  for (const [id, pr] of r.progress) {
    if (id === r.id) continue;
    const m = r.newMessage('heartbeat', id);
    // never let a follower commit past what it is known to share with us
    m.commit = Math.min(pr.match, r.log.committed);
    m.context = round;
    r.send(m);
    if (pr.state === 'snapshot') retrySnapshot(r, id, pr);
  }
}

function sendSnapshot(r: Raft, to: NodeId, pr: Progress): boolean {
  if (!pr.recentActive) return false; // it would only be lost; wait until the follower answers
  const snapshot = r.log.snapshot();
  if (snapshot.meta.index === 0) return false;
  pr.becomeSnapshot(snapshot.meta.index);
  pr.snapshotSend = { snapshot, acked: 0, sentAt: r.ticks, progressAt: r.ticks };
  sendSnapshotChunk(r, to, pr);
  return true;
}

export function sendSnapshotChunk(r: Raft, to: NodeId, pr: Progress): void {
  const send = pr.snapshotSend;
  if (send === null) return;
  const data = send.snapshot.data;
  const end = Math.min(data.length, send.acked + r.opts.snapshotChunkBytes);
  const m = r.newMessage('snap', to);
  m.index = send.snapshot.meta.index;
  m.logTerm = send.snapshot.meta.term;
  m.snapshot = { meta: send.snapshot.meta, offset: send.acked, total: data.length, data: data.subarray(send.acked, end) };
  send.sentAt = r.ticks;
  r.send(m);
}

/** Resend a chunk nobody answered; give up (back to probing) when the follower stopped answering. */
function retrySnapshot(r: Raft, to: NodeId, pr: Progress): void {
  const send = pr.snapshotSend;
  if (send === null) return;
  if (r.ticks - send.progressAt >= r.opts.electionTicks) {
    pr.abandonSnapshot();
    return;
  }
  if (r.ticks - send.sentAt >= 2 * r.opts.heartbeatTicks) sendSnapshotChunk(r, to, pr);
}

export function sendTimeoutNow(r: Raft, to: NodeId): void {
  // from now on a vote may be granted despite our lease: stop serving lease reads
  r.leaseRevoked = true;
  r.send(r.newMessage('timeoutNow', to));
}
