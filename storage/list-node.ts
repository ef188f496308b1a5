// One node of a large list (a quicklist node): up to NODE_MAX_ITEMS elements, either open (an
// array of strings, cheap to change) or packed into one one-byte string, which costs about what
// a listpack costs (two bytes per element plus the bytes themselves, instead of a pointer and a
// ~24-byte string object per element):
//
//   [end of element 0: 2 bytes][end of element 1: 2 bytes]...[bytes of element 0][element 1]...
//
// Ends are big-endian offsets into the data part, so a node packs only when its data fits in
// 65535 bytes; a node holding one huge element stays open.

/** A node takes no more elements than this... */
export const NODE_MAX_ITEMS = 128;
/** ...nor more bytes than this, unless it is its only element (Redis's default 8 KB nodes). */
export const NODE_MAX_BYTES = 8192;
const PACK_MAX_BYTES = 65535;

/** Where a range of elements goes (the reply writer is one): whole strings or slices of one. */
export interface ElementSink {
  bulk(s: string): void;
  bulkSlice(s: string, start: number, end: number): void;
}

// Scratch space for packing, reused so that packing allocates only its result.
const ends: number[] = [];
const parts: string[] = [];

export class ListNode {
  prev: ListNode | null = null;
  next: ListNode | null = null;
  /** The elements while open; null while packed. */
  items: string[] | null;
  /**
   * True while `items` holds the elements last to first: a node that grows at the head of the
   * list does so with push() instead of an unshift() that moves every element.
   */
  reversed = false;
  /** The elements while packed; null while open. */
  packed: string | null = null;
  count: number;
  /** Total bytes of the elements. */
  bytes: number;

  constructor(items: string[], bytes: number) {
    this.items = items;
    this.count = items.length;
    this.bytes = bytes;
  }

  /** True when an element of `len` bytes may join this node at an end. */
  hasRoom(len: number): boolean {
    return this.count < NODE_MAX_ITEMS && (this.count === 0 || this.bytes + len <= NODE_MAX_BYTES);
  }

  /** The element at `j`, 0 <= j < count. */
  at(j: number): string {
    const items = this.items;
    if (items !== null) return items[this.reversed ? this.count - 1 - j : j]!;
    const p = this.packed!;
    const start = j === 0 ? 0 : endOf(p, j - 1);
    const base = this.count << 1;
    return p.slice(base + start, base + endOf(p, j));
  }

  /** Passes elements from..to-1 to `sink`, packed ones without copying them out. */
  writeRange(from: number, to: number, sink: ElementSink): void {
    const items = this.items;
    if (items !== null) {
      if (this.reversed) for (let j = from, last = this.count - 1; j < to; j++) sink.bulk(items[last - j]!);
      else for (let j = from; j < to; j++) sink.bulk(items[j]!);
      return;
    }
    const p = this.packed!;
    const base = this.count << 1;
    let start = from === 0 ? 0 : endOf(p, from - 1);
    for (let j = from; j < to; j++) {
      const end = endOf(p, j);
      sink.bulkSlice(p, base + start, base + end);
      start = end;
    }
  }

  /** Index of the first element equal to `v`, or -1, without unpacking. */
  indexOf(v: string): number {
    const items = this.items;
    if (items !== null) {
      if (!this.reversed) return items.indexOf(v);
      const k = items.lastIndexOf(v);
      return k < 0 ? -1 : this.count - 1 - k;
    }
    const p = this.packed!;
    const n = this.count;
    const base = n << 1;
    const len = v.length;
    let start = 0;
    for (let j = 0; j < n; j++) {
      const end = endOf(p, j);
      if (end - start === len && p.startsWith(v, base + start)) return j;
      start = end;
    }
    return -1;
  }

  /** Reverses the order in which an open node holds its elements. */
  turn(): void {
    this.items!.reverse();
    this.reversed = !this.reversed;
  }

  /** The elements, first to last, as an array to change in place: unpacks the node if needed. */
  open(): string[] {
    const items = this.unpack();
    if (this.reversed) this.turn();
    return items;
  }

  /** The elements as an array, in the node's order (see `reversed`): unpacks the node if needed. */
  unpack(): string[] {
    let items = this.items;
    if (items !== null) return items;
    const p = this.packed!;
    const n = this.count;
    const base = n << 1;
    items = [];
    let start = 0;
    for (let j = 0; j < n; j++) {
      const end = endOf(p, j);
      items.push(p.slice(base + start, base + end));
      start = end;
    }
    this.items = items;
    this.packed = null;
    return items;
  }

  /** Packs an open node into one string when its data fits the 2-byte offsets. */
  pack(): void {
    if (this.items === null || this.count === 0 || this.bytes > PACK_MAX_BYTES) return;
    const items = this.open();
    let end = 0;
    for (let j = 0; j < items.length; j++) {
      end += items[j]!.length;
      ends.push(end >>> 8, end & 0xff);
    }
    parts.push(String.fromCharCode.apply(null, ends));
    for (let j = 0; j < items.length; j++) parts.push(items[j]!);
    // join builds one flat string (a + would leave a cons string holding both halves).
    this.packed = parts.join('');
    ends.length = 0;
    parts.length = 0;
    this.items = null;
  }
}

function endOf(p: string, j: number): number {
  return (p.charCodeAt(j << 1) << 8) | p.charCodeAt((j << 1) + 1);
}
