// DEBUG (Redis's debug.c): the subcommands that make sense here, SLEEP and POPULATE (used by
// benchmarks to load keys fast). Like Redis 7.0, DEBUG is refused unless enable-debug-command
// allows it. DEBUG is not a write command in Redis, so POPULATE's keys do not go through the
// write path: they are not replicated, as Redis does not propagate them either.

import type { CommandSpec } from './types.js';
import { helpLines, replyHelp } from './help.js';
import type { CommandContext } from './context.js';
import { parseInteger } from './args.js';
import { OUT_OF_RANGE_POSITIVE, cString, subcommandSyntaxError } from './errors.js';
import { allowProtectedAction } from './server-local-client.js';

const HELP = helpLines('debug', [
  'POPULATE <count> [<prefix>] [<size>]',
  "    Create <count> string keys named key:<num>. If <prefix> is specified then",
  "    it is used instead of the 'key' prefix. These are not propagated to",
  '    replicas. Cluster slots are not respected so keys not belonging to the',
  '    current node can be created in cluster mode.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
]);

const NOT_ALLOWED =
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';

/** Where DEBUG SLEEP waits: Atomics.wait blocks the thread, as nanosleep blocks Redis. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** C's strtod on a prefix: what it cannot read counts as 0. */
function strtodPrefix(s: string): number {
  const v = parseFloat(s.trimStart());
  return Number.isNaN(v) ? 0 : v;
}

/** getPositiveLongFromObjectOrReply: 0 or more, else Redis's error. */
function positiveLong(ctx: CommandContext, s: string): number | null {
  const v = parseInteger(s);
  if (v === null || v < 0) {
    ctx.reply.error(OUT_OF_RANGE_POSITIVE);
    return null;
  }
  return v;
}

function populate(ctx: CommandContext, argv: string[]): void {
  const count = positiveLong(ctx, argv[2]!);
  if (count === null) return;
  const size = argv.length === 5 ? positiveLong(ctx, argv[4]!) : 0;
  if (size === null) return;
  // Redis formats the key into a 128-byte buffer: at most 127 bytes of it survive.
  const prefix = argv.length >= 4 ? cString(argv[3]!) : 'key';
  const db = ctx.db;
  for (let j = 0; j < count; j++) {
    const key = `${prefix}:${j}`.slice(0, 127);
    if (db.getForWrite(key, ctx.now) !== undefined) continue;
    const text = `value:${j}`;
    db.set(key, size === 0 ? text : size <= text.length ? text.slice(0, size) : text + '\0'.repeat(size - text.length));
  }
  ctx.reply.status('OK');
}

export const DEBUG: CommandSpec = {
  name: 'debug',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  acl: [],
  doc: { summary: 'A container for debugging commands', since: '1.0.0', group: 'server', complexity: 'Depends on subcommand.', docFlags: ['syscmd'] },
  exec(ctx, argv) {
    if (!allowProtectedAction(ctx.server.config.value('enable-debug-command'), ctx.client)) return ctx.reply.error(NOT_ALLOWED);
    const sub = argv[1]!.toLowerCase();
    if (sub === 'help' && argv.length === 2) {
      replyHelp(ctx, HELP);
    } else if (sub === 'sleep' && argv.length === 3) {
      const ms = strtodPrefix(argv[2]!) * 1000;
      if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
      ctx.reply.status('OK');
    } else if (sub === 'populate' && argv.length >= 3 && argv.length <= 5) {
      populate(ctx, argv);
    } else {
      ctx.reply.error(subcommandSyntaxError('debug', argv[1]!));
    }
  },
};

export const debugCommands: CommandSpec[] = [DEBUG];
