// Comparing replies that hold times (XPENDING idle times, XINFO seen-times, delivery times): two
// servers answer the same command a few milliseconds apart, so those numbers may differ a little
// while everything else must be equal. A normalizer marks the timed numbers of a reply; marked
// numbers compare equal within a tolerance.

import { decodeReply, type Reply } from './resp-reader.js';

/** A number read from a time field. */
export class Timed {
  constructor(readonly ms: number) {}
}

export type Normalized = Reply | Timed | Normalized[];

/** Marks the timed numbers of a decoded reply. */
export type TimedFields = (r: Reply) => Normalized;

export function decode(b: Buffer): Reply {
  return decodeReply(b)[0];
}

function timed(r: Reply): Normalized {
  return typeof r === 'number' ? new Timed(r) : r;
}

/** A map reply ([k, v, ...]) with the values of the named fields marked, and others changed by `inner`. */
export function mapFields(r: Reply, names: readonly string[], inner: Record<string, TimedFields> = {}): Normalized {
  if (!Array.isArray(r)) return r;
  const out: Normalized[] = [];
  for (let i = 0; i < r.length; i += 2) {
    const name = String(r[i]);
    const v = r[i + 1]!;
    out.push(r[i]!, names.includes(name) ? timed(v) : inner[name] ? inner[name]!(v) : v);
  }
  return out;
}

/** An array whose elements are arrays with a time at `index`. */
export function rowsWithTimeAt(index: number): TimedFields {
  return (r) => (Array.isArray(r) ? r.map((row) => (Array.isArray(row) ? row.map((x, i) => (i === index ? timed(x) : x)) : row)) : r);
}

/** XPENDING's extended form: [id, consumer, idle, deliveries] rows. */
export const pendingRows = rowsWithTimeAt(2);

/** XINFO CONSUMERS: an array of consumer maps with an idle time. */
export const consumerInfos: TimedFields = (r) => (Array.isArray(r) ? r.map((c) => mapFields(c, ['idle'])) : r);

/** XINFO STREAM FULL: delivery times in the group and consumer PELs, and seen-times. */
export const fullStreamInfo: TimedFields = (r) =>
  mapFields(r, [], {
    groups: (groups) =>
      Array.isArray(groups)
        ? groups.map((g) =>
            mapFields(g, [], {
              pending: rowsWithTimeAt(2),
              consumers: (cs) => (Array.isArray(cs) ? cs.map((c) => mapFields(c, ['seen-time'], { pending: rowsWithTimeAt(1) })) : cs),
            }),
          )
        : groups,
  });

/** Null when equal (timed numbers within `toleranceMs`), else a description of the difference. */
export function timedDifference(a: Normalized, b: Normalized, toleranceMs: number, path = ''): string | null {
  if (a instanceof Timed || b instanceof Timed) {
    if (a instanceof Timed && b instanceof Timed && Math.abs(a.ms - b.ms) <= toleranceMs) return null;
    return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
    for (let i = 0; i < a.length; i++) {
      const d = timedDifference(a[i]!, b[i]!, toleranceMs, `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (a instanceof Error || b instanceof Error) {
    return a instanceof Error && b instanceof Error && a.message === b.message ? null : `${path}: ${String(a)} vs ${String(b)}`;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
