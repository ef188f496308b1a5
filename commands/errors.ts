// Redis's error replies, word for word (server.c createSharedObjects and the command files).

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const NOT_INTEGER = 'ERR value is not an integer or out of range';
export const NOT_FLOAT = 'ERR value is not a valid float';
export const SYNTAX = 'ERR syntax error';
export const NO_SUCH_KEY = 'ERR no such key';
export const INDEX_OUT_OF_RANGE = 'ERR index out of range';
export const OVERFLOW = 'ERR increment or decrement would overflow';
export const DB_OUT_OF_RANGE = 'ERR DB index is out of range';
export const NOAUTH = 'NOAUTH Authentication required.';
export const OUT_OF_RANGE_POSITIVE = 'ERR value is out of range, must be positive';
export const NAN_OR_INFINITY = 'ERR increment would produce NaN or Infinity';
export const STRING_TOO_LONG = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)';

export const SAME_OBJECT = 'ERR source and destination objects are the same';
export const INVALID_CURSOR = 'ERR invalid cursor';
/** getIntFromObjectOrReply: an integer that does not fit in 32 bits. */
export const NOT_INT32 = 'ERR value is out of range, value must between -2147483648 and 2147483647';
/** getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): only LONG_MIN is refused (random counts). */
export const NOT_IN_LONG_RANGE = 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807';
/** A random count with WITHVALUES/WITHSCORES beyond ±LONG_MAX/2 (HRANDFIELD, ZRANDMEMBER). */
export const OUT_OF_RANGE = 'ERR value is out of range';
/** LMPOP, ZMPOP, SINTERCARD... and their COUNT. */
export const NUMKEYS_NOT_POSITIVE = 'ERR numkeys should be greater than 0';
export const COUNT_NOT_POSITIVE = 'ERR count should be greater than 0';

export function unsupportedOption(option: string): string {
  return `ERR Unsupported option ${cString(option)}`;
}

export function wrongArity(fullName: string): string {
  return `ERR wrong number of arguments for '${fullName}' command`;
}

/** A command refused while the client is subscribed (RESP2 pub/sub mode). */
export function notInSubscribedMode(fullName: string): string {
  return `ERR Can't execute '${fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`;
}

export function invalidExpireTime(fullName: string): string {
  return `ERR invalid expire time in '${fullName}' command`;
}

/** The unknown-command error: the name and the first arguments, each cut at 128 bytes in all. */
export function unknownCommand(argv: readonly string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${cString(argv[i]!).slice(0, 128 - args.length)}' `;
  }
  return `ERR unknown command '${cString(argv[0]!).slice(0, 128)}', with args beginning with: ${args}`;
}

export function unknownSubcommand(container: string, sub: string): string {
  return `ERR unknown subcommand '${cString(sub).slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`;
}

/** addReplySubcommandSyntaxError: an unknown subcommand, or one with a wrong number of arguments. */
export function subcommandSyntaxError(container: string, sub: string): string {
  return `ERR unknown subcommand or wrong number of arguments for '${cString(sub).slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`;
}

/** Redis formats these with %s, which stops at the first NUL byte. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}
