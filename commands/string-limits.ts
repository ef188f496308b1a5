// The largest string a command may build or allocate for: Redis's proto-max-bulk-len (its
// checkStringLength and LCS's table limit), and never more than V8 can hold in one string.

import { constants } from 'node:buffer';
import type { CommandContext } from './context.js';

const DEFAULT_PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
/** proto-max-bulk-len cannot be set below 1MB, so sizes up to that need no look-up. */
const MIN_PROTO_MAX_BULK_LEN = 1024 * 1024;

/** The configured proto-max-bulk-len in bytes. */
export function protoMaxBulkLen(ctx: CommandContext): number {
  const v = Number(ctx.server.config.value('proto-max-bulk-len'));
  return v > 0 ? v : DEFAULT_PROTO_MAX_BULK_LEN;
}

/** True when a string value of `size` bytes may not be built (APPEND, SETRANGE). */
export function exceedsStringLimit(ctx: CommandContext, size: number): boolean {
  if (size <= MIN_PROTO_MAX_BULK_LEN) return false;
  // Redis allows exactly 512MB, which is a little past V8's longest string: refuse that too
  // rather than throw.
  return size > protoMaxBulkLen(ctx) || size > constants.MAX_STRING_LENGTH;
}

/** True when a transient allocation of `bytes` is over proto-max-bulk-len (LCS's table). */
export function exceedsTransientLimit(ctx: CommandContext, bytes: number): boolean {
  return bytes > MIN_PROTO_MAX_BULK_LEN && bytes > protoMaxBulkLen(ctx);
}
