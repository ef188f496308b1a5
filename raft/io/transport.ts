// How Raft messages travel between nodes, implemented with the integration work (TCP between
// the members). Delivery is best effort: raft tolerates loss, duplication and reordering, so a
// transport never retries on its own and never blocks the node.

import type { Message, NodeId } from '../types.js';

export interface PeerAddress {
  readonly id: NodeId;
  readonly host: string;
  readonly port: number;
}

export interface Transport {
  /** Queue a message for its `to` node; messages to an unreachable peer are dropped. */
  send(message: Message): void;
  /** Every message received from a peer, in arrival order. */
  onMessage(handler: (message: Message) => void): void;
  /** Membership changed: connect to new members, drop removed ones. */
  setPeers(peers: readonly PeerAddress[]): void;
  close(): Promise<void>;
}
