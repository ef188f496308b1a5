// What a command does once it has taken elements out of a collection (list, set, sorted set) and
// published its own event: Redis deletes a key whose collection is left empty, with a "del" event;
// otherwise the key changed in place.

import type { CommandContext } from './context.js';
import { Notify } from './notify.js';

/** After removals from the collection at `key`, which now holds `remaining` elements. */
export function collectionShrunk(ctx: CommandContext, key: string, remaining: number): void {
  if (remaining === 0) {
    ctx.db.delete(key);
    ctx.notify(Notify.Generic, 'del', key);
  } else {
    ctx.db.touched(key);
  }
}
