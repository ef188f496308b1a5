// A stream value (Redis's t_stream.c): entries ordered by ID in nodes of consecutive entries
// (storage/stream-node.ts), laid out as Redis lays out its radix tree of listpacks, so that node
// boundaries, approximate trimming and XINFO's node counts come out as in Redis. Nodes are kept
// in an array ordered by their first ID: finding the node of an ID is a binary search, appending
// is a push and trimming drops a prefix.
//
// Unlike the other collections, an empty stream stays in the key space: it keeps its last ID,
// counters and consumer groups.

import type { EncodingSettings } from './encoding-settings.js';
import { ConsumerGroup, ENTRIES_READ_UNKNOWN, counterMinus, counterPlus, type Counter } from './stream-group.js';
import { StreamId } from './stream-id.js';
import { StreamNode, lpEntryStringBytes } from './stream-node.js';
import type { CollectionValue } from './value.js';

/** Redis's largest listpack (STREAM_LISTPACK_MAX_SIZE): the node size limit when none is set. */
export const STREAM_LISTPACK_MAX_SIZE = 1 << 30;

export type TrimStrategy = 'maxlen' | 'minid';

/** A trimming request (Redis's streamAddTrimArgs). */
export interface TrimArgs {
  strategy: TrimStrategy;
  maxlen: number;
  minid: StreamId;
  /** `~`: remove whole nodes only. */
  approx: boolean;
  /** At most this many entries removed; 0 for no limit. */
  limit: number;
}

export class StreamValue implements CollectionValue {
  readonly type = 'stream' as const;
  /** Entries not deleted. */
  length = 0;
  readonly nodes: StreamNode[] = [];
  /** The largest ID ever added or set (XSETID); `*` IDs come after it. */
  readonly lastId = new StreamId();
  /** The first entry's ID as Redis records it (XINFO recorded-first-entry-id). */
  readonly firstId = new StreamId();
  /** The largest ID removed by XDEL (0-0 when none). */
  readonly maxDeletedId = new StreamId();
  /** Entries ever added (XSETID may set it). */
  entriesAdded: Counter = 0;
  /** Consumer groups by name; null until the first is created. */
  groups: Map<string, ConsumerGroup> | null = null;
  /** Redis's radix tree node count for the current nodes, computed on demand; -1 when stale. */
  private treeNodes = -1;
  private readonly scratch = new StreamId();

  encoding(): string {
    return 'stream';
  }

  /**
   * Appends an entry with the fields and values argv[from..from+2*nfields). `id` must be above
   * lastId. A new node starts where Redis starts one: when the tail node's listpack would reach
   * stream-node-max-bytes, or holds stream-node-max-entries entries, deleted ones included.
   */
  append(id: StreamId, argv: readonly string[], from: number, nfields: number, settings: EncodingSettings): void {
    const nodes = this.nodes;
    let tail = nodes.length === 0 ? undefined : nodes[nodes.length - 1]!;
    if (tail !== undefined && this.tailIsFull(tail, argv, from, nfields, settings)) {
      tail.close();
      tail = undefined;
    }
    let same = true;
    if (tail === undefined) {
      const fields: string[] = new Array(nfields);
      for (let i = 0; i < nfields; i++) fields[i] = argv[from + 2 * i]!;
      tail = new StreamNode(id.clone(), fields);
      nodes.push(tail);
      this.treeNodes = -1;
    } else {
      same = tail.sameFields(argv, from, nfields);
    }
    tail.append(id, argv, from, nfields, same, lpEntryStringBytes(argv, from, nfields, same));
    this.length++;
    this.entriesAdded = typeof this.entriesAdded === 'number' && this.entriesAdded < Number.MAX_SAFE_INTEGER ? this.entriesAdded + 1 : counterPlus(this.entriesAdded, 1);
    this.lastId.copyFrom(id);
    if (this.length === 1) this.firstId.copyFrom(id);
  }

  private tailIsFull(tail: StreamNode, argv: readonly string[], from: number, nfields: number, settings: EncodingSettings): boolean {
    let maxBytes = settings.streamNodeMaxBytes;
    if (maxBytes === 0 || maxBytes > STREAM_LISTPACK_MAX_SIZE) maxBytes = STREAM_LISTPACK_MAX_SIZE;
    let bytes = tail.lpBytes;
    for (let i = 0; i < 2 * nfields; i++) bytes += argv[from + i]!.length;
    if (bytes >= maxBytes) return true;
    const maxEntries = settings.streamNodeMaxEntries;
    return maxEntries !== 0 && tail.live + tail.deleted >= maxEntries;
  }

  /** The index of the last node whose first ID is <= id, or -1. */
  nodeIndexFor(id: StreamId): number {
    const nodes = this.nodes;
    let lo = 0;
    let hi = nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (nodes[mid]!.master.compare(id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * XDEL of one ID: removes the entry (streamDeleteItem) and keeps the largest deleted ID and the
   * recorded first ID up to date; false when there is no such entry.
   */
  delete(id: StreamId): boolean {
    if (!this.removeEntry(id)) return false;
    if (id.compare(this.maxDeletedId) > 0) this.maxDeletedId.copyFrom(id);
    if (this.length === 0) this.firstId.setZero();
    else if (id.equals(this.firstId)) this.firstEntryId(this.firstId);
    return true;
  }

  private removeEntry(id: StreamId): boolean {
    const n = this.nodeIndexFor(id);
    if (n < 0) return false;
    const node = this.nodes[n]!;
    const pos = node.lowerBound(id, this.scratch);
    if (pos === node.size || node.isDeleted(pos) || !node.readId(pos, this.scratch).equals(id)) return false;
    if (node.live === 1) {
      this.nodes.splice(n, 1);
      this.treeNodes = -1;
    } else {
      node.markDeleted(pos);
    }
    this.length--;
    return true;
  }

  /** True when a live entry has this ID. */
  has(id: StreamId): boolean {
    const n = this.nodeIndexFor(id);
    if (n < 0) return false;
    const node = this.nodes[n]!;
    const pos = node.lowerBound(id, this.scratch);
    return pos < node.size && !node.isDeleted(pos) && node.readId(pos, this.scratch).equals(id);
  }

  /** Trims from the oldest entries (streamTrim); returns how many were removed. */
  trim(args: TrimArgs): number {
    const nodes = this.nodes;
    const byLength = args.strategy === 'maxlen';
    const scratch = this.scratch;
    let deleted = 0;
    let dropped = 0;
    while (dropped < nodes.length) {
      if (byLength && this.length <= args.maxlen) break;
      const node = nodes[dropped]!;
      const entries = node.live;
      if (args.limit !== 0 && deleted + entries > args.limit) break;
      const removeNode = byLength ? this.length - entries >= args.maxlen : node.readId(node.lastPos, scratch).compare(args.minid) < 0;
      if (removeNode) {
        dropped++;
        this.length -= entries;
        deleted += entries;
        continue;
      }
      if (args.approx) break;
      // Flag entries of this node until the condition holds; the node stays, even if emptied.
      for (let pos = 0; pos < node.size; pos = node.next(pos)) {
        const stop = byLength ? this.length <= args.maxlen : node.readId(pos, scratch).compare(args.minid) >= 0;
        if (stop) break;
        if (!node.isDeleted(pos)) {
          node.markDeleted(pos);
          this.length--;
          deleted++;
        }
      }
      break;
    }
    if (dropped !== 0) {
      nodes.splice(0, dropped);
      this.treeNodes = -1;
    }
    if (this.length === 0) this.firstId.setZero();
    else if (deleted !== 0) this.firstEntryId(this.firstId);
    return deleted;
  }

  /** Writes the first live entry's ID into `out`; false (out untouched) when there is none. */
  firstEntryId(out: StreamId): boolean {
    const it = new StreamIterator(this);
    it.start(null, null, false);
    if (!it.next()) return false;
    out.copyFrom(it.id);
    return true;
  }

  /** Writes the last live entry's ID into `out` (streamLastValidID); false when there is none. */
  lastEntryId(out: StreamId): boolean {
    const it = new StreamIterator(this);
    it.start(null, null, true);
    if (!it.next()) return false;
    out.copyFrom(it.id);
    return true;
  }

  /** Number of nodes of Redis's radix tree over the current nodes (XINFO radix-tree-nodes). */
  radixTreeNodes(): number {
    if (this.treeNodes < 0) this.treeNodes = radixTreeNodeCount(this.nodes.map((n) => n.master.bytes()));
    return this.treeNodes;
  }

  // -------------------------------------------------------------------------------------------
  // Consumer groups and their logical read counters (Redis 7.0's entries_read and lag).

  group(name: string): ConsumerGroup | undefined {
    return this.groups?.get(name);
  }

  /** Creates a group; undefined when the name is taken. */
  createGroup(name: string, lastId: StreamId, entriesRead: Counter): ConsumerGroup | undefined {
    const groups = (this.groups ??= new Map());
    if (groups.has(name)) return undefined;
    const g = new ConsumerGroup(lastId.clone(), entriesRead);
    groups.set(name, g);
    return g;
  }

  /** The groups in Redis's order (its radix tree: by name, bytewise). */
  sortedGroups(): Array<[string, ConsumerGroup]> {
    if (this.groups === null) return [];
    return [...this.groups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** True when start <= the largest deleted ID <= end (streamRangeHasTombstones). */
  rangeHasTombstones(start: StreamId | null, end: StreamId | null): boolean {
    const del = this.maxDeletedId;
    if (this.length === 0 || del.isZero()) return false;
    // The last tombstone is before the first entry: none is left inside the stream.
    if (this.firstId.compare(del) > 0) return false;
    if (start !== null && start.compare(del) > 0) return false;
    return end === null || del.compare(end) <= 0;
  }

  /**
   * The logical read counter of an ID: how many entries were added up to it, when that can be
   * told (streamEstimateDistanceFromFirstEverEntry); ENTRIES_READ_UNKNOWN otherwise.
   */
  estimateDistance(id: StreamId): Counter {
    if (this.entriesAdded === 0) return 0;
    if (this.length === 0 && id.compare(this.lastId) < 1) return this.entriesAdded;
    const cmpLast = id.compare(this.lastId);
    if (cmpLast === 0) return this.entriesAdded;
    if (cmpLast > 0) return ENTRIES_READ_UNKNOWN;
    const del = this.maxDeletedId;
    if (del.isZero() || del.compare(this.firstId) < 0) {
      const cmpFirst = id.compare(this.firstId);
      if (cmpFirst < 0) return counterMinus(this.entriesAdded, this.length);
      if (cmpFirst === 0) return counterPlus(counterMinus(this.entriesAdded, this.length), 1);
    }
    return ENTRIES_READ_UNKNOWN;
  }

  /** Entries the group has yet to read (XINFO lag); null when it cannot be told. */
  groupLag(g: ConsumerGroup): Counter | null {
    if (this.entriesAdded === 0) return 0;
    if (g.entriesRead !== ENTRIES_READ_UNKNOWN && !this.rangeHasTombstones(g.lastId, null)) return counterMinus(this.entriesAdded, g.entriesRead);
    const read = this.estimateDistance(g.lastId);
    return read === ENTRIES_READ_UNKNOWN ? null : counterMinus(this.entriesAdded, read);
  }

  /** Records that entry `id` was delivered to the group: moves its last ID and read counter. */
  advanceGroup(g: ConsumerGroup, id: StreamId): void {
    if (id.compare(g.lastId) <= 0) return;
    if (g.entriesRead !== ENTRIES_READ_UNKNOWN && !this.rangeHasTombstones(id, null)) g.entriesRead = counterPlus(g.entriesRead, 1);
    else if (this.entriesAdded !== 0) g.entriesRead = this.estimateDistance(id);
    g.lastId.copyFrom(id);
  }

  clone(): StreamValue {
    const s = new StreamValue();
    for (const n of this.nodes) s.nodes.push(n.clone());
    s.length = this.length;
    s.lastId.copyFrom(this.lastId);
    s.firstId.copyFrom(this.firstId);
    s.maxDeletedId.copyFrom(this.maxDeletedId);
    s.entriesAdded = this.entriesAdded;
    if (this.groups !== null) {
      s.groups = new Map();
      for (const [name, g] of this.groups) s.groups.set(name, g.clone());
    }
    return s;
  }
}

/**
 * A walk over the live entries of a stream between two IDs (inclusive), forward or backward
 * (Redis's streamIterator). After next() returns true, `id`, `node` and `pos` name the entry.
 * Valid until the stream changes.
 */
export class StreamIterator {
  readonly id = new StreamId();
  node: StreamNode | null = null;
  /** Position of the current entry in its node. */
  pos = 0;
  private nodeIndex = 0;
  private rev = false;
  /** Forward: `pos` is an entry not returned yet. */
  private fresh = false;
  /** Backward: the positions of the node's entries, walked from the end. */
  private positions: number[] = [];
  private k = 0;
  private readonly lower = new StreamId();
  private readonly upper = StreamId.max();

  constructor(private readonly stream: StreamValue) {}

  /** Positions before the first entry of [start, end] (null: the stream's first/last entry). */
  start(start: StreamId | null, end: StreamId | null, rev: boolean): this {
    if (start === null) this.lower.setZero();
    else this.lower.copyFrom(start);
    if (end === null) this.upper.setMax();
    else this.upper.copyFrom(end);
    this.rev = rev;
    const s = this.stream;
    const nodes = s.nodes;
    const n = s.nodeIndexFor(rev ? this.upper : this.lower);
    if (nodes.length === 0 || (rev && n < 0)) {
      // Backwards, a range below every node's first ID is empty.
      this.node = null;
      return this;
    }
    this.nodeIndex = n < 0 ? 0 : n;
    const node = (this.node = nodes[this.nodeIndex]!);
    if (rev) this.enterBackwards(node);
    else {
      this.pos = node.lowerBound(this.lower, this.id);
      this.fresh = true;
    }
    return this;
  }

  private enterBackwards(node: StreamNode): void {
    this.positions.length = 0;
    node.positions(this.positions);
    this.k = this.positions.length;
  }

  /** Moves to the next live entry in range; false at the end. */
  next(): boolean {
    let node = this.node;
    if (node === null) return false;
    const nodes = this.stream.nodes;
    for (;;) {
      if (!this.rev) {
        if (this.fresh) this.fresh = false;
        else this.pos = node.next(this.pos);
        if (this.pos >= node.size) {
          if (++this.nodeIndex >= nodes.length) break;
          node = this.node = nodes[this.nodeIndex]!;
          this.pos = 0;
          this.fresh = true;
          continue;
        }
        if (node.isDeleted(this.pos)) continue;
        if (node.readId(this.pos, this.id).compare(this.upper) > 0) break;
        return true;
      }
      if (--this.k < 0) {
        if (--this.nodeIndex < 0) break;
        node = this.node = nodes[this.nodeIndex]!;
        this.enterBackwards(node);
        continue;
      }
      this.pos = this.positions[this.k]!;
      if (node.isDeleted(this.pos)) continue;
      node.readId(this.pos, this.id);
      if (this.id.compare(this.upper) > 0) continue;
      if (this.id.compare(this.lower) < 0) break;
      return true;
    }
    this.node = null;
    return false;
  }
}

/**
 * Nodes of a radix tree (Redis's rax) holding these equal-length keys, in ascending order: the
 * root, every key, every point where keys branch, and every child of a branching point (a run of
 * single-child positions is one compressed node).
 */
export function radixTreeNodeCount(keys: readonly string[]): number {
  const nodes = new Set<string>(['']);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    nodes.add(key);
    if (i === 0) continue;
    const prev = keys[i - 1]!;
    let d = 0;
    while (prev.charCodeAt(d) === key.charCodeAt(d)) d++;
    nodes.add(prev.slice(0, d));
    nodes.add(prev.slice(0, d + 1));
    nodes.add(key.slice(0, d + 1));
  }
  return nodes.size;
}
