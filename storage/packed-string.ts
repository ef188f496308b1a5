// Strings used as packed storage (listpacks of hashes and small lists, intsets, packed buckets):
// V8 stores a string built by concatenation as a tree and a long slice as a view of the string it
// came from; these helpers make sure what is kept is one flat string of its own.

/** Written by flat() so that the compiler cannot drop the read that flattens. */
let flattened = 0;

/**
 * Makes V8 store a string built by concatenation as one flat string, not a tree of pieces (which
 * would cost far more than the text): a character read flattens it, and the garbage collector
 * then drops the tree's wrapper. Every packed encoding ends a change with it.
 */
export function flat(s: string): string {
  flattened ^= s.charCodeAt(0);
  return s;
}

/** V8 makes a slice this long or longer a view that keeps the whole string alive; shorter ones are copies. */
const SLICE_VIEW_LENGTH = 13;

/** s[start, end) as a string of its own (never a view of s), for keeping. */
export function ownedSlice(s: string, start: number, end: number): string {
  if (end - start < SLICE_VIEW_LENGTH) return s.slice(start, end);
  return flat(s.charAt(start) + s.slice(start + 1, end));
}

/** s without s[start, end), as a flat string of its own. */
export function cut(s: string, start: number, end: number): string {
  if (start === 0) return ownedSlice(s, end, s.length);
  if (end === s.length) return ownedSlice(s, 0, start);
  return flat(s.slice(0, start) + s.slice(end));
}
