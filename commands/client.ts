// CLIENT and its subcommands (Redis's networking.c clientCommand), plus SETINFO as Redis 7.2 has
// it because client libraries (ioredis, node-redis, redis-py) send it on connect.

import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import type { ClientState } from './client-state.js';
import { NOT_INTEGER, SYNTAX, cString, subcommandSyntaxError } from './errors.js';
import { INT64_MAX, eqIgnoreCase, parseInt64, parseInteger } from './args.js';
import { helpSubcommand } from './help.js';
import { argvSize, clientInfoLine, clientType, clientTypeByName, type ClientType } from './client-list.js';

const CLIENT_FLAGS = ['noscript', 'loading', 'stale'] as const;
const ADMIN_CLIENT_FLAGS = ['admin', 'noscript', 'loading', 'stale'] as const;

/** A name a client may take (CLIENT SETNAME, HELLO SETNAME): null when valid, else the error. */
export function validateClientName(name: string): string | null {
  return printableWithoutSpaces(name) ? null : 'ERR Client names cannot contain spaces, newlines or special characters.';
}

function printableWithoutSpaces(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

const ID: CommandSpec = {
  name: 'id',
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: { summary: 'Returns the client ID for the current connection', since: '5.0.0', group: 'connection', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.integer(ctx.client.id);
  },
};

const GETNAME: CommandSpec = {
  name: 'getname',
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: { summary: 'Get the current connection name', since: '2.6.9', group: 'connection', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.bulkOrNull(ctx.client.name === '' ? null : ctx.client.name);
  },
};

const SETNAME: CommandSpec = {
  name: 'setname',
  arity: 3,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: { summary: 'Set the current connection name', since: '2.6.9', group: 'connection', complexity: 'O(1)', syntax: 'connection-name' },
  exec(ctx, argv) {
    const invalid = validateClientName(argv[2]!);
    if (invalid !== null) return ctx.reply.error(invalid);
    ctx.client.name = argv[2]!;
    ctx.reply.status('OK');
  },
};

const SETINFO: CommandSpec = {
  name: 'setinfo',
  arity: 4,
  flags: [...CLIENT_FLAGS, 'sentinel'],
  acl: ['connection'],
  doc: {
    summary: 'Sets information specific to the client or connection.',
    since: '7.2.0',
    group: 'connection',
    complexity: 'O(1)',
    syntax: 'attr:<LIB-NAME libname | LIB-VER libver>',
  },
  exec(ctx, argv) {
    const attr = argv[2]!;
    const value = argv[3]!;
    const isName = eqIgnoreCase(attr, 'lib-name');
    if (!isName && !eqIgnoreCase(attr, 'lib-ver')) return ctx.reply.error(`ERR Unrecognized option '${cString(attr)}'`);
    if (!printableWithoutSpaces(value)) return ctx.reply.error(`ERR ${cString(attr)} cannot contain spaces, newlines or special characters.`);
    if (isName) ctx.client.libName = value;
    else ctx.client.libVersion = value;
    ctx.reply.status('OK');
  },
};

/** Every client of the given type (or all), in connection order, as CLIENT LIST lines. */
function listLines(ctx: CommandContext, argv: readonly string[], matches: (c: ClientState) => boolean): string {
  let out = '';
  for (const c of ctx.server.clients()) {
    if (matches(c)) out += `${clientInfoLine(c, ctx.now, c === ctx.client ? argvSize(argv) : 0)}\n`;
  }
  return out;
}

const LIST: CommandSpec = {
  name: 'list',
  arity: -2,
  flags: ADMIN_CLIENT_FLAGS,
  acl: ['connection'],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Get the list of client connections',
    since: '2.4.0',
    group: 'connection',
    complexity: 'O(N) where N is the number of client connections',
    history: [
      ['2.8.12', 'Added unique client `id` field.'],
      ['5.0.0', 'Added optional `TYPE` filter.'],
      ['6.0.0', 'Added `user` field.'],
      ['6.2.0', 'Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.'],
      ['7.0.0', 'Added `resp`, `multi-mem`, `rbs` and `rbp` fields.'],
      ['7.0.3', 'Added `ssub` field.'],
    ],
    syntax: '[TYPE normal_master_replica_pubsub:<NORMAL | MASTER | REPLICA | PUBSUB>] id:[ID client-id [client-id ...]]',
  },
  exec(ctx, argv) {
    if (argv.length === 4 && eqIgnoreCase(argv[2]!, 'type')) {
      const type = clientTypeByName(argv[3]!);
      if (type === null) return ctx.reply.error(`ERR Unknown client type '${cString(argv[3]!)}'`);
      return ctx.reply.bulk(listLines(ctx, argv, (c) => clientType(c) === type));
    }
    if (argv.length > 3 && eqIgnoreCase(argv[2]!, 'id')) {
      // Each id in turn, once per mention, as Redis does.
      let out = '';
      for (let i = 3; i < argv.length; i++) {
        const id = parseInteger(argv[i]!);
        if (id === null) return ctx.reply.error('ERR Invalid client ID');
        out += listLines(ctx, argv, (c) => c.id === id);
      }
      return ctx.reply.bulk(out);
    }
    if (argv.length !== 2) return ctx.reply.error(SYNTAX);
    ctx.reply.bulk(listLines(ctx, argv, () => true));
  },
};

const INFO: CommandSpec = {
  name: 'info',
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  tips: ['nondeterministic_output'],
  doc: { summary: 'Returns information about the current client connection.', since: '6.2.0', group: 'connection', complexity: 'O(1)' },
  exec(ctx, argv) {
    ctx.reply.bulk(`${clientInfoLine(ctx.client, ctx.now, argvSize(argv))}\n`);
  },
};

interface KillFilter {
  addr: string | null;
  laddr: string | null;
  type: ClientType | null;
  id: number;
  skipMe: boolean;
}

/** CLIENT KILL's filters (the new form); a string is the error to reply. */
function parseKillFilter(argv: readonly string[]): KillFilter | string {
  const filter: KillFilter = { addr: null, laddr: null, type: null, id: 0, skipMe: true };
  for (let i = 2; i < argv.length; i += 2) {
    const option = argv[i]!;
    if (i + 1 >= argv.length) return SYNTAX;
    const value = argv[i + 1]!;
    if (eqIgnoreCase(option, 'id')) {
      const id = parseInteger(value);
      if (id === null || id < 1) return 'ERR client-id should be greater than 0';
      filter.id = id;
    } else if (eqIgnoreCase(option, 'type')) {
      filter.type = clientTypeByName(value);
      if (filter.type === null) return `ERR Unknown client type '${cString(value)}'`;
    } else if (eqIgnoreCase(option, 'addr')) {
      filter.addr = value;
    } else if (eqIgnoreCase(option, 'laddr')) {
      filter.laddr = value;
    } else if (eqIgnoreCase(option, 'user')) {
      if (value !== 'default') return `ERR No such user '${cString(value)}'`;
    } else if (eqIgnoreCase(option, 'skipme')) {
      if (eqIgnoreCase(value, 'yes')) filter.skipMe = true;
      else if (eqIgnoreCase(value, 'no')) filter.skipMe = false;
      else return SYNTAX;
    } else {
      return SYNTAX;
    }
  }
  return filter;
}

function killMatches(filter: KillFilter, c: ClientState, self: ClientState): boolean {
  return (
    (filter.addr === null || c.addr === filter.addr) &&
    (filter.laddr === null || c.laddr === filter.laddr) &&
    (filter.type === null || clientType(c) === filter.type) &&
    (filter.id === 0 || c.id === filter.id) &&
    !(filter.skipMe && c === self)
  );
}

const KILL: CommandSpec = {
  name: 'kill',
  arity: -3,
  flags: ADMIN_CLIENT_FLAGS,
  acl: ['connection'],
  doc: {
    summary: 'Kill the connection of a client',
    since: '2.4.0',
    group: 'connection',
    complexity: 'O(N) where N is the number of client connections',
    history: [
      ['2.8.12', 'Added new filter format.'],
      ['2.8.12', '`ID` option.'],
      ['3.2.0', 'Added `master` type in for `TYPE` option.'],
      ['5.0.0', 'Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.'],
      ['6.2.0', '`LADDR` option.'],
    ],
    syntax:
      'filter:<ip:port | new-format:<[ID client-id] | [TYPE normal_master_slave_pubsub:<NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | ' +
      '[USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME yes/no]> [[ID client-id] | ' +
      '[TYPE normal_master_slave_pubsub:<NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | [ADDR ip:port] | ' +
      '[LADDR ip:port] | [SKIPME yes/no] ...]>',
  },
  exec(ctx, argv) {
    // The old form, CLIENT KILL ip:port, may kill the caller and answers OK or an error.
    const oldForm = argv.length === 3;
    const filter: KillFilter | string = oldForm ? { addr: argv[2]!, laddr: null, type: null, id: 0, skipMe: false } : parseKillFilter(argv);
    if (typeof filter === 'string') return ctx.reply.error(filter);
    const victims: ClientState[] = [];
    for (const c of ctx.server.clients()) if (killMatches(filter, c, ctx.client)) victims.push(c);
    for (const c of victims) {
      if (c === ctx.client) c.closeAfterReply = true;
      else ctx.server.killClient(c);
    }
    if (!oldForm) ctx.reply.integer(victims.length);
    else if (victims.length === 0) ctx.reply.error('ERR No such client');
    else ctx.reply.status('OK');
  },
};

const REPLY: CommandSpec = {
  name: 'reply',
  arity: 3,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: {
    summary: 'Instruct the server whether to reply to commands',
    since: '3.2.0',
    group: 'connection',
    complexity: 'O(1)',
    syntax: '<ON | OFF | SKIP>',
  },
  exec(ctx, argv) {
    const mode = argv[2]!;
    if (eqIgnoreCase(mode, 'on')) {
      ctx.client.replyMode = 'on';
      ctx.reply.status('OK');
    } else if (eqIgnoreCase(mode, 'off')) {
      ctx.client.replyMode = 'off';
    } else if (eqIgnoreCase(mode, 'skip')) {
      if (ctx.client.replyMode !== 'off') ctx.client.replyMode = 'skip';
    } else {
      ctx.reply.error(SYNTAX);
    }
  },
};

const NO_EVICT: CommandSpec = {
  name: 'no-evict',
  arity: 3,
  flags: ADMIN_CLIENT_FLAGS,
  acl: ['connection'],
  doc: { summary: 'Set client eviction mode for the current connection', since: '7.0.0', group: 'connection', complexity: 'O(1)', syntax: 'enabled:<ON | OFF>' },
  exec(ctx, argv) {
    if (eqIgnoreCase(argv[2]!, 'on')) ctx.client.noEvict = true;
    else if (eqIgnoreCase(argv[2]!, 'off')) ctx.client.noEvict = false;
    else return ctx.reply.error(SYNTAX);
    ctx.reply.status('OK');
  },
};

// Client-side caching (tracking) is not implemented: a client is never in tracking mode.

const GETREDIR: CommandSpec = {
  name: 'getredir',
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: { summary: 'Get tracking notifications redirection client ID if any', since: '6.0.0', group: 'connection', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.integer(-1);
  },
};

const TRACKINGINFO: CommandSpec = {
  name: 'trackinginfo',
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: {
    summary: 'Return information about server assisted client side caching for the current connection',
    since: '6.2.0',
    group: 'connection',
    complexity: 'O(1)',
  },
  exec(ctx) {
    const r = ctx.reply;
    r.arrayLength(6);
    r.bulk('flags');
    r.arrayLength(1);
    r.bulk('off');
    r.bulk('redirect');
    r.integer(-1);
    r.bulk('prefixes');
    r.arrayLength(0);
  },
};

const CACHING: CommandSpec = {
  name: 'caching',
  arity: 3,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: {
    summary: 'Instruct the server about tracking or not keys in the next request',
    since: '6.0.0',
    group: 'connection',
    complexity: 'O(1)',
    syntax: '<YES | NO>',
  },
  exec(ctx) {
    ctx.reply.error('ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled');
  },
};

const TRACKING: CommandSpec = {
  name: 'tracking',
  arity: -3,
  flags: CLIENT_FLAGS,
  acl: ['connection'],
  doc: {
    summary: 'Enable or disable server assisted client side caching support',
    since: '6.0.0',
    group: 'connection',
    complexity: 'O(1). Some options may introduce additional complexity.',
    syntax: 'status:<ON | OFF> [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]',
  },
  exec(ctx, argv) {
    if (eqIgnoreCase(argv[2]!, 'off') && argv.length === 3) return ctx.reply.status('OK');
    if (eqIgnoreCase(argv[2]!, 'on')) return ctx.reply.error('ERR client side caching (CLIENT TRACKING ON) is not supported by this server');
    ctx.reply.error(SYNTAX);
  },
};

const UNBLOCK: CommandSpec = {
  name: 'unblock',
  arity: -3,
  flags: ADMIN_CLIENT_FLAGS,
  acl: ['connection'],
  doc: {
    summary: 'Unblock a client blocked in a blocking command from a different connection',
    since: '5.0.0',
    group: 'connection',
    complexity: 'O(log N) where N is the number of client connections',
    syntax: 'client-id [TIMEOUT | ERROR]',
  },
  exec(ctx, argv) {
    if (argv.length > 4) return ctx.reply.error(subcommandSyntaxError(argv[0]!, argv[1]!));
    if (argv.length === 4 && !eqIgnoreCase(argv[3]!, 'timeout') && !eqIgnoreCase(argv[3]!, 'error')) {
      return ctx.reply.error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
    }
    const id = parseInteger(argv[2]!);
    if (id === null) return ctx.reply.error(NOT_INTEGER);
    const error = argv.length === 4 && eqIgnoreCase(argv[3]!, 'error') ? 'UNBLOCKED client unblocked via CLIENT UNBLOCK' : null;
    for (const c of ctx.server.clients()) {
      if (c.id === id) return ctx.reply.integer(ctx.server.unblockClient(c, error) ? 1 : 0);
    }
    ctx.reply.integer(0);
  },
};

const PAUSE: CommandSpec = {
  name: 'pause',
  arity: -3,
  flags: ADMIN_CLIENT_FLAGS,
  acl: ['connection'],
  doc: {
    summary: 'Stop processing commands from clients for some time',
    since: '2.9.50',
    group: 'connection',
    complexity: 'O(1)',
    history: [['6.2.0', '`CLIENT PAUSE WRITE` mode added along with the `mode` option.']],
    syntax: 'timeout:integer [WRITE | ALL]',
  },
  exec(ctx, argv) {
    if (argv.length > 4) return ctx.reply.error(subcommandSyntaxError(argv[0]!, argv[1]!));
    let writesOnly = false;
    if (argv.length === 4) {
      if (eqIgnoreCase(argv[3]!, 'write')) writesOnly = true;
      else if (!eqIgnoreCase(argv[3]!, 'all')) return ctx.reply.error('ERR CLIENT PAUSE mode must be WRITE or ALL');
    }
    const timeout = parseInt64(argv[2]!);
    if (timeout === null) return ctx.reply.error('ERR timeout is not an integer or out of range');
    if (timeout < 0n) return ctx.reply.error('ERR timeout is negative');
    const until = BigInt(ctx.now) + timeout;
    // Redis 7.0 adds the timeout to the clock without a check: past 2^63 the end wraps into the past.
    if (timeout > 0n && until <= INT64_MAX) ctx.server.pauseClients(Number(until), writesOnly);
    ctx.reply.status('OK');
  },
};

const UNPAUSE: CommandSpec = {
  name: 'unpause',
  arity: 2,
  flags: ADMIN_CLIENT_FLAGS,
  acl: ['connection'],
  doc: { summary: 'Resume processing of clients that were paused', since: '6.2.0', group: 'connection', complexity: 'O(N) Where N is the number of paused clients' },
  exec(ctx) {
    ctx.server.unpauseClients();
    ctx.reply.status('OK');
  },
};

const HELP = helpSubcommand(
  'client',
  [
    'CACHING (YES|NO)',
    '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
    'GETREDIR',
    '    Return the client ID we are redirecting to when tracking is enabled.',
    'GETNAME',
    '    Return the name of the current connection.',
    'ID',
    '    Return the ID of the current connection.',
    'INFO',
    '    Return information about the current client connection.',
    'KILL <ip:port>',
    '    Kill connection made from <ip:port>.',
    'KILL <option> <value> [<option> <value> [...]]',
    '    Kill connections. Options are:',
    '    * ADDR (<ip:port>|<unixsocket>:0)',
    '      Kill connections made from the specified address',
    '    * LADDR (<ip:port>|<unixsocket>:0)',
    '      Kill connections made to specified local address',
    '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
    '      Kill connections by type.',
    '    * USER <username>',
    '      Kill connections authenticated by <username>.',
    '    * SKIPME (YES|NO)',
    '      Skip killing current connection (default: yes).',
    'LIST [options ...]',
    '    Return information about client connections. Options:',
    '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
    '      Return clients of specified type.',
    'UNPAUSE',
    '    Stop the current client pause, resuming traffic.',
    'PAUSE <timeout> [WRITE|ALL]',
    '    Suspend all, or just write, clients for <timeout> milliseconds.',
    'REPLY (ON|OFF|SKIP)',
    '    Control the replies sent to the current connection.',
    'SETNAME <name>',
    '    Assign the name <name> to the current connection.',
    'UNBLOCK <clientid> [TIMEOUT|ERROR]',
    '    Unblock the specified blocked client.',
    'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
    '         [OPTIN] [OPTOUT] [NOLOOP]',
    '    Control server assisted client side caching.',
    'TRACKINGINFO',
    '    Report tracking status for the current connection.',
    'NO-EVICT (ON|OFF)',
    '    Protect current client connection from eviction.',
  ],
  { since: '5.0.0', group: 'connection', acl: ['connection'] },
);

export const CLIENT: CommandSpec = {
  name: 'client',
  arity: -2,
  flags: [],
  acl: [],
  doc: { summary: 'A container for client connection commands', since: '2.4.0', group: 'connection', complexity: 'Depends on subcommand.' },
  subcommands: [ID, GETNAME, SETNAME, SETINFO, LIST, INFO, KILL, REPLY, NO_EVICT, PAUSE, UNPAUSE, GETREDIR, TRACKINGINFO, CACHING, TRACKING, UNBLOCK, HELP],
  /** Unreachable: the arity (-2) always selects a subcommand. */
  exec() {},
};

export const clientCommands: CommandSpec[] = [CLIENT];
