// Connection commands: PING, ECHO, QUIT, RESET, SELECT, HELLO, AUTH (Redis's server.c,
// networking.c and acl.c handlers). CLIENT lives in client.ts.

import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { DB_OUT_OF_RANGE, NOT_INTEGER, SYNTAX, cString, wrongArity } from './errors.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import { validateClientName } from './client.js';

const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';
const NO_PASSWORD_SET =
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?';
const HELLO_NOAUTH =
  'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time';

/** The only user is "default", whose password is requirepass (none: any password is accepted). */
function requirePass(ctx: CommandContext): string {
  return ctx.server.config.value('requirepass');
}

/** Authenticates the client as `username`; false (and nothing changed) when the pair is wrong. */
function authenticate(ctx: CommandContext, username: string, password: string): boolean {
  const pass = requirePass(ctx);
  if (username !== 'default' || (pass !== '' && password !== pass)) return false;
  ctx.client.authenticated = true;
  return true;
}

export const PING: CommandSpec = {
  name: 'ping',
  arity: -1,
  flags: ['fast', 'sentinel'],
  acl: ['connection'],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  runsWhenSubscribed: true,
  doc: { summary: 'Ping the server', since: '1.0.0', group: 'connection', complexity: 'O(1)', syntax: '[message]' },
  exec(ctx, argv) {
    if (argv.length > 2) return ctx.reply.error(wrongArity('ping'));
    if (ctx.client.inPubSub && ctx.client.resp === 2) {
      // A subscribed RESP2 client tells replies from messages by shape: PING answers a message-like array.
      ctx.reply.arrayLength(2);
      ctx.reply.bulk('pong');
      return ctx.reply.bulk(argv.length === 2 ? argv[1]! : '');
    }
    if (argv.length === 2) ctx.reply.bulk(argv[1]!);
    else ctx.reply.status('PONG');
  },
};

export const ECHO: CommandSpec = {
  name: 'echo',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  acl: ['connection'],
  doc: { summary: 'Echo the given string', since: '1.0.0', group: 'connection', complexity: 'O(1)', syntax: 'message' },
  exec(ctx, argv) {
    ctx.reply.bulk(argv[1]!);
  },
};

export const QUIT: CommandSpec = {
  name: 'quit',
  runsInMulti: true,
  runsWhenSubscribed: true,
  arity: -1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  acl: ['connection'],
  doc: { summary: 'Close the connection', since: '1.0.0', group: 'connection', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.status('OK');
    ctx.client.closeAfterReply = true;
  },
};

export const RESET: CommandSpec = {
  name: 'reset',
  runsInMulti: true,
  runsWhenSubscribed: true,
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  acl: ['connection'],
  doc: { summary: 'Reset the connection', since: '6.2.0', group: 'connection', complexity: 'O(1)' },
  exec(ctx) {
    ctx.router.forget(ctx); // DISCARD and UNWATCH
    if (ctx.subscriber !== null) ctx.pubsub.unsubscribeAll(ctx.subscriber);
    ctx.client.resetConnection(requirePass(ctx) === '');
    ctx.reply.status('RESET');
  },
};

export const SELECT: CommandSpec = {
  name: 'select',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  acl: ['connection'],
  doc: {
    summary: 'Change the selected database for the current connection',
    since: '1.0.0',
    group: 'connection',
    complexity: 'O(1)',
    syntax: 'index',
  },
  exec(ctx, argv) {
    const index = parseInteger(argv[1]!);
    if (index === null) return ctx.reply.error(NOT_INTEGER);
    if (index < -2147483648 || index > 2147483647) {
      return ctx.reply.error('ERR value is out of range, value must between -2147483648 and 2147483647');
    }
    if (index < 0 || index >= ctx.keyspace.dbs.length) return ctx.reply.error(DB_OUT_OF_RANGE);
    ctx.client.db = index;
    ctx.reply.status('OK');
  },
};

export const HELLO: CommandSpec = {
  name: 'hello',
  arity: -1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  acl: ['connection'],
  doc: {
    summary: 'Handshake with Redis',
    since: '6.0.0',
    group: 'connection',
    complexity: 'O(1)',
    history: [['6.2.0', "`protover` made optional; when called without arguments the command reports the current connection's context."]],
    syntax: 'arguments:[protover [AUTH username password] [SETNAME clientname]]',
  },
  exec(ctx, argv) {
    if (argv.length >= 2) {
      const version = parseInteger(argv[1]!);
      if (version === null) return ctx.reply.error('ERR Protocol version is not an integer or out of range');
      // RESP3 is not implemented yet: clients such as ioredis and node-redis then fall back to RESP2.
      if (version !== 2) return ctx.reply.error('NOPROTO unsupported protocol version');
    }
    let username: string | null = null;
    let password = '';
    // Redis 7.0 names the client as it reads SETNAME, before checking what follows and the auth.
    for (let i = 2; i < argv.length; i++) {
      const more = argv.length - 1 - i;
      if (eqIgnoreCase(argv[i]!, 'auth') && more >= 2) {
        username = argv[i + 1]!;
        password = argv[i + 2]!;
        i += 2;
      } else if (eqIgnoreCase(argv[i]!, 'setname') && more >= 1) {
        const name = argv[++i]!;
        const invalid = validateClientName(name);
        if (invalid !== null) return ctx.reply.error(invalid);
        ctx.client.name = name;
      } else {
        return ctx.reply.error(`ERR Syntax error in HELLO option '${cString(argv[i]!)}'`);
      }
    }
    if (username !== null && !authenticate(ctx, username, password)) return ctx.reply.error(WRONGPASS);
    if (!ctx.client.authenticated) return ctx.reply.error(HELLO_NOAUTH);
    const reply = ctx.reply;
    reply.arrayLength(14);
    reply.bulk('server');
    reply.bulk('redis');
    reply.bulk('version');
    reply.bulk(ctx.server.redisVersion);
    reply.bulk('proto');
    reply.integer(ctx.client.resp);
    reply.bulk('id');
    reply.integer(ctx.client.id);
    reply.bulk('mode');
    reply.bulk('standalone');
    reply.bulk('role');
    reply.bulk('master');
    reply.bulk('modules');
    reply.arrayLength(0);
  },
};

export const AUTH: CommandSpec = {
  name: 'auth',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  acl: ['connection'],
  doc: {
    summary: 'Authenticate to the server',
    since: '1.0.0',
    group: 'connection',
    complexity: 'O(N) where N is the number of passwords defined for the user',
    history: [['6.0.0', 'Added ACL style (username and password).']],
    syntax: '[username] password',
  },
  exec(ctx, argv) {
    if (argv.length > 3) return ctx.reply.error(SYNTAX);
    if (argv.length === 2 && requirePass(ctx) === '') return ctx.reply.error(NO_PASSWORD_SET);
    const ok = argv.length === 2 ? authenticate(ctx, 'default', argv[1]!) : authenticate(ctx, argv[1]!, argv[2]!);
    if (ok) ctx.reply.status('OK');
    else ctx.reply.error(WRONGPASS);
  },
};

export const connectionCommands: CommandSpec[] = [PING, ECHO, QUIT, RESET, SELECT, HELLO, AUTH];
