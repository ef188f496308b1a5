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
 * The fields of a hash table in an array, for random picks (a Map has no random access), made by
 * the first HRANDFIELD. New fields are appended; removed ones stay as `stale` entries that a pick
 * skips and drops, and the array is rebuilt once they are half of it. A field added while stale
 * entries exist could already be among them, so it drops the array instead. Every live field is
 * in the array exactly once, so picks are uniform; the memory is paid only by hashes that are
 * sampled, which keeps a large hash at a Map's size.
 */
class FieldSample {
  stale = 0;
  constructor(readonly fields: string[]) {}
}

export class HashValue implements CollectionValue {
  /** The listpack: see hash-listpack.ts; null once the hash is a table. */
  private packed: string | null = '';
  /** Fields in the listpack. */
  private count = 0;
  private table: LayeredMap<string, string> | null = null;
  private sample: FieldSample | null = null;

  get type(): 'hash' {
    return 'hash';
  }

  get length(): number {
    return this.packed !== null ? this.count : this.table!.size;
  }

  encoding(): string {
    return this.packed !== null ? 'listpack' : 'hashtable';
  }

  /** True while the hash is a listpack: HSCAN then returns everything at once, as Redis does. */
  get isCompact(): boolean {
    return this.packed !== null;
  }

  get(field: string): string | undefined {
    const packed = this.packed;
    if (packed === null) return this.table!.get(field);
    const entry = findField(packed, field);
    return entry < 0 ? undefined : valueAt(packed, entry);
  }

  has(field: string): boolean {
    const packed = this.packed;
    return packed !== null ? findField(packed, field) >= 0 : this.table!.has(field);
  }

  /** The length of a field's value, 0 when there is no such field (HSTRLEN). */
  valueLength(field: string): number {
    const packed = this.packed;
    if (packed === null) return this.table!.get(field)?.length ?? 0;
    const entry = findField(packed, field);
    return entry < 0 ? 0 : valueLength(packed, entry);
  }

  /**
   * Sets a field (hashTypeSet); true when the field is new. A field or value longer than
   * hash-max-listpack-value makes a listpack a table first; more than hash-max-listpack-entries
   * fields make it a table after.
   */
  set(field: string, value: string, settings: EncodingSettings): boolean {
    const packed = this.packed;
    if (packed !== null) {
      const limit = settings.hashMaxListpackValue;
      if (field.length <= limit && value.length <= limit) return this.setPacked(packed, field, value, settings);
      this.toTable();
    }
    const table = this.table!;
    const isNew = !table.has(field);
    table.set(field, value);
    if (isNew && this.sample !== null) {
      if (this.sample.stale === 0) this.sample.fields.push(field);
      else this.sample = null;
    }
    return isNew;
  }

  /** Removes a field; false when there was none. */
  delete(field: string): boolean {
    const packed = this.packed;
    if (packed === null) {
      if (!this.table!.delete(field)) return false;
      if (this.sample !== null) this.sample.stale++;
      return true;
    }
    const entry = findField(packed, field);
    if (entry < 0) return false;
    this.packed = flat(packed.slice(0, entry) + packed.slice(entryEnd(packed, entry)));
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
    if (this.packed !== null) {
      const fields = this.fields();
      return fields[rng.randomInt(fields.length)]!;
    }
    const table = this.table!;
    let sample = this.sample;
    if (sample === null || sample.stale * 2 > sample.fields.length) sample = this.sample = new FieldSample([...table.keys()]);
    const fields = sample.fields;
    for (;;) {
      const i = rng.randomInt(fields.length);
      const field = fields[i]!;
      if (table.has(field)) return field;
      fields[i] = fields[fields.length - 1]!;
      fields.pop();
      sample.stale--;
    }
  }

  /** The [field, value] entries of a table for an HSCAN that starts now (see presentNow); for a listpack, none. */
  scanEntries(): Iterator<[string, string]> {
    return this.table !== null ? presentNow(this.table.entries(), this.table.size) : DONE_ITERATOR;
  }

  clone(): HashValue {
    const copy = new HashValue();
    if (this.packed !== null) {
      copy.packed = this.packed;
      copy.count = this.count;
    } else {
      copy.packed = null;
      copy.table = new LayeredMap();
      for (const [field, value] of this.table!) copy.table.set(field, value);
    }
    return copy;
  }

  private setPacked(packed: string, field: string, value: string, settings: EncodingSettings): boolean {
    const entry = findField(packed, field);
    if (entry >= 0) {
      const at = valuePosition(packed, entry);
      this.packed = flat(packed.slice(0, at) + encodeLength(value.length) + value + packed.slice(entryEnd(packed, entry)));
      return false;
    }
    this.packed = flat(packed + packEntry(field, value));
    this.count++;
    if (this.count > settings.hashMaxListpackEntries) this.toTable();
    return true;
  }

  private collect(wantFields: boolean, wantValues: boolean): string[] {
    const packed = this.packed;
    if (packed !== null) return unpack(packed, wantFields, wantValues);
    const out: string[] = [];
    for (const [field, value] of this.table!) {
      if (wantFields) out.push(field);
      if (wantValues) out.push(value);
    }
    return out;
  }

  /** Converts the listpack to a table; its strings are copied out so that none keeps the packed string alive. */
  private toTable(): void {
    const packed = this.packed!;
    const pairs = unpack(packed, true, true, Buffer.from(packed, 'latin1'));
    const table = new LayeredMap<string, string>();
    for (let i = 0; i < pairs.length; i += 2) table.set(pairs[i]!, pairs[i + 1]!);
    this.table = table;
    this.packed = null;
    this.count = 0;
  }
}
