// The simulated network: every envelope waits in one queue ordered by delivery time (then send
// order). Between nodes it loses, delays, duplicates and reorders messages and honours
// partitions, including one-way ones; client links only delay (a lost or duplicated client
// request would be a client bug, not a Raft one).

import type { SeededRandom } from '../../raft/random.js';
import type { Message, NodeId } from '../../raft/types.js';
import type { KvInput, KvOutput } from './kv.js';

export interface ClientRequest {
  readonly client: number;
  readonly op: number;
  readonly input: KvInput;
}

export type ClientResponse =
  | { readonly client: number; readonly op: number; readonly outcome: 'ok'; readonly output: KvOutput }
  /** Certainly not executed: try elsewhere (the leader hint may be 0). */
  | { readonly client: number; readonly op: number; readonly outcome: 'redirect'; readonly leader: NodeId }
  /** Certainly not executed and not worth retrying here. */
  | { readonly client: number; readonly op: number; readonly outcome: 'failed' };

export type Envelope =
  | { readonly kind: 'raft'; readonly at: number; readonly seq: number; readonly msg: Message }
  | { readonly kind: 'request'; readonly at: number; readonly seq: number; readonly to: NodeId; readonly req: ClientRequest }
  | { readonly kind: 'response'; readonly at: number; readonly seq: number; readonly to: number; readonly resp: ClientResponse };

export interface LinkFaults {
  lossRate: number;
  duplicateRate: number;
  minDelay: number;
  maxDelay: number;
  /** Chance of a much longer delay, which reorders messages on a path. */
  longDelayRate: number;
  longDelayMax: number;
  /** When false, messages on one path arrive in the order they were sent. */
  reorder: boolean;
}

export const CALM: LinkFaults = { lossRate: 0, duplicateRate: 0, minDelay: 1, maxDelay: 3, longDelayRate: 0, longDelayMax: 0, reorder: false };

export class SimNetwork {
  private heap: Envelope[] = [];
  private seq = 0;
  private readonly blocked = new Set<string>();
  private readonly lastArrival = new Map<string, number>();
  faults: LinkFaults;
  sent = 0;
  dropped = 0;
  duplicated = 0;

  constructor(
    private readonly rng: SeededRandom,
    faults: LinkFaults,
  ) {
    this.faults = faults;
  }

  /** Returns how many copies were queued (0 when lost or blocked). */
  sendRaft(now: number, msg: Message): number {
    this.sent++;
    if (this.isBlocked(msg.from, msg.to) || this.rng.chance(this.faults.lossRate)) {
      this.dropped++;
      return 0;
    }
    const copies = this.rng.chance(this.faults.duplicateRate) ? 2 : 1;
    if (copies === 2) this.duplicated++;
    for (let i = 0; i < copies; i++) this.push({ kind: 'raft', at: this.arrival(now, msg.from, msg.to), seq: this.seq++, msg });
    return copies;
  }

  sendRequest(now: number, to: NodeId, req: ClientRequest): void {
    this.push({ kind: 'request', at: now + this.rng.between(1, 5), seq: this.seq++, to, req });
  }

  sendResponse(now: number, to: number, resp: ClientResponse): void {
    this.push({ kind: 'response', at: now + this.rng.between(1, 5), seq: this.seq++, to, resp });
  }

  private arrival(now: number, from: NodeId, to: NodeId): number {
    const f = this.faults;
    let at = now + this.rng.between(f.minDelay, f.maxDelay);
    if (f.longDelayRate > 0 && this.rng.chance(f.longDelayRate)) at += this.rng.between(1, f.longDelayMax);
    if (!f.reorder) {
      const path = `${from}>${to}`;
      at = Math.max(at, this.lastArrival.get(path) ?? 0);
      this.lastArrival.set(path, at);
    }
    return at;
  }

  /** Next envelope due at or before `now`, or undefined. */
  popDue(now: number): Envelope | undefined {
    const top = this.heap[0];
    if (top === undefined || top.at > now) return undefined;
    const last = this.heap.pop() as Envelope;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Partitions are checked again on delivery: a cut also catches messages in flight. */
  isBlocked(from: NodeId, to: NodeId): boolean {
    return this.blocked.size > 0 && this.blocked.has(`${from}>${to}`);
  }

  block(from: NodeId, to: NodeId): void {
    this.blocked.add(`${from}>${to}`);
  }

  heal(): void {
    this.blocked.clear();
  }

  /** Cut every link between the two groups, both ways. */
  split(a: readonly NodeId[], b: readonly NodeId[]): void {
    for (const x of a)
      for (const y of b) {
        this.block(x, y);
        this.block(y, x);
      }
  }

  blockedLinks(): string[] {
    return [...this.blocked].sort();
  }

  pending(): number {
    return this.heap.length;
  }

  private push(e: Envelope): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, h[p] as Envelope)) break;
      h[i] = h[p] as Envelope;
      i = p;
    }
    h[i] = e;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const e = h[i] as Envelope;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r] as Envelope, h[l] as Envelope) ? r : l;
      if (!before(h[c] as Envelope, e)) break;
      h[i] = h[c] as Envelope;
      i = c;
    }
    h[i] = e;
  }
}

function before(a: Envelope, b: Envelope): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
