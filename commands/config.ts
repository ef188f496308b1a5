// CONFIG GET|SET|RESETSTAT|REWRITE|HELP (Redis's config.c commands); the parameters themselves
// live in src/ behind ctx.server.config.

import type { CommandSpec } from './types.js';
import { helpSubcommand } from './help.js';
import { SYNTAX } from './errors.js';
import { allowProtectedAction } from './server-local-client.js';

const CONFIG_GET: CommandSpec = {
  name: 'get',
  arity: -3,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  acl: [],
  doc: {
    summary: 'Get the values of configuration parameters',
    since: '2.0.0',
    group: 'server',
    complexity: 'O(N) when N is the number of configuration parameters provided',
    syntax: 'parameter:<parameter> [parameter ...]',
    history: [['7.0.0', 'Added the ability to pass multiple pattern parameters in one call']],
  },
  exec(ctx, argv) {
    const pairs = ctx.server.config.get(argv.slice(2));
    ctx.reply.arrayLength(pairs.length * 2);
    for (const [name, value] of pairs) {
      ctx.reply.bulk(name);
      ctx.reply.bulk(value);
    }
  },
};

const CONFIG_SET: CommandSpec = {
  name: 'set',
  arity: -4,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  acl: [],
  tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
  doc: {
    summary: 'Set configuration parameters to the given values',
    since: '2.0.0',
    group: 'server',
    complexity: 'O(N) when N is the number of configuration parameters provided',
    syntax: 'parameter value [parameter value ...]',
    history: [['7.0.0', 'Added the ability to set multiple parameters in one call.']],
  },
  exec(ctx, argv) {
    if ((argv.length & 1) !== 0) return ctx.reply.error(SYNTAX);
    const pairs: Array<[string, string]> = [];
    for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i]!, argv[i + 1]!]);
    const config = ctx.server.config;
    const err = config.set(pairs, allowProtectedAction(config.value('enable-protected-configs'), ctx.client));
    if (err !== null) ctx.reply.error(`ERR ${err}`);
    else ctx.reply.status('OK');
  },
};

const CONFIG_RESETSTAT: CommandSpec = {
  name: 'resetstat',
  arity: 2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  acl: [],
  doc: { summary: 'Reset the stats returned by INFO', since: '2.0.0', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    ctx.server.resetStats();
    ctx.reply.status('OK');
  },
};

const CONFIG_REWRITE: CommandSpec = {
  name: 'rewrite',
  arity: 2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  acl: [],
  doc: { summary: 'Rewrite the configuration file with the in memory configuration', since: '2.8.0', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    const err = ctx.server.config.rewrite();
    if (err !== null) ctx.reply.error(`ERR ${err}`);
    else ctx.reply.status('OK');
  },
};

const CONFIG_HELP = helpSubcommand(
  'config',
  [
    'GET <pattern>',
    '    Return parameters matching the glob-like <pattern> and their values.',
    'SET <directive> <value>',
    '    Set the configuration <directive> to <value>.',
    'RESETSTAT',
    '    Reset statistics reported by the INFO command.',
    'REWRITE',
    '    Rewrite the configuration file.',
  ],
  { since: '5.0.0', group: 'server', acl: [] },
);

export const CONFIG: CommandSpec = {
  name: 'config',
  arity: -2,
  flags: [],
  acl: [],
  doc: { summary: 'A container for server configuration commands', since: '2.0.0', group: 'server', complexity: 'Depends on subcommand.' },
  subcommands: [CONFIG_HELP, CONFIG_SET, CONFIG_RESETSTAT, CONFIG_REWRITE, CONFIG_GET],
  exec() {},
};

export const configCommands: CommandSpec[] = [CONFIG];
