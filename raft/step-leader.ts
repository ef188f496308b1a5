// The leader's step function: timers, requests, and the followers' answers.

import { broadcastAppend, broadcastHeartbeat, sendAppend, sendAppendsWhileOpen, sendSnapshotChunk, sendTimeoutNow } from './replication.js';
import type { Raft } from './raft.js';
import { NO_NODE, type Message } from './types.js';
import type { Progress } from './progress.js';

export function stepLeader(r: Raft, m: Message): void {
  switch (m.type) {
    case 'beat':
      broadcastHeartbeat(r);
      return;
    case 'checkQuorum':
      if (!r.quorumActive()) r.becomeFollower(r.term, NO_NODE);
      return;
    case 'prop':
      // forwarded by a follower; its outcome shows in the log (or not at all if refused here)
      if (m.entries.length > 0) {
        r.appendAsLeader(
          m.entries.map((e) => e.data),
          (m.entries[0] as (typeof m.entries)[number]).type,
        );
      }
      return;
    case 'readIndex':
      r.handleReadRequest(m.from, m.context);
      return;
    case 'transferLeader':
      r.transferLeadership(m.from);
      return;
  }
  const pr = r.progress.get(m.from);
  if (pr === undefined) return; // not a member (any more)
  switch (m.type) {
    case 'appResp':
      handleAppendResponse(r, m, pr);
      return;
    case 'heartbeatResp':
      handleHeartbeatResponse(r, m, pr);
      return;
    case 'snapResp':
      handleSnapshotResponse(r, m, pr);
      return;
  }
}

function handleAppendResponse(r: Raft, m: Message, pr: Progress): void {
  pr.recentActive = true;
  if (m.reject) {
    // fast backtracking: jump to where the logs may agree instead of one index per round trip
    let hint = m.rejectHint;
    if (m.logTerm > 0) hint = r.log.findConflictByTerm(m.rejectHint, m.logTerm);
    if (pr.maybeDecrTo(m.index, hint)) {
      if (pr.state === 'replicate') pr.becomeProbe();
      sendAppend(r, m.from, pr, true);
    }
    return;
  }
  const wasPaused = pr.isPaused();
  const updated = pr.maybeUpdate(m.index);
  if (!updated && !(pr.state === 'probe' && pr.match === m.index)) return;
  switch (pr.state) {
    case 'probe':
      pr.becomeReplicate();
      break;
    case 'snapshot':
      // the follower restored the snapshot (or caught up by other means)
      if (pr.match >= pr.pendingSnapshot) pr.becomeProbe();
      break;
    case 'replicate':
      pr.inflights.freeLE(m.index);
      break;
  }
  if (r.maybeCommit()) {
    broadcastAppend(r);
    r.stepDownIfRemoved();
    if (r.role !== 'leader') return;
  } else if (wasPaused) {
    sendAppend(r, m.from, pr, false);
  }
  sendAppendsWhileOpen(r, m.from, pr);
  if (m.from === r.leadTransferee && pr.match === r.log.lastIndex()) sendTimeoutNow(r, m.from);
  // a removed member that now holds its committed removal is told, and let go
  if (pr.match >= r.configs.currentIndex()) r.releaseLeavingMembers();
}

function handleHeartbeatResponse(r: Raft, m: Message, pr: Progress): void {
  pr.recentActive = true;
  pr.probeSent = false;
  // a lost append can leave the pipe full forever; the follower is alive, so let one more go
  if (pr.state === 'replicate' && pr.inflights.full()) pr.inflights.freeFirstOne();
  if (pr.state !== 'snapshot' && pr.match < r.log.lastIndex()) sendAppend(r, m.from, pr, true);
  if (m.context > 0) r.onRoundAcked(pr, m.context);
}

function handleSnapshotResponse(r: Raft, m: Message, pr: Progress): void {
  pr.recentActive = true;
  const send = pr.snapshotSend;
  if (pr.state !== 'snapshot' || send === null || send.snapshot.meta.index !== m.index) return;
  const expected = m.rejectHint;
  if (!m.reject && expected <= send.acked) return; // a duplicate acknowledgement
  if (expected < 0 || expected > send.snapshot.data.length) return;
  send.acked = expected;
  send.progressAt = r.ticks;
  sendSnapshotChunk(r, m.from, pr);
}
