// A hash value (Redis 7.0's t_hash.c): a listpack while it has at most hash-max-listpack-entries
// fields and no field or value longer than hash-max-listpack-value bytes, a hash table otherwise;
// a hash never converts back. The listpack is one packed string (hash-listpack.ts), in insertion
// order with values updated in place, as Redis's listpack is; the hash table is a table of packed
// buckets (hash-table.ts).

import type { EncodingSettings } from './encoding-settings.js';
import { encodeLength, entryEnd, findField, packEntry, unpack, valueAt, valueLength, valuePosition } from './hash-listpack.js';
import { cut, flat } from './packed-string.js';
import { PackedHashTable } from './hash-table.js';
import type { RandomSource } from './set.js';
import type { CollectionValue } from './value.js';

/** Seeds of table hashes: any 32-bit value. */
const SEED_RANGE = 2 ** 32;

export class HashValue implements CollectionValue {
  /** The listpack (see hash-listpack.ts) while the hash is one; its table after. */
  private data: string | PackedHashTable = '';
  /** Fields in the listpack. */
  private count = 0;

  get type(): 'hash' {
    return 'hash';
  }

  get length(): number {
    const data = this.data;
    return typeof data === 'string' ? this.count : data.size;
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
    if (typeof data !== 'string') return data.get(field);
    const entry = findField(data, field);
    return entry < 0 ? undefined : valueAt(data, entry);
  }

  has(field: string): boolean {
    const data = this.data;
    return typeof data === 'string' ? findField(data, field) >= 0 : data.has(field);
  }

  /** The length of a field's value, 0 when there is no such field (HSTRLEN). */
  valueLength(field: string): number {
    const data = this.data;
    if (typeof data !== 'string') return data.valueLength(field);
    const entry = findField(data, field);
    return entry < 0 ? 0 : valueLength(data, entry);
  }

  /**
   * Sets a field (hashTypeSet); true when the field is new. A field or value longer than
   * hash-max-listpack-value makes a listpack a table first; more than hash-max-listpack-entries
   * fields make it a table after. The table's hash seed is drawn from `random` then.
   */
  set(field: string, value: string, settings: EncodingSettings, random: RandomSource): boolean {
    const data = this.data;
    if (typeof data !== 'string') return data.set(field, value);
    const limit = settings.hashMaxListpackValue;
    if (field.length > limit || value.length > limit) return this.toTable(data, random).set(field, value);
    const entry = findField(data, field);
    if (entry >= 0) {
      const at = valuePosition(data, entry);
      this.data = flat(data.slice(0, at) + (encodeLength(value.length) + value) + data.slice(entryEnd(data, entry)));
      return false;
    }
    this.data = flat(data + packEntry(field, value));
    if (++this.count > settings.hashMaxListpackEntries) this.toTable(this.data, random);
    return true;
  }

  /** Removes a field; false when there was none. */
  delete(field: string): boolean {
    const data = this.data;
    if (typeof data !== 'string') return data.delete(field);
    const entry = findField(data, field);
    if (entry < 0) return false;
    this.data = cut(data, entry, entryEnd(data, entry));
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

  /**
   * One HSCAN call on a table (a listpack is returned whole by the command): appends [field,
   * value] pairs to `out` and returns the next cursor, 0 when done.
   */
  scan(cursor: number, count: number, out: string[]): number {
    const data = this.data;
    return typeof data === 'string' ? 0 : data.scan(cursor, count, out);
  }

  clone(): HashValue {
    const copy = new HashValue();
    const data = this.data;
    if (typeof data === 'string') {
      copy.data = data;
      copy.count = this.count;
    } else {
      copy.data = data.clone();
    }
    return copy;
  }

  private collect(wantFields: boolean, wantValues: boolean): string[] {
    const data = this.data;
    return typeof data === 'string' ? unpack(data, wantFields, wantValues) : data.collect(wantFields, wantValues, []);
  }

  /** Converts the listpack to a table; its strings are copied out so that none keeps the packed string alive. */
  private toTable(packed: string, random: RandomSource): PackedHashTable {
    const pairs = unpack(packed, true, true, Buffer.from(packed, 'latin1'));
    const table = new PackedHashTable(random.randomInt(SEED_RANGE));
    for (let i = 0; i < pairs.length; i += 2) table.set(pairs[i]!, pairs[i + 1]!);
    this.data = table;
    this.count = 0;
    return table;
  }
}
