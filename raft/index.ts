// The Raft core's public surface.

export { RaftNode, type NodeStatus, type ProgressStatus } from './node.js';
export type { RaftOptions, ReadMode } from './options.js';
export { MemoryStorage } from './memory-storage.js';
export { CompactedError, UnavailableError, SnapshotOutOfDateError, type RaftStorage } from './storage.js';
export { SeededRandom, type RandomSource } from './random.js';
export { RaftInvariantError } from './assert.js';
export { decodeConfChange, encodeConfChange, applyConfChange, isVoter, isMember, type ConfChange } from './membership.js';
export * from './types.js';
