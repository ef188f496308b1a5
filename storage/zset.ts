// A sorted set value (Redis's t_zset.c), in Redis's two encodings:
// - listpack, for small sets: the elements in order packed into one latin1 string
//   (zset-listpack.ts), walked for every operation as Redis walks its listpack, scores stored as
//   a listpack stores them (-0 becomes 0);
// - skiplist, for large sets: a ScoreTree (zset-tree.ts) for order and ranks plus a Map
//   member -> score, so lookups are O(1) and rank, insert and delete O(log n).
// A set moves to skiplist exactly when Redis converts one (an insert past
// zset-max-listpack-entries or of a member longer than zset-max-listpack-value) and never moves
// back; only the *STORE commands build a new value in whichever encoding fits.

import type { EncodingSettings } from './encoding-settings.js';
import { flat } from './packed-string.js';
import type { CollectionValue } from './value.js';
import { ScoreTree, type ScoreLeaf } from './zset-tree.js';
import {
  elementEnd,
  findMember,
  insertPosition,
  memberAt as packedMember,
  memberLength,
  memberStart,
  packElement,
  positionOf,
  scoreAt as packedScore,
} from './zset-listpack.js';
import {
  LEX_MINUS,
  LEX_PLUS,
  lexRangeIsEmpty,
  memberAboveMin,
  memberBelowMax,
  type LexRange,
  type ScoreRange,
} from './zset-range.js';

/** A walk over consecutive elements, forward or backward, from a rank. */
export interface ZsetCursor {
  readonly member: string;
  readonly score: number;
  forward(): void;
  backward(): void;
}

class TreeCursor implements ZsetCursor {
  private leaf: ScoreLeaf;
  private i: number;

  constructor(tree: ScoreTree, rank: number) {
    this.leaf = tree.leafAt(rank);
    this.i = tree.offset;
  }

  get member(): string {
    return this.leaf.members[this.i]!;
  }

  get score(): number {
    return this.leaf.scores[this.i]!;
  }

  forward(): void {
    if (++this.i === this.leaf.members.length && this.leaf.next !== null) {
      this.leaf = this.leaf.next;
      this.i = 0;
    }
  }

  backward(): void {
    if (--this.i < 0 && this.leaf.prev !== null) {
      this.leaf = this.leaf.prev;
      this.i = this.leaf.members.length - 1;
    }
  }
}

class PackedCursor implements ZsetCursor {
  private pos: number;
  /** Positions of the elements up to the current one, once walking backward. */
  private positions: number[] | null = null;

  constructor(
    private readonly packed: string,
    private rank: number,
    /** A copy of the packed bytes when members must not keep the packed string alive. */
    private readonly copy: Buffer | null,
  ) {
    this.pos = positionOf(packed, rank);
  }

  get member(): string {
    if (this.copy === null) return packedMember(this.packed, this.pos);
    const start = memberStart(this.packed, this.pos);
    return this.copy.toString('latin1', start, start + memberLength(this.packed, this.pos));
  }

  get score(): number {
    return packedScore(this.packed, this.pos);
  }

  forward(): void {
    if (this.pos >= this.packed.length) return;
    this.pos = elementEnd(this.packed, this.pos);
    this.rank++;
  }

  backward(): void {
    if (this.rank === 0) return;
    if (this.positions === null) {
      const positions: number[] = [];
      for (let r = 0, pos = 0; r < this.rank; r++, pos = elementEnd(this.packed, pos)) positions.push(pos);
      this.positions = positions;
    }
    this.pos = this.positions[--this.rank]!;
  }
}

export class SortedSet implements CollectionValue {
  /** The listpack encoding: the packed elements; null once a skiplist. */
  private packed: string | null = '';
  /** Elements in the packed string. */
  private packedCount = 0;
  /** The skiplist encoding: the elements in order... */
  private tree: ScoreTree | null = null;
  /** ...and member -> score. */
  private dict: Map<string, number> | null = null;

  /**
   * A set holding `scores` (member -> score), encoded as Redis leaves the result of ZUNIONSTORE
   * and friends: listpack when it is short enough and no member is too long, else skiplist.
   * `scores` is taken over.
   */
  static fromMap(scores: Map<string, number>, settings: EncodingSettings): SortedSet {
    const entries = sortedEntries(scores);
    const n = entries.length;
    let longest = 0;
    const members: string[] = new Array(n);
    const values: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const [m, s] = entries[i]!;
      members[i] = m;
      values[i] = s;
      if (m.length > longest) longest = m.length;
    }
    if (n <= settings.zsetMaxListpackEntries && longest <= settings.zsetMaxListpackValue) return SortedSet.packedFrom(members, values);
    return SortedSet.indexedFrom(ScoreTree.fromSorted(members, values), scores);
  }

  /**
   * A set holding elements given in order (ascending `members`/`scores`), encoded as Redis leaves
   * a new set after adding them one by one (ZRANGESTORE), in ascending order or, when
   * `addedDescending`, from the last down. The set starts as zsetTypeCreate(sizeHint) makes it: a
   * skiplist when the hint is over zset-max-listpack-entries, else a listpack until an addition
   * passes the thresholds; elements added to the listpack are stored as it stores them (-0 as 0).
   * The arrays are taken over.
   */
  static fromOrdered(members: string[], scores: number[], addedDescending: boolean, sizeHint: number, settings: EncodingSettings): SortedSet {
    const n = members.length;
    let packed = sizeHint > settings.zsetMaxListpackEntries ? 0 : n;
    for (let p = 0; p < packed; p++) {
      const i = addedDescending ? n - 1 - p : p;
      if (p + 1 > settings.zsetMaxListpackEntries || members[i]!.length > settings.zsetMaxListpackValue) {
        packed = p;
        break;
      }
      if (scores[i] === 0) scores[i] = 0;
    }
    if (packed === n) return SortedSet.packedFrom(members, scores);
    const dict = new Map<string, number>();
    for (let i = 0; i < n; i++) dict.set(members[i]!, scores[i]!);
    return SortedSet.indexedFrom(ScoreTree.fromSorted(members, scores), dict);
  }

  /** A listpack of elements in order. */
  private static packedFrom(members: readonly string[], scores: readonly number[]): SortedSet {
    const parts: string[] = new Array(members.length);
    for (let i = 0; i < members.length; i++) parts[i] = packElement(members[i]!, scores[i] === 0 ? 0 : scores[i]!);
    const z = new SortedSet();
    z.packed = flat(parts.join(''));
    z.packedCount = members.length;
    return z;
  }

  private static indexedFrom(tree: ScoreTree, dict: Map<string, number>): SortedSet {
    const z = new SortedSet();
    z.packed = null;
    z.tree = tree;
    z.dict = dict;
    return z;
  }

  get type(): 'zset' {
    return 'zset';
  }

  get length(): number {
    return this.packed !== null ? this.packedCount : this.tree!.size;
  }

  encoding(): string {
    return this.packed !== null ? 'listpack' : 'skiplist';
  }

  clone(): SortedSet {
    if (this.packed !== null) {
      // Strings are immutable: the copy shares the packed string until either changes.
      const z = new SortedSet();
      z.packed = this.packed;
      z.packedCount = this.packedCount;
      return z;
    }
    const members: string[] = [];
    const scores: number[] = [];
    for (let leaf = this.tree!.head; leaf !== null; leaf = leaf.next) {
      for (let i = 0; i < leaf.members.length; i++) {
        members.push(leaf.members[i]!);
        scores.push(leaf.scores[i]!);
      }
    }
    return SortedSet.indexedFrom(ScoreTree.fromSorted(members, scores), new Map(this.dict!));
  }

  /** The score of a member, or undefined. */
  score(member: string): number | undefined {
    const packed = this.packed;
    if (packed === null) return this.dict!.get(member);
    const pos = findMember(packed, member);
    return pos < 0 ? undefined : packedScore(packed, pos);
  }

  /** 0-based rank of a member in ascending order, or -1. */
  rank(member: string): number {
    const packed = this.packed;
    if (packed === null) {
      const s = this.dict!.get(member);
      return s === undefined ? -1 : this.tree!.rankOf(s, member);
    }
    const pos = findMember(packed, member);
    if (pos < 0) return -1;
    let rank = 0;
    for (let p = 0; p < pos; p = elementEnd(packed, p)) rank++;
    return rank;
  }

  /** Adds a member that is not in the set, converting to skiplist first when Redis would. */
  insert(member: string, score: number, settings: EncodingSettings): void {
    if (this.packed !== null) {
      if (this.packedCount + 1 <= settings.zsetMaxListpackEntries && member.length <= settings.zsetMaxListpackValue) {
        this.packInsert(member, score);
        return;
      }
      this.toSkiplist();
    }
    this.dict!.set(member, score);
    this.tree!.insert(score, member);
  }

  /** Moves a member from its current score (as score() returned it) to a new one. */
  update(member: string, current: number, score: number): void {
    if (this.packed !== null) {
      this.packRemove(findMember(this.packed, member));
      this.packInsert(member, score);
    } else {
      this.dict!.set(member, score);
      this.tree!.updateScore(member, current, score);
    }
  }

  /** Removes a member; false when it is not in the set. */
  remove(member: string): boolean {
    if (this.packed !== null) {
      const pos = findMember(this.packed, member);
      if (pos < 0) return false;
      this.packRemove(pos);
      return true;
    }
    const s = this.dict!.get(member);
    if (s === undefined) return false;
    this.dict!.delete(member);
    return this.tree!.remove(s, member);
  }

  /** Removes ranks [start, start + count). */
  removeRange(start: number, count: number): void {
    const packed = this.packed;
    if (packed === null) {
      this.tree!.removeRange(start, count, this.dict);
      return;
    }
    if (count <= 0) return;
    const from = positionOf(packed, start);
    let to = from;
    for (let i = 0; i < count; i++) to = elementEnd(packed, to);
    this.packed = flat(packed.slice(0, from) + packed.slice(to));
    this.packedCount -= count;
  }

  /**
   * A walk from a rank (0 <= rank < length). With `keep`, the members it yields are copies that
   * may be stored (a listpack's members otherwise share its packed string's memory).
   */
  cursor(rank: number, keep = false): ZsetCursor {
    const packed = this.packed;
    if (packed === null) return new TreeCursor(this.tree!, rank);
    return new PackedCursor(packed, rank, keep ? Buffer.from(packed, 'latin1') : null);
  }

  memberAt(rank: number): string {
    const packed = this.packed;
    if (packed !== null) return packedMember(packed, positionOf(packed, rank));
    const tree = this.tree!;
    return tree.leafAt(rank).members[tree.offset]!;
  }

  scoreAt(rank: number): number {
    const packed = this.packed;
    if (packed !== null) return packedScore(packed, positionOf(packed, rank));
    const tree = this.tree!;
    return tree.leafAt(rank).scores[tree.offset]!;
  }

  /** The member -> score map to scan in the skiplist encoding; null in listpack (scanned whole). */
  scanSource(): Map<string, number> | null {
    return this.dict;
  }

  // ---- score ranges (the elements are in score order in both encodings) --------------------

  /** Rank of the first element within the range's min. */
  scoreStart(r: ScoreRange): number {
    return this.countScoreBelow(r.min, r.minExclusive);
  }

  /** Rank just past the last element within the range's max. */
  scoreEnd(r: ScoreRange): number {
    return this.countScoreBelow(r.max, !r.maxExclusive);
  }

  private countScoreBelow(x: number, inclusive: boolean): number {
    const packed = this.packed;
    if (packed === null) return this.tree!.countScoreBelow(x, inclusive);
    let rank = 0;
    for (let pos = 0; pos < packed.length; pos = elementEnd(packed, pos), rank++) {
      const s = packedScore(packed, pos);
      if (inclusive ? s > x : s >= x) break;
    }
    return rank;
  }

  // ---- lex ranges --------------------------------------------------------------------------
  // Redis defines them only when all scores are equal (members then in order). Otherwise the
  // answer depends on the encoding: a listpack is walked element by element, and that walk is
  // reproduced here; a skiplist is searched as if members were in order, and so is the tree.

  /**
   * Where a lex range walk starts: the rank of the first element in the range walking forward
   * (zzlFirstInLexRange), or of the last walking backward (zzlLastInLexRange); -1 when none.
   */
  lexRangeEdge(r: LexRange, reverse: boolean): number {
    const n = this.length;
    if (n === 0 || lexRangeIsEmpty(r)) return -1;
    if (this.packed === null) {
      if (!reverse) {
        const i = this.lexStart(r);
        return i < n && memberBelowMax(this.memberAt(i), r) ? i : -1;
      }
      const i = this.lexEnd(r) - 1;
      return i >= 0 && memberAboveMin(this.memberAt(i), r) ? i : -1;
    }
    if (!memberAboveMin(this.memberAt(n - 1), r) || !memberBelowMax(this.memberAt(0), r)) return -1;
    if (!reverse) {
      const c = this.cursor(0);
      for (let i = 0; i < n; i++, c.forward()) {
        if (memberAboveMin(c.member, r)) return memberBelowMax(c.member, r) ? i : -1;
      }
    } else {
      const c = this.cursor(n - 1);
      for (let i = n - 1; i >= 0; i--, c.backward()) {
        if (memberBelowMax(c.member, r)) return memberAboveMin(c.member, r) ? i : -1;
      }
    }
    return -1;
  }

  /**
   * How many elements from rank p on (walking forward, or backward when `reverse`) stay within
   * the range's max (or min), at most `limit` (negative: no limit).
   */
  lexRun(r: LexRange, p: number, reverse: boolean, limit: number): number {
    const cap = limit < 0 ? Infinity : limit;
    if (this.packed === null) {
      const run = reverse ? p - this.lexStart(r) + 1 : this.lexEnd(r) - p;
      return Math.max(0, Math.min(run, cap));
    }
    const n = this.packedCount;
    let count = 0;
    if (p < 0 || p >= n) return 0;
    const c = this.cursor(p);
    if (!reverse) {
      for (let i = p; i < n && count < cap && memberBelowMax(c.member, r); i++, c.forward()) count++;
    } else {
      for (let i = p; i >= 0 && count < cap && memberAboveMin(c.member, r); i--, c.backward()) count++;
    }
    return count;
  }

  /** Rank of the first member at or above the range's min, members assumed in order. */
  private lexStart(r: LexRange): number {
    if (r.minKind === LEX_MINUS) return 0;
    if (r.minKind === LEX_PLUS) return this.tree!.size;
    return this.tree!.countMemberBelow(r.min, r.minExclusive);
  }

  /** Rank just past the last member at or below the range's max, members assumed in order. */
  private lexEnd(r: LexRange): number {
    if (r.maxKind === LEX_PLUS) return this.tree!.size;
    if (r.maxKind === LEX_MINUS) return 0;
    return this.tree!.countMemberBelow(r.max, !r.maxExclusive);
  }

  // ---- listpack changes --------------------------------------------------------------------

  private packInsert(member: string, score: number): void {
    const packed = this.packed!;
    const s = score === 0 ? 0 : score; // a listpack has no -0
    const pos = insertPosition(packed, s, member);
    this.packed = flat(packed.slice(0, pos) + packElement(member, s) + packed.slice(pos));
    this.packedCount++;
  }

  private packRemove(pos: number): void {
    const packed = this.packed!;
    this.packed = flat(packed.slice(0, pos) + packed.slice(elementEnd(packed, pos)));
    this.packedCount--;
  }

  private toSkiplist(): void {
    const n = this.packedCount;
    const members: string[] = new Array(n);
    const scores: number[] = new Array(n);
    const c = this.cursor(0, true);
    for (let i = 0; i < n; i++, c.forward()) {
      members[i] = c.member;
      scores[i] = c.score;
    }
    const dict = new Map<string, number>();
    for (let i = 0; i < n; i++) dict.set(members[i]!, scores[i]!);
    this.tree = ScoreTree.fromSorted(members, scores);
    this.dict = dict;
    this.packed = null;
    this.packedCount = 0;
  }
}

/** The [member, score] pairs of a map in Redis's order (score, then member bytes). */
export function sortedEntries(scores: Map<string, number>): Array<[string, number]> {
  const entries = [...scores];
  entries.sort(compareEntries);
  return entries;
}

function compareEntries(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
