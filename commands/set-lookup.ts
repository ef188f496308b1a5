// How the set commands find their sets: the lookups with Redis's WRONGTYPE reply, the key specs,
// and the reply that lists a set.

import { SetValue } from '../storage/set.js';
import type { CommandContext } from './context.js';
import type { KeySpecDecl } from './types.js';
import { WRONGTYPE } from './errors.js';

const ONE_KEY = { lastKey: 0, step: 1, limit: 0 };

/** A key spec for the single key at `index`. */
export function keyAt(index: number, flags: string): KeySpecDecl {
  return { flags, begin: index, range: ONE_KEY };
}

/** The set at key for a read: undefined when there is none, null after replying WRONGTYPE. */
export function setToRead(ctx: CommandContext, key: string): SetValue | undefined | null {
  const v = ctx.lookupRead(key);
  if (v === undefined || v instanceof SetValue) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

/** Like setToRead, for a write (an expired key is removed first). */
export function setToWrite(ctx: CommandContext, key: string): SetValue | undefined | null {
  const v = ctx.db.getForWrite(key, ctx.now);
  if (v === undefined || v instanceof SetValue) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

/** Replies with every member, in the set's order (ascending for an intset). */
export function replyMembers(ctx: CommandContext, set: SetValue): void {
  const n = set.length;
  ctx.reply.arrayLength(n);
  for (let i = 0; i < n; i++) ctx.reply.bulk(set.at(i));
}
