// A set value (Redis 7.0's t_set.c): an intset while every member is an integer and there are at
// most set-max-intset-entries of them, a hash table otherwise. Like Redis 7.0 there is no compact
// encoding for strings (the listpack encoding of sets came in 7.2), and a set never converts back.
//
// The hash table is a dense array of the members plus each member's position in it: membership
// is one map lookup, and SPOP/SRANDMEMBER pick a random position in O(1) (a JS Set has no random
// access). Removal moves the last member into the freed position, which changes no map key, so
// an SSCAN iterator over the map stays valid.

import type { EncodingSettings } from './encoding-settings.js';
import { IntSet } from './intset.js';
import { LayeredMap } from './layered-map.js';
import { isCanonicalInt64, type CollectionValue } from './value.js';

/** Redis caps set-max-intset-entries at 2^30 (intset internals). */
const INTSET_LIMIT = 1 << 30;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
/** An iterator with nothing to visit. */
export const DONE_ITERATOR: Iterator<never> = { next: () => DONE };

/**
 * The first `size` entries of a map iterator, for a scan that started when the map had `size`
 * entries. A Map iterates in insertion order and visits an entry added during the walk after
 * every older one, so this still visits every entry present from start to end, and the walk ends
 * even when entries are added as fast as it reads them (SSCAN, HSCAN).
 */
export function presentNow<T>(entries: Iterator<T>, size: number): Iterator<T> {
  let left = size;
  return { next: () => (left-- > 0 ? entries.next() : DONE) };
}

/** Where random picks come from: the command's context, so that every node picks alike. */
export interface RandomSource {
  /** An integer in [0, n). */
  randomInt(n: number): number;
}

export class SetValue implements CollectionValue {
  /** The members while the set is an intset; null once it is a hash table. */
  private ints: IntSet | null = new IntSet();
  /** Hash table: the members in no particular order... */
  private members: string[] | null = null;
  /** ...and the position of each in `members`. */
  private positions: LayeredMap<string, number> | null = null;

  /** An empty set in the encoding Redis creates for a first member (setTypeCreate). */
  static startingWith(member: string): SetValue {
    const set = new SetValue();
    if (!isCanonicalInt64(member)) set.toTable();
    return set;
  }

  get type(): 'set' {
    return 'set';
  }

  get length(): number {
    return this.ints !== null ? this.ints.length : this.members!.length;
  }

  encoding(): string {
    return this.ints !== null ? 'intset' : 'hashtable';
  }

  /** True while the set is an intset: SSCAN then returns everything at once, as Redis does. */
  get isCompact(): boolean {
    return this.ints !== null;
  }

  has(member: string): boolean {
    if (this.ints !== null) return isCanonicalInt64(member) && this.ints.has(member);
    return this.positions!.has(member);
  }

  /** Adds a member (setTypeAdd); false when it was already there. */
  add(member: string, settings: EncodingSettings): boolean {
    const ints = this.ints;
    if (ints !== null) {
      if (isCanonicalInt64(member)) {
        if (!ints.add(member)) return false;
        if (ints.length > Math.min(settings.setMaxIntsetEntries, INTSET_LIMIT)) this.toTable();
        return true;
      }
      this.toTable();
    }
    const positions = this.positions!;
    if (positions.has(member)) return false;
    positions.set(member, this.members!.length);
    this.members!.push(member);
    return true;
  }

  /** Removes a member; false when it was not there. */
  remove(member: string): boolean {
    if (this.ints !== null) return isCanonicalInt64(member) && this.ints.remove(member);
    const at = this.positions!.get(member);
    if (at === undefined) return false;
    this.removeFromTable(at);
    return true;
  }

  /** The member at position i (0 <= i < length): ascending for an intset, arbitrary otherwise. */
  at(i: number): string {
    return this.ints !== null ? this.ints.at(i) : this.members![i]!;
  }

  /** Every member, in the order of at(). */
  toArray(): string[] {
    if (this.ints === null) return this.members!.slice();
    const out: string[] = [];
    for (let i = 0; i < this.ints.length; i++) out.push(this.ints.at(i));
    return out;
  }

  random(rng: RandomSource): string {
    return this.at(rng.randomInt(this.length));
  }

  /** Removes and returns a random member; the set must not be empty. */
  popRandom(rng: RandomSource): string {
    const i = rng.randomInt(this.length);
    const member = this.at(i);
    if (this.ints !== null) this.ints.removeAt(i);
    else this.removeFromTable(i);
    return member;
  }

  /** The members of a hash table for an SSCAN that starts now (see presentNow); for an intset, none. */
  scanMembers(): Iterator<string> {
    return this.positions !== null ? presentNow(this.positions.keys(), this.members!.length) : DONE_ITERATOR;
  }

  clone(): SetValue {
    const copy = new SetValue();
    if (this.ints !== null) {
      copy.ints = this.ints.clone();
    } else {
      copy.ints = null;
      copy.members = this.members!.slice();
      copy.positions = new LayeredMap();
      for (const [member, at] of this.positions!) copy.positions.set(member, at);
    }
    return copy;
  }

  private toTable(): void {
    const ints = this.ints!;
    const members: string[] = [];
    const positions = new LayeredMap<string, number>();
    for (let i = 0; i < ints.length; i++) {
      const member = ints.at(i);
      positions.set(member, i);
      members.push(member);
    }
    this.members = members;
    this.positions = positions;
    this.ints = null;
  }

  private removeFromTable(at: number): void {
    const members = this.members!;
    const positions = this.positions!;
    positions.delete(members[at]!);
    const last = members.pop()!;
    if (at < members.length) {
      members[at] = last;
      positions.set(last, at);
    }
  }
}
