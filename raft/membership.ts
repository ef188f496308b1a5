// Membership changes travel through the log as `config` entries, one server at a time
// (Raft dissertation §4.1). Each node uses the latest configuration in its log, committed or not;
// a truncated config entry takes its effect back with it (see config-history.ts).

import type { ConfState, NodeId } from './types.js';

export type ConfChange =
  | { readonly type: 'bootstrap'; readonly voters: readonly NodeId[] }
  | { readonly type: 'addLearner'; readonly nodeId: NodeId }
  | { readonly type: 'promote'; readonly nodeId: NodeId }
  | { readonly type: 'remove'; readonly nodeId: NodeId };

const TYPE_CODES = { bootstrap: 1, addLearner: 2, promote: 3, remove: 4 } as const;

/** Layout: u32 type code, u32 count, then the node ids as u32 (little endian). */
export function encodeConfChange(cc: ConfChange): Uint8Array {
  const ids = cc.type === 'bootstrap' ? cc.voters : [cc.nodeId];
  const words = new Uint32Array(2 + ids.length);
  words[0] = TYPE_CODES[cc.type];
  words[1] = ids.length;
  ids.forEach((id, i) => (words[2 + i] = id));
  return new Uint8Array(words.buffer);
}

export function decodeConfChange(data: Uint8Array): ConfChange | null {
  if (data.length < 8 || data.length % 4 !== 0) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const code = view.getUint32(0, true);
  const count = view.getUint32(4, true);
  if (data.length !== 8 + 4 * count) return null;
  const ids: NodeId[] = [];
  for (let i = 0; i < count; i++) ids.push(view.getUint32(8 + 4 * i, true));
  switch (code) {
    case TYPE_CODES.bootstrap:
      return { type: 'bootstrap', voters: ids };
    case TYPE_CODES.addLearner:
      return count === 1 ? { type: 'addLearner', nodeId: ids[0] as NodeId } : null;
    case TYPE_CODES.promote:
      return count === 1 ? { type: 'promote', nodeId: ids[0] as NodeId } : null;
    case TYPE_CODES.remove:
      return count === 1 ? { type: 'remove', nodeId: ids[0] as NodeId } : null;
    default:
      return null;
  }
}

export const EMPTY_CONF: ConfState = Object.freeze({ voters: Object.freeze([]), learners: Object.freeze([]) });

function sorted(ids: Iterable<NodeId>): NodeId[] {
  return [...ids].sort((a, b) => a - b);
}

export function isVoter(conf: ConfState, id: NodeId): boolean {
  return conf.voters.includes(id);
}

export function isMember(conf: ConfState, id: NodeId): boolean {
  return conf.voters.includes(id) || conf.learners.includes(id);
}

/**
 * The configuration after `cc`, or a string saying why the change is not valid from `conf`.
 * Every node computes the same answer from the same log, so an invalid entry is a no-op everywhere.
 */
export function applyConfChange(conf: ConfState, cc: ConfChange): ConfState | string {
  switch (cc.type) {
    case 'bootstrap':
      if (conf.voters.length > 0 || conf.learners.length > 0) return 'bootstrap of a configured group';
      if (cc.voters.length === 0) return 'bootstrap without voters';
      return { voters: sorted(new Set(cc.voters)), learners: [] };
    case 'addLearner':
      if (isMember(conf, cc.nodeId)) return `node ${cc.nodeId} is already a member`;
      return { voters: conf.voters, learners: sorted([...conf.learners, cc.nodeId]) };
    case 'promote':
      if (!conf.learners.includes(cc.nodeId)) return `node ${cc.nodeId} is not a learner`;
      return { voters: sorted([...conf.voters, cc.nodeId]), learners: conf.learners.filter((id) => id !== cc.nodeId) };
    case 'remove':
      if (!isMember(conf, cc.nodeId)) return `node ${cc.nodeId} is not a member`;
      if (conf.voters.length === 1 && conf.voters[0] === cc.nodeId) return 'cannot remove the last voter';
      return { voters: conf.voters.filter((id) => id !== cc.nodeId), learners: conf.learners.filter((id) => id !== cc.nodeId) };
  }
}

export function confStateEquals(a: ConfState, b: ConfState): boolean {
  return a.voters.join() === b.voters.join() && a.learners.join() === b.learners.join();
}
