import { ENTRY_OVERHEAD_BYTES, type Entry } from './types.js';

/**
 * How many of `entries[from..to)` fit in `maxBytes` (always at least one when the range is not
 * empty, so a single oversized entry still moves). Also reports the bytes of that prefix.
 */
export function prefixWithinBytes(entries: readonly Entry[], from: number, to: number, maxBytes: number): { count: number; bytes: number } {
  let bytes = 0;
  let i = from;
  for (; i < to; i++) {
    const size = (entries[i] as Entry).data.length + ENTRY_OVERHEAD_BYTES;
    if (i > from && bytes + size > maxBytes) break;
    bytes += size;
  }
  return { count: i - from, bytes };
}
