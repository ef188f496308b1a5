// OBJECT ENCODING | REFCOUNT | IDLETIME | FREQ | HELP (Redis's object.c objectCommand).
//
// There is no access clock: strings are stored as bare JS strings, with no per-key object to hold
// one (keeping memory per key at Redis's level), and a clock kept for collections only would
// make reads write to values. So IDLETIME answers 0, as Redis does for a key accessed within the
// last second, and FREQ, under an LFU policy, answers the counter of a new key (LFU_INIT_VAL).

import { isSharedInteger, stringEncoding, type StoredValue } from '../storage/value.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { helpSubcommand } from './help.js';

/** Redis's refcount of its shared objects (OBJ_SHARED_REFCOUNT = INT_MAX). */
const SHARED_REFCOUNT = 2147483647;
/** The LFU counter of a new key (LFU_INIT_VAL). */
const LFU_INIT_VAL = 5;

const LFU_NOT_SELECTED =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
const LFU_SELECTED =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';

const KEY_AT_2 = [{ flags: 'RO', begin: 2, range: { lastKey: 0, step: 1, limit: 0 } }];

function lfuPolicy(ctx: CommandContext): boolean {
  return ctx.server.config.value('maxmemory-policy').endsWith('-lfu');
}

/**
 * A subcommand on the key at argv[2] (ENCODING, REFCOUNT, IDLETIME, FREQ): `exec` runs with its
 * value; a missing key answers a null reply first (Redis's objectCommandLookupOrReply).
 */
function keySubcommand(
  name: string,
  doc: { summary: string; since: string },
  exec: (ctx: CommandContext, key: string, value: StoredValue) => void,
): CommandSpec {
  return {
    name,
    arity: 3,
    flags: ['readonly'],
    acl: ['keyspace', 'read'],
    keys: KEY_AT_2,
    tips: ['nondeterministic_output'],
    doc: { summary: doc.summary, since: doc.since, group: 'generic', complexity: 'O(1)', syntax: 'key' },
    exec(ctx, argv) {
      const key = argv[2]!;
      const v = ctx.lookupRead(key, false);
      if (v === undefined) return ctx.reply.nullBulk();
      exec(ctx, key, v);
    },
  };
}

const ENCODING = keySubcommand('encoding', { summary: 'Inspect the internal encoding of a Redis object', since: '2.2.3' }, (ctx, key, v) => {
  ctx.reply.bulk(typeof v === 'string' ? stringEncoding(v, ctx.db.stringForms.get(key)) : v.encoding());
});

const REFCOUNT = keySubcommand('refcount', { summary: 'Get the number of references to the value of the key', since: '2.2.3' }, (ctx, key, v) => {
  ctx.reply.integer(typeof v === 'string' && isSharedInteger(v, ctx.db.stringForms.get(key)) ? SHARED_REFCOUNT : 1);
});

const IDLETIME = keySubcommand('idletime', { summary: 'Get the time since a Redis object was last accessed', since: '2.2.3' }, (ctx) => {
  if (lfuPolicy(ctx)) return ctx.reply.error(LFU_SELECTED);
  ctx.reply.integer(0);
});

const FREQ = keySubcommand('freq', { summary: 'Get the logarithmic access frequency counter of a Redis object', since: '4.0.0' }, (ctx) => {
  if (!lfuPolicy(ctx)) return ctx.reply.error(LFU_NOT_SELECTED);
  ctx.reply.integer(LFU_INIT_VAL);
});

const HELP = helpSubcommand(
  'object',
  [
    'ENCODING <key>',
    '    Return the kind of internal representation used in order to store the value',
    '    associated with a <key>.',
    'FREQ <key>',
    '    Return the access frequency index of the <key>. The returned integer is',
    '    proportional to the logarithm of the recent access frequency of the key.',
    'IDLETIME <key>',
    '    Return the idle time of the <key>, that is the approximated number of',
    '    seconds elapsed since the last access to the key.',
    'REFCOUNT <key>',
    '    Return the number of references of the value associated with the specified',
    '    <key>.',
  ],
  { since: '6.2.0', group: 'generic', acl: ['keyspace'] },
);

export const OBJECT: CommandSpec = {
  name: 'object',
  arity: -2,
  flags: [],
  acl: [],
  doc: { summary: 'A container for object introspection commands', since: '2.2.3', group: 'generic', complexity: 'Depends on subcommand.' },
  subcommands: [IDLETIME, HELP, FREQ, ENCODING, REFCOUNT],
  exec() {},
};

export const objectCommands: CommandSpec[] = [OBJECT];
