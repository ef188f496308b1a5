// The ordered index of a sorted set: an order-statistic B+tree over (score, member) pairs in
// Redis's order (score, then member bytes; latin1 strings compare by code unit, which is byte
// order). It plays the part of Redis's skip list: O(log n) insert, delete, rank, select by rank
// and search by score or member, and an O(log n + m) walk or removal of m neighbours.
//
// Layout, chosen for memory (one object per ~100 elements instead of one per element):
// - leaves hold parallel arrays of members and scores (a JS array of numbers stores unboxed
//   doubles) and are chained both ways for walks;
// - branches hold their children with, per child, the element count below it (for ranks) and
//   the child's largest (score, member) (for searches).
// Leaves and branches are at least a quarter full, except the root; a full rightmost leaf that
// receives a new largest element splits off just that element, so ascending inserts (timestamps,
// counters) leave full leaves behind.

/** Elements per leaf at most. */
export const LEAF_CAPACITY = 128;
/** Children per branch at most. */
const BRANCH_CAPACITY = 64;
const LEAF_MIN = LEAF_CAPACITY >> 2;
const BRANCH_MIN = BRANCH_CAPACITY >> 2;

export class ScoreLeaf {
  /** Members in order; the arrays hold exactly the elements (length is the element count). */
  members: string[];
  scores: number[];
  prev: ScoreLeaf | null = null;
  next: ScoreLeaf | null = null;

  constructor(members: string[], scores: number[]) {
    this.members = members;
    this.scores = scores;
  }
}

class ScoreBranch {
  children: Node[] = [];
  /** Elements below each child. */
  counts: number[] = [];
  /** The largest element below each child. */
  maxScores: number[] = [];
  maxMembers: string[] = [];
}

type Node = ScoreLeaf | ScoreBranch;

/** True when (s1, m1) sorts before (s2, m2). */
function before(s1: number, m1: string, s2: number, m2: string): boolean {
  return s1 < s2 || (s1 === s2 && m1 < m2);
}

function fill(n: Node): number {
  return n instanceof ScoreLeaf ? n.members.length : n.children.length;
}

function underfull(n: Node): boolean {
  return n instanceof ScoreLeaf ? n.members.length < LEAF_MIN : n.children.length < BRANCH_MIN;
}

/** Element count below a node. */
function total(n: Node): number {
  if (n instanceof ScoreLeaf) return n.members.length;
  let t = 0;
  const c = n.counts;
  for (let i = 0; i < c.length; i++) t += c[i]!;
  return t;
}

/** Stores child i's largest element in its parent. */
function refreshMax(b: ScoreBranch, i: number): void {
  const c = b.children[i]!;
  if (c instanceof ScoreLeaf) {
    const last = c.members.length - 1;
    b.maxScores[i] = c.scores[last]!;
    b.maxMembers[i] = c.members[last]!;
  } else {
    const last = c.children.length - 1;
    b.maxScores[i] = c.maxScores[last]!;
    b.maxMembers[i] = c.maxMembers[last]!;
  }
}

/** Index of the first child whose largest element is not before (score, member); -1 if none. */
function childFor(b: ScoreBranch, score: number, member: string): number {
  const ms = b.maxScores;
  const mm = b.maxMembers;
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(ms[mid]!, mm[mid]!, score, member)) lo = mid + 1;
    else hi = mid;
  }
  return lo === ms.length ? -1 : lo;
}

/** Index of the first element of a leaf that is not before (score, member). */
function leafLowerBound(leaf: ScoreLeaf, score: number, member: string): number {
  const ss = leaf.scores;
  const mm = leaf.members;
  let lo = 0;
  let hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(ss[mid]!, mm[mid]!, score, member)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertAt<T>(a: T[], i: number, v: T): void {
  let j = a.length;
  a.push(v);
  for (; j > i; j--) a[j] = a[j - 1]!;
  a[i] = v;
}

function removeAt<T>(a: T[], i: number): void {
  const n = a.length - 1;
  for (let j = i; j < n; j++) a[j] = a[j + 1]!;
  a.length = n;
}

/** Removes a[from..to). */
function removeSlice<T>(a: T[], from: number, to: number): void {
  if (from >= to) return;
  const n = a.length;
  const k = to - from;
  for (let j = from; j + k < n; j++) a[j] = a[j + k]!;
  a.length = n - k;
}

export class ScoreTree {
  size = 0;
  head: ScoreLeaf | null = null;
  tail: ScoreLeaf | null = null;
  private root: Node | null = null;
  /** Where the last `leafAt` landed: the element's index in the returned leaf. */
  offset = 0;

  /** Builds a tree from elements already in order, leaves filled to capacity. */
  static fromSorted(members: readonly string[], scores: readonly number[]): ScoreTree {
    const t = new ScoreTree();
    const n = members.length;
    if (n === 0) return t;
    let level: Node[] = [];
    let prev: ScoreLeaf | null = null;
    for (let i = 0; i < n; i += LEAF_CAPACITY) {
      const end = Math.min(n, i + LEAF_CAPACITY);
      const leaf = new ScoreLeaf(members.slice(i, end), scores.slice(i, end));
      leaf.prev = prev;
      if (prev !== null) prev.next = leaf;
      else t.head = leaf;
      prev = leaf;
      level.push(leaf);
    }
    t.tail = prev;
    while (level.length > 1) {
      const up: Node[] = [];
      for (let i = 0; i < level.length; i += BRANCH_CAPACITY) {
        const b = new ScoreBranch();
        const end = Math.min(level.length, i + BRANCH_CAPACITY);
        for (let j = i; j < end; j++) {
          b.children.push(level[j]!);
          b.counts.push(total(level[j]!));
          b.maxScores.push(0);
          b.maxMembers.push('');
          refreshMax(b, b.children.length - 1);
        }
        up.push(b);
      }
      level = up;
    }
    t.root = level[0]!;
    t.size = n;
    t.balanceEdges();
    return t;
  }

  /** Adds an element that is not in the tree. */
  insert(score: number, member: string): void {
    const root = this.root;
    this.size++;
    if (root === null) {
      const leaf = new ScoreLeaf([member], [score]);
      this.root = this.head = this.tail = leaf;
      return;
    }
    const split = this.insertInto(root, score, member);
    if (split !== null) {
      const b = new ScoreBranch();
      b.children.push(root, split);
      b.counts.push(total(root), total(split));
      b.maxScores.push(0, 0);
      b.maxMembers.push('', '');
      refreshMax(b, 0);
      refreshMax(b, 1);
      this.root = b;
    }
  }

  /** Removes an element; false when it is not in the tree. */
  remove(score: number, member: string): boolean {
    const root = this.root;
    if (root === null || !this.removeFrom(root, score, member)) return false;
    this.size--;
    this.shrinkRoot();
    return true;
  }

  /**
   * Moves an element from one score to another. When the element stays between its neighbours
   * in the same leaf (a small increment, the common case of a leaderboard) the score changes in
   * place; otherwise it is removed and inserted again.
   */
  updateScore(member: string, from: number, to: number): void {
    let node = this.root!;
    while (node instanceof ScoreBranch) node = node.children[childFor(node, from, member)]!;
    const ss = node.scores;
    const mm = node.members;
    const pos = leafLowerBound(node, from, member);
    // The last element of a leaf is its parent's maximum: moving it in place would need the path.
    if (pos < mm.length - 1 && before(to, member, ss[pos + 1]!, mm[pos + 1]!)) {
      const prev = pos > 0 ? node : node.prev;
      const at = pos > 0 ? pos - 1 : prev === null ? -1 : prev.members.length - 1;
      if (at < 0 || before(prev!.scores[at]!, prev!.members[at]!, to, member)) {
        ss[pos] = to;
        return;
      }
    }
    this.remove(from, member);
    this.insert(to, member);
  }

  /** 0-based rank of an element, or -1 when it is not in the tree. */
  rankOf(score: number, member: string): number {
    let node = this.root;
    let rank = 0;
    while (node instanceof ScoreBranch) {
      const i = childFor(node, score, member);
      if (i < 0) return -1;
      rank += sumBefore(node.counts, i);
      node = node.children[i]!;
    }
    if (node === null) return -1;
    const pos = leafLowerBound(node, score, member);
    return pos < node.members.length && node.scores[pos] === score && node.members[pos] === member ? rank + pos : -1;
  }

  /** The leaf holding rank r (0 <= r < size); the element's index in it is left in `offset`. */
  leafAt(r: number): ScoreLeaf {
    const tail = this.tail!;
    const fromEnd = this.size - 1 - r;
    // Both ends are common (ZPOP, ZRANGE 0 n, ZREVRANGE 0 n): no descent.
    if (r < this.head!.members.length) {
      this.offset = r;
      return this.head!;
    }
    if (fromEnd < tail.members.length) {
      this.offset = tail.members.length - 1 - fromEnd;
      return tail;
    }
    let node = this.root!;
    while (node instanceof ScoreBranch) {
      const counts = node.counts;
      let i = 0;
      while (r >= counts[i]!) r -= counts[i++]!;
      node = node.children[i]!;
    }
    this.offset = r;
    return node;
  }

  /** Elements whose score is below x (or at most x when `inclusive`). */
  countScoreBelow(x: number, inclusive: boolean): number {
    let node = this.root;
    let rank = 0;
    while (node instanceof ScoreBranch) {
      const ms = node.maxScores;
      let lo = 0;
      let hi = ms.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (inclusive ? ms[mid]! <= x : ms[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      rank += sumBefore(node.counts, lo);
      if (lo === ms.length) return rank;
      node = node.children[lo]!;
    }
    if (node === null) return 0;
    const ss = node.scores;
    let lo = 0;
    let hi = ss.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inclusive ? ss[mid]! <= x : ss[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return rank + lo;
  }

  /**
   * Elements whose member is below m (or at most m when `inclusive`), assuming members are in
   * order, as they are when all scores are equal (the only case where Redis defines lex ranges).
   */
  countMemberBelow(m: string, inclusive: boolean): number {
    let node = this.root;
    let rank = 0;
    while (node instanceof ScoreBranch) {
      const mm = node.maxMembers;
      let lo = 0;
      let hi = mm.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (inclusive ? mm[mid]! <= m : mm[mid]! < m) lo = mid + 1;
        else hi = mid;
      }
      rank += sumBefore(node.counts, lo);
      if (lo === mm.length) return rank;
      node = node.children[lo]!;
    }
    if (node === null) return 0;
    const members = node.members;
    let lo = 0;
    let hi = members.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inclusive ? members[mid]! <= m : members[mid]! < m) lo = mid + 1;
      else hi = mid;
    }
    return rank + lo;
  }

  /** Removes ranks [start, start + count); removed members are deleted from `index` too. */
  removeRange(start: number, count: number, index: Map<string, number> | null): void {
    if (count <= 0) return;
    const root = this.root!;
    this.removeRangeFrom(root, start, start + count, index);
    this.size -= count;
    this.shrinkRoot();
  }

  // ---- insertion ---------------------------------------------------------------------------

  /** Inserts below `node`; returns a new right sibling when `node` had to split. */
  private insertInto(node: Node, score: number, member: string): Node | null {
    if (node instanceof ScoreLeaf) return this.insertIntoLeaf(node, score, member);
    let i = childFor(node, score, member);
    if (i < 0) i = node.children.length - 1;
    const child = node.children[i]!;
    const split = this.insertInto(child, score, member);
    if (split === null) {
      node.counts[i]!++;
      refreshMax(node, i);
      return null;
    }
    node.counts[i] = total(child);
    refreshMax(node, i);
    insertAt(node.children, i + 1, split);
    insertAt(node.counts, i + 1, total(split));
    insertAt(node.maxScores, i + 1, 0);
    insertAt(node.maxMembers, i + 1, '');
    refreshMax(node, i + 1);
    if (node.children.length <= BRANCH_CAPACITY) return null;
    return splitBranch(node);
  }

  private insertIntoLeaf(leaf: ScoreLeaf, score: number, member: string): ScoreLeaf | null {
    const n = leaf.members.length;
    const pos = leafLowerBound(leaf, score, member);
    if (n < LEAF_CAPACITY) {
      insertAt(leaf.members, pos, member);
      insertAt(leaf.scores, pos, score);
      return null;
    }
    let right: ScoreLeaf;
    if (pos === n && leaf.next === null) {
      // Ascending inserts: keep this leaf full and start a new one.
      right = new ScoreLeaf([member], [score]);
    } else {
      const half = n >>> 1;
      right = new ScoreLeaf(leaf.members.slice(half), leaf.scores.slice(half));
      leaf.members.length = half;
      leaf.scores.length = half;
      if (pos <= half) {
        insertAt(leaf.members, pos, member);
        insertAt(leaf.scores, pos, score);
      } else {
        insertAt(right.members, pos - half, member);
        insertAt(right.scores, pos - half, score);
      }
    }
    right.prev = leaf;
    right.next = leaf.next;
    if (leaf.next !== null) leaf.next.prev = right;
    else this.tail = right;
    leaf.next = right;
    return right;
  }

  // ---- removal -----------------------------------------------------------------------------

  private removeFrom(node: Node, score: number, member: string): boolean {
    if (node instanceof ScoreLeaf) {
      const pos = leafLowerBound(node, score, member);
      if (pos >= node.members.length || node.scores[pos] !== score || node.members[pos] !== member) return false;
      removeAt(node.members, pos);
      removeAt(node.scores, pos);
      if (node.members.length === 0) this.unlink(node);
      return true;
    }
    const i = childFor(node, score, member);
    if (i < 0) return false;
    const child = node.children[i]!;
    if (!this.removeFrom(child, score, member)) return false;
    node.counts[i]!--;
    if (fill(child) === 0) {
      dropChild(node, i);
    } else if (underfull(child)) {
      this.rebalance(node, i);
    } else {
      refreshMax(node, i);
    }
    return true;
  }

  private removeRangeFrom(node: Node, from: number, to: number, index: Map<string, number> | null): void {
    if (node instanceof ScoreLeaf) {
      if (index !== null) for (let j = from; j < to; j++) index.delete(node.members[j]!);
      removeSlice(node.members, from, to);
      removeSlice(node.scores, from, to);
      if (node.members.length === 0) this.unlink(node);
      return;
    }
    const counts = node.counts;
    let first = -1;
    let offset = 0;
    for (let i = 0; i < counts.length && offset < to; i++) {
      const c = counts[i]!;
      const a = Math.max(from, offset);
      const b = Math.min(to, offset + c);
      if (a < b) {
        if (first < 0) first = i;
        this.removeRangeFrom(node.children[i]!, a - offset, b - offset, index);
        counts[i] = c - (b - a);
      }
      offset += c;
    }
    if (first < 0) return;
    // Emptied children go; then at most the two children at the cut are short of elements.
    for (let i = node.children.length - 1; i >= first; i--) {
      if (fill(node.children[i]!) === 0) dropChild(node, i);
    }
    // Each round merges two children or evens out a pair (leaving both at least half full).
    for (;;) {
      let fixed = false;
      const lo = Math.max(0, first - 1);
      const hi = Math.min(node.children.length - 1, first + 1);
      for (let i = lo; i <= hi; i++) {
        if (node.children.length > 1 && underfull(node.children[i]!)) {
          this.rebalance(node, i);
          fixed = true;
          break;
        }
      }
      if (!fixed) break;
    }
    for (let i = 0; i < node.children.length; i++) refreshMax(node, i);
  }

  /** Merges child i with a neighbour, or evens them out when both do not fit in one node. */
  private rebalance(parent: ScoreBranch, i: number): void {
    const n = parent.children.length;
    if (n < 2) {
      refreshMax(parent, i);
      return;
    }
    const l = i > 0 ? i - 1 : i;
    const left = parent.children[l]!;
    const right = parent.children[l + 1]!;
    if (left instanceof ScoreLeaf) {
      const r = right as ScoreLeaf;
      const ln = left.members.length;
      const rn = r.members.length;
      if (ln + rn <= LEAF_CAPACITY) {
        for (let j = 0; j < rn; j++) {
          left.members.push(r.members[j]!);
          left.scores.push(r.scores[j]!);
        }
        this.unlink(r);
        parent.counts[l] = ln + rn;
        dropChild(parent, l + 1);
        refreshMax(parent, l);
        return;
      }
      const want = (ln + rn) >>> 1;
      if (ln > want) {
        const k = ln - want;
        r.members.unshift(...left.members.slice(want));
        r.scores.unshift(...left.scores.slice(want));
        left.members.length = want;
        left.scores.length = want;
        parent.counts[l] = want;
        parent.counts[l + 1] = rn + k;
      } else {
        const k = want - ln;
        for (let j = 0; j < k; j++) {
          left.members.push(r.members[j]!);
          left.scores.push(r.scores[j]!);
        }
        removeSlice(r.members, 0, k);
        removeSlice(r.scores, 0, k);
        parent.counts[l] = want;
        parent.counts[l + 1] = rn - k;
      }
    } else {
      const r = right as ScoreBranch;
      const ln = left.children.length;
      const rn = r.children.length;
      if (ln + rn <= BRANCH_CAPACITY) {
        left.children.push(...r.children);
        left.counts.push(...r.counts);
        left.maxScores.push(...r.maxScores);
        left.maxMembers.push(...r.maxMembers);
        parent.counts[l] = parent.counts[l]! + parent.counts[l + 1]!;
        dropChild(parent, l + 1);
        refreshMax(parent, l);
        return;
      }
      const want = (ln + rn) >>> 1;
      if (ln > want) {
        r.children.unshift(...left.children.splice(want));
        r.counts.unshift(...left.counts.splice(want));
        r.maxScores.unshift(...left.maxScores.splice(want));
        r.maxMembers.unshift(...left.maxMembers.splice(want));
      } else {
        const k = want - ln;
        left.children.push(...r.children.splice(0, k));
        left.counts.push(...r.counts.splice(0, k));
        left.maxScores.push(...r.maxScores.splice(0, k));
        left.maxMembers.push(...r.maxMembers.splice(0, k));
      }
      parent.counts[l] = total(left);
      parent.counts[l + 1] = total(r);
    }
    refreshMax(parent, l);
    refreshMax(parent, l + 1);
  }

  private unlink(leaf: ScoreLeaf): void {
    if (leaf.prev !== null) leaf.prev.next = leaf.next;
    else this.head = leaf.next;
    if (leaf.next !== null) leaf.next.prev = leaf.prev;
    else this.tail = leaf.prev;
    leaf.prev = leaf.next = null;
  }

  private shrinkRoot(): void {
    let root = this.root;
    while (root instanceof ScoreBranch && root.children.length === 1) root = root.children[0]!;
    if (root !== null && fill(root) === 0) root = null;
    this.root = root;
    if (root === null) this.head = this.tail = null;
  }

  /** After a bulk load: the last node of each level may be short; even it out with its neighbour. */
  private balanceEdges(): void {
    let node = this.root;
    while (node instanceof ScoreBranch) {
      const last = node.children.length - 1;
      if (last > 0 && underfull(node.children[last]!)) this.rebalance(node, last);
      node = node.children[node.children.length - 1]!;
    }
  }
}

function sumBefore(counts: readonly number[], i: number): number {
  let t = 0;
  for (let k = 0; k < i; k++) t += counts[k]!;
  return t;
}

/** Removes child i from a branch. */
function dropChild(b: ScoreBranch, i: number): void {
  removeAt(b.children, i);
  removeAt(b.counts, i);
  removeAt(b.maxScores, i);
  removeAt(b.maxMembers, i);
}

/** Splits an over-full branch in two halves; returns the right half. */
function splitBranch(b: ScoreBranch): ScoreBranch {
  const half = b.children.length >>> 1;
  const r = new ScoreBranch();
  r.children = b.children.splice(half);
  r.counts = b.counts.splice(half);
  r.maxScores = b.maxScores.splice(half);
  r.maxMembers = b.maxMembers.splice(half);
  return r;
}
