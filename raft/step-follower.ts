// Step functions of followers and of (pre-)candidates, and what a follower does with the
// leader's appends, heartbeats and snapshot chunks.

import type { Raft } from './raft.js';
import { SnapshotReceiver } from './snapshot-receiver.js';
import { NO_NODE, type Message } from './types.js';

export function stepFollower(r: Raft, m: Message): void {
  switch (m.type) {
    case 'prop':
    case 'readIndex':
    case 'transferLeader':
      // requests go to the leader; without one they are lost, and the caller's timeout decides
      if (r.lead !== NO_NODE) r.send({ ...m, to: r.lead, term: 0 });
      return;
    case 'app':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleAppend(r, m);
      return;
    case 'heartbeat':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleHeartbeat(r, m);
      return;
    case 'snap':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleSnapshotChunk(r, m);
      return;
    case 'timeoutNow':
      // the leader hands over: campaign at once, skipping pre-vote and others' leases
      r.hup(true);
      return;
    case 'readIndexResp':
      r.readStates.push({ requestId: m.context, index: m.index });
      return;
  }
}

export function stepCandidate(r: Raft, m: Message): void {
  switch (m.type) {
    case 'app':
      r.becomeFollower(m.term, m.from); // §5.2: a leader of our term exists
      handleAppend(r, m);
      return;
    case 'heartbeat':
      r.becomeFollower(m.term, m.from);
      handleHeartbeat(r, m);
      return;
    case 'snap':
      r.becomeFollower(m.term, m.from);
      handleSnapshotChunk(r, m);
      return;
    case 'preVoteResp':
      if (r.role === 'preCandidate') r.handleVoteResponse(m);
      return;
    case 'voteResp':
      if (r.role === 'candidate') r.handleVoteResponse(m);
      return;
  }
}

/** §5.3 AppendEntries receiver. */
function handleAppend(r: Raft, m: Message): void {
  const log = r.log;
  const resp = r.newMessage('appResp', m.from);
  if (m.index < log.committed) {
    // everything up to our commit index is known to match
    resp.index = log.committed;
    r.send(resp);
    return;
  }
  const firstWritten = log.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
  if (firstWritten >= 0) {
    if (firstWritten > 0) r.onEntriesAppended(m.entries, firstWritten - m.index - 1);
    resp.index = m.index + m.entries.length;
    r.send(resp);
    return;
  }
  // Consistency check failed. Hint the highest index at or below m.index whose term is at most
  // the leader's term there: every index in between is certainly a mismatch.
  const hint = log.findConflictByTerm(Math.min(m.index, log.lastIndex()), m.logTerm);
  resp.reject = true;
  resp.index = m.index;
  resp.rejectHint = hint;
  resp.logTerm = Math.max(0, log.term(hint));
  r.send(resp);
}

function handleHeartbeat(r: Raft, m: Message): void {
  r.log.commitTo(m.commit);
  const resp = r.newMessage('heartbeatResp', m.from);
  resp.context = m.context;
  r.send(resp);
}

function handleSnapshotChunk(r: Raft, m: Message): void {
  const chunk = m.snapshot;
  if (chunk === null) return;
  const log = r.log;
  if (chunk.meta.index <= log.committed) {
    r.snapshotIn = null;
    const resp = r.newMessage('appResp', m.from);
    resp.index = log.committed;
    r.send(resp);
    return;
  }
  if (chunk.offset === 0 && (r.snapshotIn === null || !r.snapshotIn.isFor(chunk.meta) || r.snapshotIn.received > 0)) {
    r.snapshotIn = new SnapshotReceiver(chunk.meta, chunk.total);
  }
  const rx = r.snapshotIn;
  if (rx === null || !rx.add(chunk)) {
    const resp = r.newMessage('snapResp', m.from);
    resp.reject = true;
    resp.index = chunk.meta.index;
    resp.rejectHint = rx !== null && rx.isFor(chunk.meta) ? rx.received : 0;
    r.send(resp);
    return;
  }
  if (!rx.complete()) {
    const resp = r.newMessage('snapResp', m.from);
    resp.index = chunk.meta.index;
    resp.rejectHint = rx.received;
    r.send(resp);
    return;
  }
  r.snapshotIn = null;
  const resp = r.newMessage('appResp', m.from);
  resp.index = r.restore(rx.assemble()) ? log.lastIndex() : log.committed;
  r.send(resp);
}
