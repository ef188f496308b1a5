// The vocabulary of the Raft core. Everything here is plain data: it crosses the network and the
// disk as is, so it carries no methods and no references back into the core.

/** Node ids are positive integers; 0 means "nobody" (no leader known, no vote cast). */
export type NodeId = number;
export const NO_NODE: NodeId = 0;

/** `config` entries carry a membership change that raft itself decodes; `normal` ones are opaque. */
export type EntryType = 'normal' | 'config';

/** One log entry. An empty `normal` entry is the no-op a leader appends when its term starts. */
export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly type: EntryType;
  readonly data: Uint8Array;
}

/** What must be on disk before any message that depends on it leaves (§5.1 "persistent state"). */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
}

/** Voters decide elections and commits; learners only receive the log. Both lists are sorted. */
export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

export interface SnapshotMeta {
  readonly index: number;
  readonly term: number;
  readonly conf: ConfState;
}

/** The application's state at `meta.index`, opaque to raft. */
export interface Snapshot {
  readonly meta: SnapshotMeta;
  readonly data: Uint8Array;
}

export type Role = 'follower' | 'preCandidate' | 'candidate' | 'leader';

export type MessageType =
  // local: produced by tick() or by the application, never sent over the network
  | 'hup' // an election timeout elapsed: campaign
  | 'beat' // a heartbeat timeout elapsed: broadcast heartbeats
  | 'checkQuorum' // leader: step down unless a quorum was heard from recently
  // forwarded to the leader without a term (they are requests, not part of the protocol's state)
  | 'prop'
  | 'readIndex'
  | 'transferLeader'
  // the protocol
  | 'app'
  | 'appResp'
  | 'vote'
  | 'voteResp'
  | 'preVote'
  | 'preVoteResp'
  | 'heartbeat'
  | 'heartbeatResp'
  | 'snap'
  | 'snapResp'
  | 'readIndexResp'
  | 'timeoutNow';

/** One slice of a snapshot being installed on a follower (§7, chunked InstallSnapshot). */
export interface SnapshotChunk {
  readonly meta: SnapshotMeta;
  readonly offset: number;
  readonly total: number;
  readonly data: Uint8Array;
}

/**
 * One message shape for every type keeps the core monomorphic and cheap to build. Field meanings
 * per type:
 * - app: `index`/`logTerm` = the entry preceding `entries`; `commit` = leader's commit index.
 * - appResp: `index` = last index known to match, or the rejected `index` when `reject`; then
 *   `rejectHint`/`logTerm` = where the leader should probe next (fast backtracking).
 * - vote/preVote: `index`/`logTerm` = candidate's last entry; `context` = CONTEXT_TRANSFER when
 *   the campaign was ordered by a leadership transfer.
 * - heartbeat/heartbeatResp: `context` = the leader's heartbeat round (ReadIndex and lease).
 * - snap: `snapshot` = one chunk. snapResp: `index` = snapshot index, `rejectHint` = the next
 *   offset the follower expects.
 * - readIndex/readIndexResp: `context` = the application's request id; `index` = the read index.
 * - transferLeader: `from` = the transferee (as a local or forwarded request).
 */
export interface Message {
  type: MessageType;
  from: NodeId;
  to: NodeId;
  term: number;
  logTerm: number;
  index: number;
  entries: readonly Entry[];
  commit: number;
  reject: boolean;
  rejectHint: number;
  context: number;
  snapshot: SnapshotChunk | null;
}

/** `context` of a vote request sent because the leader handed over leadership. */
export const CONTEXT_TRANSFER = 1;

export interface SoftState {
  readonly leader: NodeId;
  readonly role: Role;
}

/** A ReadIndex request that may be served once the state machine has applied `index`. */
export interface ReadState {
  readonly requestId: number;
  readonly index: number;
}

/**
 * Everything the application must do, in this order: persist `hardState`, `snapshot` and
 * `entries` (sync to disk when `mustSync`); then send `messages`; then install `snapshot` and
 * apply `committedEntries` in order; then call `advance(ready)`.
 */
export interface Ready {
  readonly softState: SoftState | null;
  readonly hardState: HardState | null;
  readonly entries: readonly Entry[];
  readonly snapshot: Snapshot | null;
  readonly committedEntries: readonly Entry[];
  readonly messages: readonly Message[];
  readonly readStates: readonly ReadState[];
  readonly mustSync: boolean;
}

export type DropReason =
  | 'transferring' // a leadership transfer is in progress
  | 'overloaded' // the leader's uncommitted bytes are at their bound
  | 'confChangePending' // a membership change is not committed yet, or the term has no commit yet
  | 'invalidConfChange' // e.g. promoting a node that is not a learner
  | 'notMember'; // this leader has been removed from the configuration

/** A proposal is never silently dropped: the caller always learns what happened to it. */
export type ProposeResult =
  | { readonly kind: 'appended'; readonly firstIndex: number; readonly lastIndex: number; readonly term: number }
  | { readonly kind: 'forwarded'; readonly leader: NodeId }
  | { readonly kind: 'notLeader'; readonly leader: NodeId }
  | { readonly kind: 'dropped'; readonly reason: DropReason };

export type ReadIndexResult =
  | { readonly kind: 'pending' } // a ReadState with this request id will appear in a later Ready
  | { readonly kind: 'forwarded'; readonly leader: NodeId }
  | { readonly kind: 'notLeader'; readonly leader: NodeId };

export const EMPTY_BYTES = new Uint8Array(0);
export const NO_ENTRIES: readonly Entry[] = Object.freeze([]) as readonly Entry[];

/** Bytes an entry counts for in flow-control bounds: its payload plus a fixed header estimate. */
export const ENTRY_OVERHEAD_BYTES = 16;
export function entryBytes(e: Entry): number {
  return e.data.length + ENTRY_OVERHEAD_BYTES;
}

export function makeMessage(type: MessageType, from: NodeId, to: NodeId, term: number): Message {
  return {
    type,
    from,
    to,
    term,
    logTerm: 0,
    index: 0,
    entries: NO_ENTRIES,
    commit: 0,
    reject: false,
    rejectHint: 0,
    context: 0,
    snapshot: null,
  };
}
