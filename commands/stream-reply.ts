// Stream entries in replies, as Redis 7.0 writes them: each entry is [id, [field, value, ...]].

import type { ReplyWriter } from '../protocol/reply-writer.js';
import { StreamIterator, type StreamValue } from '../storage/stream.js';
import type { StreamNode } from '../storage/stream-node.js';
import type { StreamId } from '../storage/stream-id.js';

/** Reused for each entry's fields (one command runs at a time). */
const fields: string[] = [];

/** Writes one entry: [id, [field, value, ...]]. */
export function replyEntry(reply: ReplyWriter, node: StreamNode, pos: number, id: StreamId): void {
  reply.arrayLength(2);
  reply.bulk(id.toString());
  fields.length = 0;
  node.readFields(pos, fields);
  reply.bulkArray(fields);
}

/** Entries in [start, end] (at most `count`, 0 for all), in order or reversed. */
function countRange(s: StreamValue, start: StreamId | null, end: StreamId | null, count: number, rev: boolean): number {
  const it = new StreamIterator(s).start(start, end, rev);
  let n = 0;
  while ((count === 0 || n < count) && it.next()) n++;
  return n;
}

/** Writes the array of entries in [start, end], at most `count` (0: all); returns how many. */
export function replyRange(reply: ReplyWriter, s: StreamValue, start: StreamId | null, end: StreamId | null, count: number, rev: boolean): number {
  const n = countRange(s, start, end, count, rev);
  reply.arrayLength(n);
  const it = new StreamIterator(s).start(start, end, rev);
  for (let i = 0; i < n && it.next(); i++) replyEntry(reply, it.node!, it.pos, it.id);
  return n;
}

/** Writes the entry with this ID, if it is live; false (nothing written) otherwise. */
export function replyEntryById(reply: ReplyWriter, s: StreamValue, id: StreamId): boolean {
  const it = new StreamIterator(s).start(id, id, false);
  if (!it.next()) return false;
  replyEntry(reply, it.node!, it.pos, it.id);
  return true;
}
