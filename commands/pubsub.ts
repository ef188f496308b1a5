// SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH and
// PUBSUB CHANNELS | NUMSUB | NUMPAT | SHARDCHANNELS | SHARDNUMSUB | HELP (Redis's pubsub.c).
//
// PUBLISH and SPUBLISH change no key: they are not writes and stay off the write path (their
// flags are pubsub, loading, stale, fast, as in Redis 7.0). A message is not state to replicate;
// in a cluster it will be forwarded to the other nodes as a message, not applied as an entry.

import { subcommandSyntaxError } from './errors.js';
import type { CommandContext } from './context.js';
import type { Subscriber, SubscriptionKind } from './pubsub-registry.js';
import type { CommandSpec } from './types.js';
import { helpSubcommand } from './help.js';

/** The words of the subscription replies, by kind. */
const WORDS: Record<SubscriptionKind, { subscribe: string; unsubscribe: string }> = {
  channel: { subscribe: 'subscribe', unsubscribe: 'unsubscribe' },
  pattern: { subscribe: 'psubscribe', unsubscribe: 'punsubscribe' },
  shard: { subscribe: 'ssubscribe', unsubscribe: 'sunsubscribe' },
};

/** Only connections subscribe; internal contexts never run these commands. */
function subscriberOf(ctx: CommandContext): Subscriber {
  return ctx.subscriber!;
}

/** The count a (un)subscribe reply carries: channels and patterns together, shard channels apart. */
function subscriptionCount(ctx: CommandContext, kind: SubscriptionKind): number {
  const c = ctx.client;
  return kind === 'shard' ? c.shardSubscriptions : c.subscriptions + c.patternSubscriptions;
}

/** Confirmations are pushes, not replies: Redis sends them even under CLIENT REPLY OFF. */
function confirm(ctx: CommandContext, word: string, name: string | null, kind: SubscriptionKind): void {
  subscriberOf(ctx).push(ctx.pubsub.confirmation(word, name, subscriptionCount(ctx, kind)));
}

function subscribe(ctx: CommandContext, argv: string[], kind: SubscriptionKind): void {
  const sub = subscriberOf(ctx);
  for (let i = 1; i < argv.length; i++) {
    ctx.pubsub.subscribe(sub, kind, argv[i]!);
    confirm(ctx, WORDS[kind].subscribe, argv[i]!, kind);
  }
}

/** Named subscriptions are confirmed even when absent; none named drops them all (or says there were none). */
function unsubscribe(ctx: CommandContext, argv: string[], kind: SubscriptionKind): void {
  const sub = subscriberOf(ctx);
  const word = WORDS[kind].unsubscribe;
  const names = argv.length > 1 ? argv.slice(1) : ctx.pubsub.subscribed(sub, kind);
  if (names.length === 0) return confirm(ctx, word, null, kind);
  for (const name of names) {
    ctx.pubsub.unsubscribe(sub, kind, name);
    confirm(ctx, word, name, kind);
  }
}

export const SUBSCRIBE: CommandSpec = {
  name: 'subscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale', 'sentinel'],
  acl: [],
  runsWhenSubscribed: true,
  doc: {
    summary: 'Listen for messages published to the given channels',
    since: '2.0.0',
    group: 'pubsub',
    complexity: 'O(N) where N is the number of channels to subscribe to.',
    syntax: 'channel [channel ...]',
  },
  exec(ctx, argv) {
    subscribe(ctx, argv, 'channel');
  },
};

export const UNSUBSCRIBE: CommandSpec = {
  name: 'unsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale', 'sentinel'],
  acl: [],
  runsWhenSubscribed: true,
  doc: {
    summary: 'Stop listening for messages posted to the given channels',
    since: '2.0.0',
    group: 'pubsub',
    complexity: 'O(N) where N is the number of clients already subscribed to a channel.',
    syntax: '[channel [channel ...]]',
  },
  exec(ctx, argv) {
    unsubscribe(ctx, argv, 'channel');
  },
};

export const PSUBSCRIBE: CommandSpec = {
  name: 'psubscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale', 'sentinel'],
  acl: [],
  runsWhenSubscribed: true,
  doc: {
    summary: 'Listen for messages published to channels matching the given patterns',
    since: '2.0.0',
    group: 'pubsub',
    complexity: 'O(N) where N is the number of patterns the client is already subscribed to.',
    syntax: 'pattern:<pattern> [pattern:<pattern> ...]',
  },
  exec(ctx, argv) {
    subscribe(ctx, argv, 'pattern');
  },
};

export const PUNSUBSCRIBE: CommandSpec = {
  name: 'punsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale', 'sentinel'],
  acl: [],
  runsWhenSubscribed: true,
  doc: {
    summary: 'Stop listening for messages posted to channels matching the given patterns',
    since: '2.0.0',
    group: 'pubsub',
    complexity:
      'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).',
    syntax: '[pattern [pattern ...]]',
  },
  exec(ctx, argv) {
    unsubscribe(ctx, argv, 'pattern');
  },
};

const SHARD_CHANNELS_KEYS = [{ flags: 'NOT_KEY', begin: 1, range: { lastKey: -1, step: 1, limit: 0 } }];

export const SSUBSCRIBE: CommandSpec = {
  name: 'ssubscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  acl: [],
  keys: SHARD_CHANNELS_KEYS,
  runsWhenSubscribed: true,
  doc: {
    summary: 'Listen for messages published to the given shard channels',
    since: '7.0.0',
    group: 'pubsub',
    complexity: 'O(N) where N is the number of shard channels to subscribe to.',
    syntax: 'shardchannel [shardchannel ...]',
  },
  exec(ctx, argv) {
    // A client that expects one reply per command (inside EXEC) cannot enter subscribed mode this way.
    if (ctx.blocker === null) return ctx.reply.error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
    subscribe(ctx, argv, 'shard');
  },
};

export const SUNSUBSCRIBE: CommandSpec = {
  name: 'sunsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  acl: [],
  keys: SHARD_CHANNELS_KEYS,
  runsWhenSubscribed: true,
  doc: {
    summary: 'Stop listening for messages posted to the given shard channels',
    since: '7.0.0',
    group: 'pubsub',
    complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.',
    syntax: '[shardchannel [shardchannel ...]]',
  },
  exec(ctx, argv) {
    unsubscribe(ctx, argv, 'shard');
  },
};

export const PUBLISH: CommandSpec = {
  name: 'publish',
  arity: 3,
  flags: ['pubsub', 'loading', 'stale', 'fast', 'may_replicate', 'sentinel'],
  acl: [],
  doc: {
    summary: 'Post a message to a channel',
    since: '2.0.0',
    group: 'pubsub',
    complexity:
      'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).',
    syntax: 'channel message',
  },
  exec(ctx, argv) {
    ctx.reply.integer(ctx.pubsub.publish(argv[1]!, argv[2]!));
  },
};

export const SPUBLISH: CommandSpec = {
  name: 'spublish',
  arity: 3,
  flags: ['pubsub', 'loading', 'stale', 'fast', 'may_replicate'],
  acl: [],
  keys: [{ flags: 'NOT_KEY', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary: 'Post a message to a shard channel',
    since: '7.0.0',
    group: 'pubsub',
    complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.',
    syntax: 'shardchannel message',
  },
  exec(ctx, argv) {
    ctx.reply.integer(ctx.pubsub.publishShard(argv[1]!, argv[2]!));
  },
};

// ---- PUBSUB introspection ----

function listChannels(ctx: CommandContext, argv: string[], kind: 'channel' | 'shard'): void {
  if (argv.length > 3) return ctx.reply.error(subcommandSyntaxError(argv[0]!, argv[1]!));
  ctx.reply.bulkArray(ctx.pubsub.activeChannels(kind, argv.length === 3 ? argv[2]! : null));
}

function countSubscribers(ctx: CommandContext, argv: string[], kind: 'channel' | 'shard'): void {
  const reply = ctx.reply;
  reply.arrayLength((argv.length - 2) * 2);
  for (let i = 2; i < argv.length; i++) {
    reply.bulk(argv[i]!);
    reply.integer(ctx.pubsub.subscriberCount(kind, argv[i]!));
  }
}

const CHANNELS: CommandSpec = {
  name: 'channels',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale', 'sentinel'],
  acl: [],
  doc: {
    summary: 'List active channels',
    since: '2.8.0',
    group: 'pubsub',
    complexity:
      'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
    syntax: '[pattern]',
  },
  exec(ctx, argv) {
    listChannels(ctx, argv, 'channel');
  },
};

const NUMSUB: CommandSpec = {
  name: 'numsub',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale', 'sentinel'],
  acl: [],
  doc: {
    summary: 'Get the count of subscribers for channels',
    since: '2.8.0',
    group: 'pubsub',
    complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
    syntax: '[channel [channel ...]]',
  },
  exec(ctx, argv) {
    countSubscribers(ctx, argv, 'channel');
  },
};

const NUMPAT: CommandSpec = {
  name: 'numpat',
  arity: 2,
  flags: ['pubsub', 'loading', 'stale', 'sentinel'],
  acl: [],
  doc: { summary: 'Get the count of unique patterns pattern subscriptions', since: '2.8.0', group: 'pubsub', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.integer(ctx.pubsub.patternCount);
  },
};

const SHARDCHANNELS: CommandSpec = {
  name: 'shardchannels',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale'],
  acl: [],
  doc: {
    summary: 'List active shard channels',
    since: '7.0.0',
    group: 'pubsub',
    complexity:
      'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
    syntax: '[pattern]',
  },
  exec(ctx, argv) {
    listChannels(ctx, argv, 'shard');
  },
};

const SHARDNUMSUB: CommandSpec = {
  name: 'shardnumsub',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale'],
  acl: [],
  doc: {
    summary: 'Get the count of subscribers for shard channels',
    since: '7.0.0',
    group: 'pubsub',
    complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
    syntax: '[shardchannel [shardchannel ...]]',
  },
  exec(ctx, argv) {
    countSubscribers(ctx, argv, 'shard');
  },
};

const HELP = helpSubcommand(
  'pubsub',
  [
    'CHANNELS [<pattern>]',
    "    Return the currently active channels matching a <pattern> (default: '*').",
    'NUMPAT',
    '    Return number of subscriptions to patterns.',
    'NUMSUB [<channel> ...]',
    '    Return the number of subscribers for the specified channels, excluding',
    '    pattern subscriptions(default: no channels).',
    'SHARDCHANNELS [<pattern>]',
    "    Return the currently active shard level channels matching a <pattern> (default: '*').",
    'SHARDNUMSUB [<shardchannel> ...]',
    '    Return the number of subscribers for the specified shard level channel(s)',
  ],
  { since: '6.2.0', group: 'pubsub', acl: [] },
);

export const PUBSUB: CommandSpec = {
  name: 'pubsub',
  arity: -2,
  flags: [],
  acl: [],
  doc: { summary: 'A container for Pub/Sub commands', since: '2.8.0', group: 'pubsub', complexity: 'Depends on subcommand.' },
  subcommands: [CHANNELS, NUMSUB, NUMPAT, SHARDCHANNELS, SHARDNUMSUB, HELP],
  exec() {},
};

export const pubsubCommands: CommandSpec[] = [SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH, PUBSUB];
