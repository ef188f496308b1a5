// A sorted set value (Redis's t_zset.c), in Redis's two encodings:
// - listpack, for small sets: the ordered elements only. Finding a member walks them, as Redis
//   walks its listpack, and scores are stored as a listpack stores them (-0 becomes 0);
// - skiplist, for large sets: the ordered elements plus a Map member -> score, so lookups are
//   O(1) and rank, insert and delete O(log n).
// The ordered elements are a ScoreTree in both encodings (a small set is a single leaf: two short
// arrays). A set moves to skiplist exactly when Redis converts one (an insert past
// zset-max-listpack-entries or of a member longer than zset-max-listpack-value) and never moves
// back; only the *STORE commands build a new value in whichever encoding fits (fromMap).

import type { EncodingSettings } from './encoding-settings.js';
import type { CollectionValue } from './value.js';
import { ScoreTree, type ScoreLeaf } from './zset-tree.js';
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
export class ZsetCursor {
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

export class SortedSet implements CollectionValue {
  readonly type = 'zset' as const;
  /** The elements in Redis's order (score, then member bytes). */
  readonly tree: ScoreTree;
  /** member -> score in the skiplist encoding; null in the listpack encoding. */
  private dict: Map<string, number> | null;

  constructor(tree: ScoreTree = new ScoreTree(), dict: Map<string, number> | null = null) {
    this.tree = tree;
    this.dict = dict;
  }

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
    if (n <= settings.zsetMaxListpackEntries && longest <= settings.zsetMaxListpackValue) {
      for (let i = 0; i < n; i++) if (values[i] === 0) values[i] = 0; // a listpack has no -0
      return new SortedSet(ScoreTree.fromSorted(members, values), null);
    }
    return new SortedSet(ScoreTree.fromSorted(members, values), scores);
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
    const tree = ScoreTree.fromSorted(members, scores);
    if (packed === n) return new SortedSet(tree, null);
    const dict = new Map<string, number>();
    for (let i = 0; i < n; i++) dict.set(members[i]!, scores[i]!);
    return new SortedSet(tree, dict);
  }

  get length(): number {
    return this.tree.size;
  }

  encoding(): string {
    return this.dict === null ? 'listpack' : 'skiplist';
  }

  clone(): SortedSet {
    const members: string[] = [];
    const scores: number[] = [];
    for (let leaf = this.tree.head; leaf !== null; leaf = leaf.next) {
      for (let i = 0; i < leaf.members.length; i++) {
        members.push(leaf.members[i]!);
        scores.push(leaf.scores[i]!);
      }
    }
    return new SortedSet(ScoreTree.fromSorted(members, scores), this.dict === null ? null : new Map(this.dict));
  }

  /** The score of a member, or undefined. */
  score(member: string): number | undefined {
    const dict = this.dict;
    if (dict !== null) return dict.get(member);
    for (let leaf = this.tree.head; leaf !== null; leaf = leaf.next) {
      const i = leaf.members.indexOf(member);
      if (i >= 0) return leaf.scores[i];
    }
    return undefined;
  }

  /** 0-based rank of a member in ascending order, or -1. */
  rank(member: string): number {
    const dict = this.dict;
    if (dict !== null) {
      const s = dict.get(member);
      return s === undefined ? -1 : this.tree.rankOf(s, member);
    }
    let base = 0;
    for (let leaf = this.tree.head; leaf !== null; leaf = leaf.next) {
      const i = leaf.members.indexOf(member);
      if (i >= 0) return base + i;
      base += leaf.members.length;
    }
    return -1;
  }

  /** Adds a member that is not in the set, converting to skiplist first when Redis would. */
  insert(member: string, score: number, settings: EncodingSettings): void {
    if (this.dict === null) {
      if (this.tree.size + 1 <= settings.zsetMaxListpackEntries && member.length <= settings.zsetMaxListpackValue) {
        this.tree.insert(score === 0 ? 0 : score, member);
        return;
      }
      this.toSkiplist();
    }
    this.dict!.set(member, score);
    this.tree.insert(score, member);
  }

  /** Moves a member from its current score (as score() returned it) to a new one. */
  update(member: string, current: number, score: number): void {
    if (this.dict === null) {
      this.tree.updateScore(member, current, score === 0 ? 0 : score);
    } else {
      this.dict.set(member, score);
      this.tree.updateScore(member, current, score);
    }
  }

  /** Removes a member; false when it is not in the set. */
  remove(member: string): boolean {
    const s = this.score(member);
    if (s === undefined) return false;
    if (this.dict !== null) this.dict.delete(member);
    return this.tree.remove(s, member);
  }

  /** Removes ranks [start, start + count). */
  removeRange(start: number, count: number): void {
    this.tree.removeRange(start, count, this.dict);
  }

  /** A walk from a rank (0 <= rank < length). */
  cursor(rank: number): ZsetCursor {
    return new ZsetCursor(this.tree, rank);
  }

  memberAt(rank: number): string {
    const leaf = this.tree.leafAt(rank);
    return leaf.members[this.tree.offset]!;
  }

  scoreAt(rank: number): number {
    const leaf = this.tree.leafAt(rank);
    return leaf.scores[this.tree.offset]!;
  }

  /** The member -> score map to scan in the skiplist encoding; null in listpack (scanned whole). */
  scanSource(): Map<string, number> | null {
    return this.dict;
  }

  // ---- score ranges (the elements are in score order in both encodings) --------------------

  /** Rank of the first element within the range's min. */
  scoreStart(r: ScoreRange): number {
    return this.tree.countScoreBelow(r.min, r.minExclusive);
  }

  /** Rank just past the last element within the range's max. */
  scoreEnd(r: ScoreRange): number {
    return this.tree.countScoreBelow(r.max, !r.maxExclusive);
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
    const n = this.tree.size;
    if (n === 0 || lexRangeIsEmpty(r)) return -1;
    if (this.dict !== null) {
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
    if (this.dict !== null) {
      const run = reverse ? p - this.lexStart(r) + 1 : this.lexEnd(r) - p;
      return Math.max(0, Math.min(run, cap));
    }
    const n = this.tree.size;
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
    if (r.minKind === LEX_PLUS) return this.tree.size;
    return this.tree.countMemberBelow(r.min, r.minExclusive);
  }

  /** Rank just past the last member at or below the range's max, members assumed in order. */
  private lexEnd(r: LexRange): number {
    if (r.maxKind === LEX_PLUS) return this.tree.size;
    if (r.maxKind === LEX_MINUS) return 0;
    return this.tree.countMemberBelow(r.max, !r.maxExclusive);
  }

  private toSkiplist(): void {
    const dict = new Map<string, number>();
    for (let leaf = this.tree.head; leaf !== null; leaf = leaf.next) {
      const members = leaf.members;
      const scores = leaf.scores;
      for (let i = 0; i < members.length; i++) dict.set(members[i]!, scores[i]!);
    }
    this.dict = dict;
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
