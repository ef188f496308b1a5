// MEMORY USAGE | PURGE | STATS | DOCTOR | MALLOC-STATS | HELP (Redis's object.c memoryCommand).
//
// MEMORY USAGE is an estimate, as in Redis, but of our own layout: a V8 Map entry, the key and
// value strings, and for collections a per-element cost. PURGE asks the process to collect
// garbage (our counterpart of returning dirty pages to the allocator), which benchmarks use before
// reading RSS.

import { eqIgnoreCase, parseInteger } from './args.js';
import { SYNTAX, NOT_INTEGER } from './errors.js';
import type { CommandSpec } from './types.js';
import { helpSubcommand } from './help.js';

/** V8 costs: a Map entry with its share of the hash table, and a one-byte string's header. */
const MAP_ENTRY_BYTES = 40;
const STRING_HEADER_BYTES = 16;
/** A collection element: its string plus its slot in the structure holding it. */
const ELEMENT_OVERHEAD_BYTES = 48;

function stringBytes(s: string): number {
  return STRING_HEADER_BYTES + ((s.length + 7) & ~7);
}

const USAGE: CommandSpec = {
  name: 'usage',
  arity: -3,
  flags: ['readonly'],
  acl: ['read'],
  keys: [{ flags: 'RO', begin: 2, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary: 'Estimate the memory usage of a key',
    since: '4.0.0',
    group: 'server',
    complexity: 'O(N) where N is the number of samples.',
    syntax: 'key [SAMPLES count]',
  },
  exec(ctx, argv) {
    for (let i = 3; i < argv.length; i++) {
      if (eqIgnoreCase(argv[i]!, 'samples') && i + 1 < argv.length) {
        const n = parseInteger(argv[++i]!);
        if (n === null) return ctx.reply.error(NOT_INTEGER);
        if (n < 0) return ctx.reply.error(SYNTAX);
      } else {
        return ctx.reply.error(SYNTAX);
      }
    }
    const key = argv[2]!;
    const v = ctx.db.get(key, ctx.now); // not counted in keyspace_hits/misses, as Redis
    if (v === undefined) return ctx.reply.nullBulk();
    let bytes = MAP_ENTRY_BYTES + stringBytes(key);
    if (typeof v === 'string') bytes += stringBytes(v);
    else bytes += 64 + v.length * ELEMENT_OVERHEAD_BYTES;
    ctx.reply.integer(bytes);
  },
};

const PURGE: CommandSpec = {
  name: 'purge',
  arity: 2,
  flags: [],
  acl: [],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  doc: { summary: 'Ask the allocator to release memory', since: '4.0.0', group: 'server', complexity: 'Depends on how much memory is allocated, could be slow' },
  exec(ctx) {
    ctx.server.purgeMemory();
    ctx.reply.status('OK');
  },
};

const STATS: CommandSpec = {
  name: 'stats',
  arity: 2,
  flags: [],
  acl: [],
  tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
  doc: { summary: 'Show memory usage details', since: '4.0.0', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    const stats = ctx.server.memoryStats();
    ctx.reply.arrayLength(stats.length * 2);
    for (const [name, value] of stats) {
      ctx.reply.bulk(name);
      if (Number.isInteger(value)) ctx.reply.integer(value);
      else ctx.reply.bulk(String(value));
    }
  },
};

const DOCTOR: CommandSpec = {
  name: 'doctor',
  arity: 2,
  flags: [],
  acl: [],
  tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
  doc: { summary: 'Outputs memory problems report', since: '4.0.0', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.bulk('Sam, I have no memory problems');
  },
};

const MALLOC_STATS: CommandSpec = {
  name: 'malloc-stats',
  arity: 2,
  flags: [],
  acl: [],
  tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
  doc: { summary: 'Show allocator internal stats', since: '4.0.0', group: 'server', complexity: 'Depends on how much memory is allocated, could be slow' },
  exec(ctx) {
    ctx.reply.bulk('Stats not supported for the current allocator');
  },
};

const HELP = helpSubcommand(
  'memory',
  [
    'DOCTOR',
    '    Return memory problems reports.',
    'MALLOC-STATS',
    '    Return internal statistics report from the memory allocator.',
    'PURGE',
    '    Attempt to purge dirty pages for reclamation by the allocator.',
    'STATS',
    '    Return information about the memory usage of the server.',
    'USAGE <key> [SAMPLES <count>]',
    '    Return memory in bytes used by <key> and its value. Nested values are',
    '    sampled up to <count> times (default: 5, 0 means sample all).',
  ],
  { since: '4.0.0', group: 'server', acl: [] },
);

export const MEMORY: CommandSpec = {
  name: 'memory',
  arity: -2,
  flags: [],
  acl: [],
  doc: { summary: 'A container for memory diagnostics commands', since: '4.0.0', group: 'server', complexity: 'Depends on subcommand.' },
  subcommands: [DOCTOR, MALLOC_STATS, PURGE, STATS, USAGE, HELP],
  exec() {},
};

export const memoryCommands: CommandSpec[] = [MEMORY];
