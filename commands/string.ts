// String commands (Redis's t_string.c).

import type { CommandSpec } from './types.js';
import { WRONGTYPE } from './errors.js';

export const GET: CommandSpec = {
  name: 'get',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['read', 'string'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: { summary: 'Get the value of a key', since: '1.0.0', group: 'string', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const v = ctx.db.get(argv[1]!, ctx.now);
    if (v === undefined) ctx.reply.nullBulk();
    else if (typeof v === 'string') ctx.reply.bulk(v);
    else ctx.reply.error(WRONGTYPE);
  },
};

export const SET: CommandSpec = {
  name: 'set',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['write', 'string'],
  keys: [{ flags: 'RW ACCESS UPDATE VARIABLE_FLAGS', begin: 1, range: { lastKey: 0, step: 1, limit: 0 }, notes: 'RW and ACCESS due to the optional `GET` argument' }],
  doc: {
    summary: 'Set the string value of a key',
    since: '1.0.0',
    group: 'string',
    complexity: 'O(1)',
    syntax: 'key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
  },
  exec(ctx, argv) {
    ctx.db.set(argv[1]!, argv[2]!);
    ctx.reply.status('OK');
  },
};

export const stringCommands: CommandSpec[] = [GET, SET];
