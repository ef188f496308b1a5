// Connection commands: PING, ECHO, SELECT, ... (Redis's server.c / networking.c handlers).

import type { CommandSpec } from './types.js';

export const PING: CommandSpec = {
  name: 'ping',
  arity: -1,
  flags: ['fast', 'sentinel'],
  acl: ['connection'],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  doc: { summary: 'Ping the server', since: '1.0.0', group: 'connection', complexity: 'O(1)', syntax: '[message]' },
  exec(ctx, argv) {
    if (argv.length > 2) return ctx.reply.error(`ERR wrong number of arguments for 'ping' command`);
    if (argv.length === 2) ctx.reply.bulk(argv[1]!);
    else ctx.reply.status('PONG');
  },
};

export const ECHO: CommandSpec = {
  name: 'echo',
  arity: 2,
  flags: ['fast'],
  acl: ['connection'],
  doc: { summary: 'Echo the given string', since: '1.0.0', group: 'connection', complexity: 'O(1)', syntax: 'message' },
  exec(ctx, argv) {
    ctx.reply.bulk(argv[1]!);
  },
};

export const connectionCommands: CommandSpec[] = [PING, ECHO];
