// How the hash commands find their hash: the lookups with Redis's WRONGTYPE reply.

import { HashValue } from '../storage/hash.js';
import type { CommandContext } from './context.js';
import { WRONGTYPE } from './errors.js';

/** The hash at key for a read: undefined when there is none, null after replying WRONGTYPE. */
export function hashToRead(ctx: CommandContext, key: string): HashValue | undefined | null {
  const v = ctx.lookupRead(key);
  if (v === undefined || v instanceof HashValue) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

/** Like hashToRead, for a write (an expired key is removed first). */
export function hashToWrite(ctx: CommandContext, key: string): HashValue | undefined | null {
  const v = ctx.db.getForWrite(key, ctx.now);
  if (v === undefined || v instanceof HashValue) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}
