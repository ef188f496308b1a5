// Redis 7.0's protocol limits (server.h), so that the same input is refused at the same size.

/** `proto-max-bulk-len` default: the largest bulk string a client may send. */
export const DEFAULT_PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
/** `client-query-buffer-limit` default: a client whose pending request grows past this is closed. */
export const DEFAULT_QUERY_BUFFER_LIMIT = 1024 * 1024 * 1024;
/** PROTO_INLINE_MAX_SIZE: the longest inline request or count line without its terminator. */
export const INLINE_MAX_SIZE = 64 * 1024;
/** PROTO_MBULK_BIG_ARG: bulks at least this long are read into a buffer of their own. */
export const BIG_ARG = 32 * 1024;
/** Before AUTH, Redis refuses long multibulk counts and bulk lengths (authRequired checks). */
export const UNAUTHENTICATED_MAX_ARGS = 10;
export const UNAUTHENTICATED_MAX_BULK = 16384;
