// A hash value (Redis 7.0's t_hash.c): a listpack while it has at most hash-max-listpack-entries
// fields and no field or value longer than hash-max-listpack-value bytes, a hash table otherwise;
// a hash never converts back. The listpack is one packed string (hash-listpack.ts), in insertion
// order with values updated in place, as Redis's listpack is; the hash table is a Map.

import type { EncodingSettings } from './encoding-settings.js';
import { encodeLength, entryEnd, findField, flat, packEntry, unpack, valueAt, valueLength, valuePosition } from './hash-listpack.js';
import { LayeredMap } from './layered-map.js';
import { DONE_ITERATOR, presentNow, type RandomSource } from './set.js';
import type { CollectionValue } from './value.js';

/**
 * The hashtable encoding: the entries in a Map, and the fields in an array for random picks (a Map
 * has no random access), made by the first HRANDFIELD. New fields are appended to the array;
 * removed ones stay as `stale` entries that a pick skips and drops, and the array is rebuilt once
 * they are half of it. A field added while stale entries exist could already be among them, so it
 * drops the array instead. Every live field is in the array exactly once, so picks are uniform;
 * the array's memory is paid only by hashes that are sampled, which keeps a large hash at a Map's
 * size.
 */
class HashTable {
  readonly entries = new LayeredMap<string, string>();
  sample: string[] | null = null;
  stale = 0;

  /** Sets a field; true when it is new. */
  set(field: string, value: string): boolean {
    const entries = this.entries;
    if (entries.has(field)) {
      entries.set(field, value);
      return false;
    }
    entries.set(field, value);
    if (this.sample !== null) {
      if (this.stale === 0) this.sample.push(field);
      else this.sample = null;
    }
    return true;
  }

  delete(field: string): boolean {
    if (!this.entries.delete(field)) return false;
    if (this.sample !== null) this.stale++;
    return true;
  }

  randomField(rng: RandomSource): string {
    const entries = this.entries;
    let sample = this.sample;
    if (sample === null || this.stale * 2 > sample.length) {
      sample = this.sample = [...entries.keys()];
      this.stale = 0;
    }
    for (;;) {
      const i = rng.randomInt(sample.length);
      const field = sample[i]!;
      if (entries.has(field)) return field;
      sample[i] = sample[sample.length - 1]!;
      sample.pop();
      this.stale--;
    }
  }
}

export class HashValue implements CollectionValue {
  /** The listpack (see hash-listpack.ts) while the hash is one; its table after. */
  private data: string | HashTable = '';
  /** Fields in the listpack. */
  private count = 0;

  get type(): 'hash' {
    return 'hash';
  }

  get length(): number {
    const data = this.data;
    return typeof data === 'string' ? this.count : data.entries.size;
  }

  encoding(): string {
    return typeof this.data === 'string' ? 'listpack' : 'hashtable';
  }

  /** True while the hash is a listpack: HSCAN then returns everything at once, as Redis does. */
  get isCompact(): boolean {
    return typeof this.data === 'string';
  }

  get(field: string): string | undefined {
    const data = this.data;
    if (typeof data !== 'string') return data.entries.get(field);
    const entry = findField(data, field);
    return entry < 0 ? undefined : valueAt(data, entry);
  }

  has(field: string): boolean {
    const data = this.data;
    return typeof data === 'string' ? findField(data, field) >= 0 : data.entries.has(field);
  }

  /** The length of a field's value, 0 when there is no such field (HSTRLEN). */
  valueLength(field: string): number {
    const data = this.data;
    if (typeof data !== 'string') return data.entries.get(field)?.length ?? 0;
    const entry = findField(data, field);
    return entry < 0 ? 0 : valueLength(data, entry);
  }

  /**
   * Sets a field (hashTypeSet); true when the field is new. A field or value longer than
   * hash-max-listpack-value makes a listpack a table first; more than hash-max-listpack-entries
   * fields make it a table after.
   */
  set(field: string, value: string, settings: EncodingSettings): boolean {
    const data = this.data;
    if (typeof data !== 'string') return data.set(field, value);
    const limit = settings.hashMaxListpackValue;
    if (field.length > limit || value.length > limit) return this.toTable(data).set(field, value);
    const entry = findField(data, field);
    if (entry >= 0) {
      const at = valuePosition(data, entry);
      this.data = flat(data.slice(0, at) + encodeLength(value.length) + value + data.slice(entryEnd(data, entry)));
      return false;
    }
    this.data = flat(data + packEntry(field, value));
    if (++this.count > settings.hashMaxListpackEntries) this.toTable(this.data);
    return true;
  }

  /** Removes a field; false when there was none. */
  delete(field: string): boolean {
    const data = this.data;
    if (typeof data !== 'string') return data.delete(field);
    const entry = findField(data, field);
    if (entry < 0) return false;
    this.data = flat(data.slice(0, entry) + data.slice(entryEnd(data, entry)));
    this.count--;
    return true;
  }

  /** The fields in order (listpack order, or the table's). */
  fields(): string[] {
    return this.collect(true, false);
  }

  values(): string[] {
    return this.collect(false, true);
  }

  /** [field, value, field, value, ...] in order. */
  pairs(): string[] {
    return this.collect(true, true);
  }

  /** A random field of a non-empty hash, uniformly. */
  randomField(rng: RandomSource): string {
    const data = this.data;
    if (typeof data !== 'string') return data.randomField(rng);
    const fields = this.fields();
    return fields[rng.randomInt(fields.length)]!;
  }

  /** The [field, value] entries of a table for an HSCAN that starts now (see presentNow); for a listpack, none. */
  scanEntries(): Iterator<[string, string]> {
    const data = this.data;
    return typeof data === 'string' ? DONE_ITERATOR : presentNow(data.entries.entries(), data.entries.size);
  }

  clone(): HashValue {
    const copy = new HashValue();
    const data = this.data;
    if (typeof data === 'string') {
      copy.data = data;
      copy.count = this.count;
    } else {
      const table = new HashTable();
      for (const [field, value] of data.entries) table.entries.set(field, value);
      copy.data = table;
    }
    return copy;
  }

  private collect(wantFields: boolean, wantValues: boolean): string[] {
    const data = this.data;
    if (typeof data === 'string') return unpack(data, wantFields, wantValues);
    const out: string[] = [];
    for (const [field, value] of data.entries) {
      if (wantFields) out.push(field);
      if (wantValues) out.push(value);
    }
    return out;
  }

  /** Converts the listpack to a table; its strings are copied out so that none keeps the packed string alive. */
  private toTable(packed: string): HashTable {
    const pairs = unpack(packed, true, true, Buffer.from(packed, 'latin1'));
    const table = new HashTable();
    for (let i = 0; i < pairs.length; i += 2) table.entries.set(pairs[i]!, pairs[i + 1]!);
    this.data = table;
    this.count = 0;
    return table;
  }
}
