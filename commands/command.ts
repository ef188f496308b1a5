// COMMAND and its subcommands (Redis's server.c commandCommand and friends), all generated from
// the declarations in the command table.

import type { CommandContext } from './context.js';
import type { Command, CommandTable } from './command-table.js';
import type { CommandSpec } from './types.js';
import { helpSubcommand } from './help.js';
import { SYNTAX } from './errors.js';
import { eqIgnoreCase } from './args.js';
import { globMatch } from '../storage/glob.js';
import { commandInfo, writeCommandInfo } from './command-info.js';
import { writeCommandDocs } from './command-docs.js';
import { commandHasKeys, commandKeys } from './command-keys.js';

/** A command by its full name ("get", "client|list"), in any letter case. */
export function lookupByFullName(table: CommandTable, fullName: string): Command | undefined {
  const bar = fullName.indexOf('|');
  if (bar < 0) return table.get(fullName);
  const base = table.get(fullName.slice(0, bar));
  const subName = fullName.slice(bar + 1);
  if (base?.subcommands == null || subName.includes('|')) return undefined;
  return base.subcommands.get(subName.toLowerCase());
}

function replyAllInfo(ctx: CommandContext): void {
  const all = ctx.server.commands.all();
  ctx.reply.arrayLength(all.length);
  for (const cmd of all) writeCommandInfo(ctx.reply, cmd);
}

const INFO: CommandSpec = {
  name: 'info',
  arity: -2,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  tips: ['nondeterministic_output_order'],
  doc: {
    summary: 'Get array of specific Redis command details, or all when no argument is given.',
    since: '2.8.13',
    group: 'server',
    complexity: 'O(N) where N is the number of commands to look up',
    history: [['7.0.0', 'Allowed to be called with no argument to get info on all commands.']],
    syntax: '[command-name [command-name ...]]',
  },
  exec(ctx, argv) {
    if (argv.length === 2) return replyAllInfo(ctx);
    ctx.reply.arrayLength(argv.length - 2);
    for (let i = 2; i < argv.length; i++) writeCommandInfo(ctx.reply, lookupByFullName(ctx.server.commands, argv[i]!));
  },
};

const DOCS: CommandSpec = {
  name: 'docs',
  arity: -2,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  tips: ['nondeterministic_output_order'],
  doc: {
    summary: 'Get array of specific Redis command documentation',
    since: '7.0.0',
    group: 'server',
    complexity: 'O(N) where N is the number of commands to look up',
    syntax: '[command-name [command-name ...]]',
  },
  exec(ctx, argv) {
    const table = ctx.server.commands;
    let found: readonly Command[];
    if (argv.length === 2) {
      found = table.all();
    } else {
      const named: Command[] = [];
      for (let i = 2; i < argv.length; i++) {
        const cmd = lookupByFullName(table, argv[i]!);
        if (cmd !== undefined) named.push(cmd);
      }
      found = named;
    }
    ctx.reply.arrayLength(found.length * 2);
    for (const cmd of found) {
      ctx.reply.bulk(cmd.fullName);
      writeCommandDocs(ctx.reply, cmd);
    }
  },
};

const COUNT: CommandSpec = {
  name: 'count',
  arity: 2,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  doc: { summary: 'Get total number of Redis commands', since: '2.8.13', group: 'server', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.integer(ctx.server.commands.size);
  },
};

type ListFilter = (cmd: Command) => boolean;

/** COMMAND LIST's FILTERBY MODULE|ACLCAT|PATTERN; null for a syntax error. */
function parseListFilter(argv: readonly string[]): ListFilter | null {
  let filter: ListFilter = () => true;
  for (let i = 2; i < argv.length; i += 3) {
    if (!eqIgnoreCase(argv[i]!, 'filterby') || argv.length - 1 - i !== 2) return null;
    const kind = argv[i + 1]!;
    const arg = argv[i + 2]!;
    if (eqIgnoreCase(kind, 'module')) {
      filter = () => false; // no modules here
    } else if (eqIgnoreCase(kind, 'aclcat')) {
      const category = arg.toLowerCase();
      filter = (cmd) => commandInfo(cmd.spec).categories.includes(category);
    } else if (eqIgnoreCase(kind, 'pattern')) {
      filter = (cmd) => globMatch(arg, cmd.fullName, true);
    } else {
      return null;
    }
  }
  return filter;
}

const LIST: CommandSpec = {
  name: 'list',
  arity: -2,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  tips: ['nondeterministic_output_order'],
  doc: {
    summary: 'Get an array of Redis command names',
    since: '7.0.0',
    group: 'server',
    complexity: 'O(N) where N is the total number of Redis commands',
    syntax: '[FILTERBY filterby:<MODULE module-name | ACLCAT category | PATTERN pattern>]',
  },
  exec(ctx, argv) {
    const filter = parseListFilter(argv);
    if (filter === null) return ctx.reply.error(SYNTAX);
    const names: string[] = [];
    for (const cmd of ctx.server.commands.all()) {
      if (filter(cmd)) names.push(cmd.fullName);
      if (cmd.subcommands !== null) for (const sub of cmd.subcommands.values()) if (filter(sub)) names.push(sub.fullName);
    }
    ctx.reply.bulkArray(names);
  },
};

/** COMMAND GETKEYS and GETKEYSANDFLAGS (Redis's getKeysSubcommandImpl). */
function replyKeys(ctx: CommandContext, argv: readonly string[], withFlags: boolean): void {
  const target = argv.slice(2);
  const cmd = ctx.server.commands.lookup(target);
  if (cmd === undefined) return ctx.reply.error('ERR Invalid command specified');
  if (!commandHasKeys(cmd.spec)) return ctx.reply.error('ERR The command has no key arguments');
  if (!cmd.arityOk(target.length)) return ctx.reply.error('ERR Invalid number of arguments specified for command');
  const keys = commandKeys(cmd.spec, target);
  if (keys.length === 0) {
    if (cmd.spec.flags.includes('no_mandatory_keys')) return ctx.reply.arrayLength(0);
    return ctx.reply.error('ERR Invalid arguments specified for command');
  }
  ctx.reply.arrayLength(keys.length);
  for (const k of keys) {
    if (!withFlags) {
      ctx.reply.bulk(target[k.pos]!);
      continue;
    }
    ctx.reply.arrayLength(2);
    ctx.reply.bulk(target[k.pos]!);
    ctx.reply.arrayLength(k.flags.length);
    for (const f of k.flags) ctx.reply.status(f);
  }
}

const GETKEYS: CommandSpec = {
  name: 'getkeys',
  arity: -4,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  doc: {
    summary: 'Extract keys given a full Redis command',
    since: '2.8.13',
    group: 'server',
    complexity: 'O(N) where N is the number of arguments to the command',
  },
  exec(ctx, argv) {
    replyKeys(ctx, argv, false);
  },
};

const GETKEYSANDFLAGS: CommandSpec = {
  name: 'getkeysandflags',
  arity: -4,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  doc: {
    summary: 'Extract keys and access flags given a full Redis command',
    since: '7.0.0',
    group: 'server',
    complexity: 'O(N) where N is the number of arguments to the command',
  },
  exec(ctx, argv) {
    replyKeys(ctx, argv, true);
  },
};

const HELP = helpSubcommand(
  'command',
  [
    '(no subcommand)',
    '    Return details about all Redis commands.',
    'COUNT',
    '    Return the total number of commands in this Redis server.',
    'LIST',
    '    Return a list of all commands in this Redis server.',
    'INFO [<command-name> ...]',
    '    Return details about multiple Redis commands.',
    '    If no command names are given, documentation details for all',
    '    commands are returned.',
    'DOCS [<command-name> ...]',
    '    Return documentation details about multiple Redis commands.',
    '    If no command names are given, documentation details for all',
    '    commands are returned.',
    'GETKEYS <full-command>',
    '    Return the keys from a full Redis command.',
    'GETKEYSANDFLAGS <full-command>',
    '    Return the keys and the access flags from a full Redis command.',
  ],
  { since: '5.0.0', group: 'server', acl: ['connection'] },
);

export const COMMAND: CommandSpec = {
  name: 'command',
  arity: -1,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  tips: ['nondeterministic_output_order'],
  doc: {
    summary: 'Get array of Redis command details',
    since: '2.8.13',
    group: 'server',
    complexity: 'O(N) where N is the total number of Redis commands',
  },
  subcommands: [DOCS, HELP, LIST, COUNT, GETKEYS, GETKEYSANDFLAGS, INFO],
  /** COMMAND alone: every command's info. */
  exec(ctx) {
    replyAllInfo(ctx);
  },
};

export const commandCommands: CommandSpec[] = [COMMAND];
