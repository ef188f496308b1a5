// A list value (Redis's t_list.c over a quicklist).
//
// Two layouts behind one class, so that command code sees one shape:
// - small: the elements packed in one string (storage/list-packed.ts), as Redis keeps a small
//   list in one listpack: up to 128 elements and 8 KB; a change rewrites the string, as a listpack
//   change moves its bytes;
// - large: a doubly linked list of nodes (storage/list-node.ts), as Redis's quicklist. The nodes
//   at both ends stay open (arrays), so a push or pop is O(1); a node packs into one compact
//   string when a push leaves it two nodes away from an end, so the bulk of a long list costs
//   about what Redis's listpacks cost. Index access walks whole nodes from the nearest end, or
//   from the node last visited (the "finger"), which makes scans such as LRANGE O(1) per element.
// The layout is not observable: Redis 7.0 reports every list as "quicklist" (listpack-encoded
// lists came in 7.2), so OBJECT ENCODING says quicklist whatever the size.

import { ListNode, NODE_MAX_BYTES, NODE_MAX_ITEMS, type ElementSink } from './list-node.js';
import { dataStart, elementEnd, encodeElement, lengthChars, packElements, previousStart, readBackward, readForward, unpackElements } from './list-packed.js';
import { cut, flat, ownedSlice } from './packed-string.js';
import type { CollectionValue } from './value.js';

/** A small list moves to nodes when it would grow past this many elements or bytes... */
const SMALL_MAX = 128;
const SMALL_MAX_BYTES = NODE_MAX_BYTES;
/** ...and back to one packed string when a removal leaves this many or fewer (hysteresis). */
const SMALL_AGAIN = 32;
const SMALL_AGAIN_BYTES = NODE_MAX_BYTES / 2;

export class ListValue implements CollectionValue {
  length = 0;
  /** The elements packed while small (list-packed.ts); null while large. */
  private packed: string | null = '';
  /** Bytes of the elements while small. */
  private bytes = 0;
  /** While small: an element index and where it starts in `packed` (a cache, -1 when none). */
  private packedFinger = -1;
  private packedFingerPos = 0;
  private head: ListNode | null = null;
  private tail: ListNode | null = null;
  /**
   * The node last located and the index of its first element: a cache, not state (a read may
   * move it), dropped by any change it cannot follow cheaply.
   */
  private finger: ListNode | null = null;
  private fingerStart = 0;

  /** A list holding `items` (the array is taken over when the list is large). */
  constructor(items: string[] = []) {
    let bytes = 0;
    for (let i = 0; i < items.length; i++) bytes += items[i]!.length;
    this.length = items.length;
    if (items.length > SMALL_MAX || bytes > SMALL_MAX_BYTES) this.toNodes(items);
    else this.setPacked(packElements(items), bytes);
  }

  get type(): 'list' {
    return 'list';
  }

  encoding(): string {
    return 'quicklist';
  }

  clone(): ListValue {
    if (this.packed === null) return new ListValue(this.toArray());
    // A packed string is never changed in place: the copy shares it.
    const copy = new ListValue();
    copy.setPacked(this.packed, this.bytes);
    copy.length = this.length;
    return copy;
  }

  /** The element at `i`, 0 <= i < length. */
  at(i: number): string {
    const p = this.packed;
    if (p !== null) {
      const n = readForward(p, this.seekPacked(p, i));
      return ownedSlice(p, dataStart, dataStart + n);
    }
    let node = this.finger;
    let j = i - this.fingerStart;
    if (node === null || j < 0 || j >= node.count) {
      node = this.locate(i);
      j = i - this.fingerStart;
    }
    return node.at(j);
  }

  /** Passes elements start..end (inclusive, 0 <= start <= end < length) to `sink`, in order. */
  writeRange(start: number, end: number, sink: ElementSink): void {
    const p = this.packed;
    if (p !== null) {
      let pos = this.seekPacked(p, start);
      for (let i = start; i <= end; i++) {
        const n = readForward(p, pos);
        sink.bulkSlice(p, dataStart, dataStart + n);
        pos = dataStart + n + lengthChars(n);
      }
      return;
    }
    let node: ListNode | null = this.locate(start);
    let from = start - this.fingerStart;
    let left = end - start + 1;
    while (left > 0) {
      const to = Math.min(node!.count, from + left);
      node!.writeRange(from, to, sink);
      left -= to - from;
      from = 0;
      node = node!.next;
    }
  }

  /** Replaces the element at `i`, 0 <= i < length. */
  setAt(i: number, v: string): void {
    const p = this.packed;
    if (p !== null) {
      const pos = this.seekPacked(p, i);
      const old = readForward(p, pos);
      const bytes = this.bytes + v.length - old;
      if (bytes <= SMALL_MAX_BYTES) {
        const end = dataStart + old + lengthChars(old);
        this.setPacked(flat(p.slice(0, pos) + encodeElement(v) + p.slice(end)), bytes);
        return;
      }
      this.toNodes(unpackElements(p));
    }
    const node = this.locate(i);
    const wasPacked = node.items === null;
    const arr = node.open();
    const j = i - this.fingerStart;
    node.bytes += v.length - arr[j]!.length;
    arr[j] = v;
    if (wasPacked) node.pack();
  }

  pushHead(v: string): void {
    const p = this.packed;
    if (p !== null) {
      if (this.length < SMALL_MAX && this.bytes + v.length <= SMALL_MAX_BYTES) {
        this.length++;
        this.setPacked(flat(encodeElement(v) + p), this.bytes + v.length);
        return;
      }
      this.toNodes(unpackElements(p));
    }
    const h = this.head!;
    if (h.hasRoom(v.length)) {
      if (h.reversed) h.items!.push(v);
      else h.items!.unshift(v);
      h.count++;
      h.bytes += v.length;
    } else {
      const n = new ListNode([v], v.length);
      n.reversed = true;
      n.next = h;
      h.prev = n;
      this.head = n;
      const far = h.next;
      if (far !== null && far !== this.tail) far.pack();
    }
    this.length++;
    if (this.finger !== null && this.finger !== this.head) this.fingerStart++;
  }

  pushTail(v: string): void {
    const p = this.packed;
    if (p !== null) {
      if (this.length < SMALL_MAX && this.bytes + v.length <= SMALL_MAX_BYTES) {
        this.length++;
        this.setPacked(flat(p + encodeElement(v)), this.bytes + v.length);
        return;
      }
      this.toNodes(unpackElements(p));
    }
    const t = this.tail!;
    if (t.hasRoom(v.length)) {
      if (t.reversed) t.items!.unshift(v);
      else t.items!.push(v);
      t.count++;
      t.bytes += v.length;
    } else {
      const n = new ListNode([v], v.length);
      n.prev = t;
      t.next = n;
      this.tail = n;
      const far = t.prev;
      if (far !== null && far !== this.head) far.pack();
    }
    this.length++;
  }

  /** Removes and returns the first element; undefined when empty. */
  popHead(): string | undefined {
    if (this.length === 0) return undefined;
    this.length--;
    const p = this.packed;
    if (p !== null) {
      const n = readForward(p, 0);
      const v = ownedSlice(p, dataStart, dataStart + n);
      this.setPacked(cut(p, 0, dataStart + n + lengthChars(n)), this.bytes - n);
      return v;
    }
    const h = this.head!;
    // Turn a node consumed from the head around once, so that each pop is a pop() rather than
    // a shift() that moves the rest (not when it is also the tail, which pops from the other end).
    if (!h.reversed && h !== this.tail) h.turn();
    const v = (h.reversed ? h.items!.pop() : h.items!.shift())!;
    h.count--;
    h.bytes -= v.length;
    if (h.count === 0) {
      // The only node (a list of a few large elements) emptied: the list is small again.
      if (h.next === null) {
        this.toSmall();
        return v;
      }
      const n = h.next;
      n.prev = null;
      n.unpack();
      this.head = n;
      if (this.finger === h) this.finger = null;
    }
    if (this.finger === this.head) this.fingerStart = 0;
    else if (this.finger !== null) this.fingerStart--;
    if (this.length <= SMALL_AGAIN) this.toSmall();
    return v;
  }

  /** Removes and returns the last element; undefined when empty. */
  popTail(): string | undefined {
    if (this.length === 0) return undefined;
    this.length--;
    const p = this.packed;
    if (p !== null) {
      const n = readBackward(p, p.length);
      const v = ownedSlice(p, dataStart, dataStart + n);
      this.setPacked(cut(p, dataStart - lengthChars(n), p.length), this.bytes - n);
      return v;
    }
    const t = this.tail!;
    if (t.reversed && t !== this.head) t.turn();
    const v = (t.reversed ? t.items!.shift() : t.items!.pop())!;
    t.count--;
    t.bytes -= v.length;
    if (t.count === 0) {
      if (t.prev === null) {
        this.toSmall();
        return v;
      }
      const n = t.prev;
      n.next = null;
      n.unpack();
      this.tail = n;
      if (this.finger === t) this.finger = null;
    }
    if (this.length <= SMALL_AGAIN) this.toSmall();
    return v;
  }

  /** Inserts `v` so that it becomes element `i` (0 <= i <= length); O(1) beyond finding node i. */
  insertAt(i: number, v: string): void {
    if (i === 0) return this.pushHead(v);
    if (i === this.length) return this.pushTail(v);
    const p = this.packed;
    if (p !== null) {
      if (this.length < SMALL_MAX && this.bytes + v.length <= SMALL_MAX_BYTES) {
        const pos = this.seekPacked(p, i);
        this.length++;
        this.setPacked(flat(p.slice(0, pos) + encodeElement(v) + p.slice(pos)), this.bytes + v.length);
        return;
      }
      this.toNodes(unpackElements(p));
    }
    const node = this.locate(i);
    node.open().splice(i - this.fingerStart, 0, v);
    node.count++;
    node.bytes += v.length;
    this.length++;
    this.finger = null;
    if (node.count > NODE_MAX_ITEMS || (node.bytes > NODE_MAX_BYTES && node.count > 1)) this.split(node);
    else this.packInterior(node);
  }

  /** Index of the first element equal to `v` from the head, or -1. */
  indexOf(v: string): number {
    const p = this.packed;
    if (p !== null) {
      const len = v.length;
      for (let i = 0, pos = 0; pos < p.length; i++) {
        const n = readForward(p, pos);
        if (n === len && p.startsWith(v, dataStart)) return i;
        pos = dataStart + n + lengthChars(n);
      }
      return -1;
    }
    let start = 0;
    for (let node = this.head; node !== null; node = node.next) {
      const j = node.indexOf(v);
      if (j >= 0) {
        this.finger = node;
        this.fingerStart = start;
        return start + j;
      }
      start += node.count;
    }
    return -1;
  }

  /**
   * Removes up to `limit` elements equal to `v` (all when limit is 0), found from the head, or
   * from the tail when `fromTail`; returns how many. Only nodes holding a match are unpacked.
   */
  removeEqual(v: string, limit: number, fromTail: boolean): number {
    const max = limit === 0 ? Infinity : limit;
    const p = this.packed;
    if (p !== null) {
      if (this.indexOf(v) < 0) return 0;
      const items = unpackElements(p);
      const removed = removeFromArray(items, v, max, fromTail);
      this.length -= removed;
      this.setPacked(packElements(items), this.bytes - removed * v.length);
      return removed;
    }
    let removed = 0;
    let node = fromTail ? this.tail : this.head;
    while (node !== null && removed < max) {
      const following = fromTail ? node.prev : node.next;
      if (node.indexOf(v) >= 0) {
        const before = node.count;
        const arr = node.open();
        const gone = removeFromArray(arr, v, max - removed, fromTail);
        removed += gone;
        node.count = before - gone;
        node.bytes -= gone * v.length;
        if (node.count === 0 && (node.prev !== null || node.next !== null)) this.unlink(node);
        else this.packInterior(node);
      }
      node = following;
    }
    if (removed > 0) this.afterRemoval(removed);
    return removed;
  }

  /** Removes the first `k` elements (k <= length). */
  dropHead(k: number): void {
    if (k === 0) return;
    const p = this.packed;
    if (p !== null) {
      let pos = 0;
      let bytes = this.bytes;
      for (let j = 0; j < k; j++) {
        const n = readForward(p, pos);
        bytes -= n;
        pos = dataStart + n + lengthChars(n);
      }
      this.length -= k;
      this.setPacked(cut(p, 0, pos), bytes);
      return;
    }
    let left = k;
    while (left > 0) {
      const h = this.head!;
      if (h.count <= left && h.next !== null) {
        left -= h.count;
        this.unlink(h);
        continue;
      }
      const gone = h.open().splice(0, left);
      for (let j = 0; j < gone.length; j++) h.bytes -= gone[j]!.length;
      h.count -= left;
      left = 0;
    }
    this.afterRemoval(k);
  }

  /** Removes the last `k` elements (k <= length). */
  dropTail(k: number): void {
    if (k === 0) return;
    const p = this.packed;
    if (p !== null) {
      let end = p.length;
      let bytes = this.bytes;
      for (let j = 0; j < k; j++) {
        const n = readBackward(p, end);
        bytes -= n;
        end = dataStart - lengthChars(n);
      }
      this.length -= k;
      this.setPacked(cut(p, end, p.length), bytes);
      return;
    }
    let left = k;
    while (left > 0) {
      const t = this.tail!;
      if (t.count <= left && t.prev !== null) {
        left -= t.count;
        this.unlink(t);
        continue;
      }
      const arr = t.open();
      for (let j = arr.length - left; j < arr.length; j++) t.bytes -= arr[j]!.length;
      arr.length -= left;
      t.count -= left;
      left = 0;
    }
    this.afterRemoval(k);
  }

  /** The node holding element `i` (0 <= i < length); leaves the finger on it. */
  private locate(i: number): ListNode {
    const f = this.finger;
    const fromTail = this.length - 1 - i;
    let node: ListNode;
    let start: number;
    if (f !== null && Math.abs(i - this.fingerStart) < Math.min(i, fromTail)) {
      node = f;
      start = this.fingerStart;
    } else if (i <= fromTail) {
      node = this.head!;
      start = 0;
    } else {
      node = this.tail!;
      start = this.length - node.count;
    }
    while (i < start) {
      node = node.prev!;
      start -= node.count;
    }
    while (i >= start + node.count) {
      start += node.count;
      node = node.next!;
    }
    this.finger = node;
    this.fingerStart = start;
    return node;
  }

  /** Splits an overfull node in two halves. */
  private split(node: ListNode): void {
    const arr = node.items!;
    const rest = arr.splice(arr.length >>> 1);
    let bytes = 0;
    for (let j = 0; j < rest.length; j++) bytes += rest[j]!.length;
    const right = new ListNode(rest, bytes);
    node.count = arr.length;
    node.bytes -= bytes;
    right.prev = node;
    right.next = node.next;
    if (node.next !== null) node.next.prev = right;
    else this.tail = right;
    node.next = right;
    this.packInterior(node);
    this.packInterior(right);
  }

  /** Packs a node unless it is at an end, where pushes and pops want it open. */
  private packInterior(node: ListNode): void {
    if (node !== this.head && node !== this.tail) node.pack();
  }

  /** Takes a node out of the chain (the chain keeps at least one node). */
  private unlink(node: ListNode): void {
    if (node.prev !== null) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next !== null) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = node.next = null;
  }

  private afterRemoval(removed: number): void {
    this.length -= removed;
    this.finger = null;
    if (!this.toSmall()) {
      this.head!.unpack();
      this.tail!.unpack();
    }
  }

  private toNodes(all: string[]): void {
    let cur: string[] = [];
    let bytes = 0;
    let last: ListNode | null = null;
    const link = (): void => {
      const n = new ListNode(cur, bytes);
      if (last === null) this.head = n;
      else {
        last.next = n;
        n.prev = last;
      }
      last = n;
    };
    for (let j = 0; j < all.length; j++) {
      const v = all[j]!;
      if (cur.length > 0 && (cur.length >= NODE_MAX_ITEMS || bytes + v.length > NODE_MAX_BYTES)) {
        link();
        cur = [];
        bytes = 0;
      }
      cur.push(v);
      bytes += v.length;
    }
    link();
    this.tail = last;
    for (let n = this.head!.next; n !== null && n !== this.tail; n = n.next) n.pack();
    this.packed = null;
    this.finger = null;
  }

  /** Packs a large list that has become small enough again; false when it has not. */
  private toSmall(): boolean {
    if (this.length > SMALL_AGAIN) return false;
    let bytes = 0;
    for (let node = this.head; node !== null; node = node.next) bytes += node.bytes;
    if (bytes > SMALL_AGAIN_BYTES) return false;
    this.setPacked(packElements(this.toArray()), bytes);
    this.head = this.tail = this.finger = null;
    return true;
  }

  private setPacked(p: string, bytes: number): void {
    this.packed = p;
    this.bytes = bytes;
    this.packedFinger = -1;
  }

  /**
   * Where element `i` (0 <= i <= length) starts in the packed string: walked from the head, the
   * tail or the element last sought, whichever is nearest (LPOS and LINDEX in a loop stay linear).
   */
  private seekPacked(p: string, i: number): number {
    const fromTail = this.length - i;
    let k: number;
    let pos: number;
    const f = this.packedFinger;
    if (f >= 0 && Math.abs(i - f) < Math.min(i, fromTail)) {
      k = f;
      pos = this.packedFingerPos;
    } else if (i <= fromTail) {
      k = 0;
      pos = 0;
    } else {
      k = this.length;
      pos = p.length;
    }
    for (; k < i; k++) pos = elementEnd(p, pos);
    for (; k > i; k--) pos = previousStart(p, pos);
    this.packedFinger = i;
    this.packedFingerPos = pos;
    return pos;
  }

  private toArray(): string[] {
    if (this.packed !== null) return unpackElements(this.packed);
    const out: string[] = [];
    for (let node = this.head; node !== null; node = node.next) {
      for (let j = 0; j < node.count; j++) out.push(node.at(j));
    }
    return out;
  }
}

/**
 * Removes from `arr` up to `max` elements equal to `v`, the first ones or, when `fromTail`, the
 * last ones; returns how many.
 */
function removeFromArray(arr: string[], v: string, max: number, fromTail: boolean): number {
  const n = arr.length;
  // The matches to remove lie in [lo, hi]; find the bound that `max` sets.
  let lo = 0;
  let hi = n - 1;
  let found = 0;
  if (fromTail) {
    for (let r = n - 1; r >= 0 && found < max; r--) {
      if (arr[r] === v) {
        found++;
        lo = r;
      }
    }
  } else {
    for (let r = 0; r < n && found < max; r++) {
      if (arr[r] === v) {
        found++;
        hi = r;
      }
    }
  }
  if (found === 0) return 0;
  let w = lo;
  for (let r = lo; r < n; r++) {
    const e = arr[r]!;
    if (r > hi || e !== v) arr[w++] = e;
  }
  arr.length = w;
  return found;
}
