// Who is subscribed to what (Redis's pubsub.c data): channels, patterns and shard channels, each
// mapped to its subscribers in the order they subscribed, and each subscriber's own sets. Pure
// data: a message is encoded once and pushed to each subscriber; the connection behind it decides
// when the bytes leave.

import { ReplyWriter } from '../protocol/reply-writer.js';
import { globMatch } from '../storage/glob.js';
import type { ClientState } from './client-state.js';

/** A client that can receive messages (a connection, in src/). */
export interface Subscriber {
  readonly state: ClientState;
  /**
   * Sends a push: a message, or a (un)subscribe confirmation. Redis 7.0 sends pushes even while
   * CLIENT REPLY OFF/SKIP drops the client's replies.
   */
  push(frame: readonly Buffer[]): void;
}

/** One subscriber's subscriptions; patterns keep their order (PUNSUBSCRIBE without arguments). */
class Subscriptions {
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
}

/** Which of a subscriber's sets an operation is about. */
export type SubscriptionKind = 'channel' | 'pattern' | 'shard';

export class PubSub {
  /** notify-keyspace-events as flag bits (commands/notify.ts); 0 keeps notifications off. */
  keyspaceEvents = 0;
  private readonly channels = new Map<string, Set<Subscriber>>();
  private readonly patterns = new Map<string, Set<Subscriber>>();
  private readonly shardChannels = new Map<string, Set<Subscriber>>();
  private readonly bySubscriber = new Map<Subscriber, Subscriptions>();
  /** Encodes each message once for all its receivers. */
  private readonly encoder = new ReplyWriter();

  /** Channels, patterns and shard channels with at least one subscriber (INFO, PUBSUB NUMPAT). */
  get channelCount(): number {
    return this.channels.size;
  }

  get patternCount(): number {
    return this.patterns.size;
  }

  get shardChannelCount(): number {
    return this.shardChannels.size;
  }

  /** Adds a subscription; false when the subscriber already had it. */
  subscribe(sub: Subscriber, kind: SubscriptionKind, name: string): boolean {
    let own = this.bySubscriber.get(sub);
    if (own === undefined) {
      own = new Subscriptions();
      this.bySubscriber.set(sub, own);
    }
    const mine = ownSet(own, kind);
    if (mine.has(name)) return false;
    mine.add(name);
    const index = this.index(kind);
    const subs = index.get(name);
    if (subs === undefined) index.set(name, new Set([sub]));
    else subs.add(sub);
    this.count(sub, own);
    return true;
  }

  /** Removes a subscription; false when the subscriber did not have it. */
  unsubscribe(sub: Subscriber, kind: SubscriptionKind, name: string): boolean {
    const own = this.bySubscriber.get(sub);
    if (own === undefined || !ownSet(own, kind).delete(name)) return false;
    const index = this.index(kind);
    const subs = index.get(name)!;
    subs.delete(sub);
    if (subs.size === 0) index.delete(name);
    this.count(sub, own);
    if (own.channels.size + own.patterns.size + own.shardChannels.size === 0) this.bySubscriber.delete(sub);
    return true;
  }

  /** The subscriber's subscriptions of one kind, as a list it may unsubscribe while walking. */
  subscribed(sub: Subscriber, kind: SubscriptionKind): string[] {
    const own = this.bySubscriber.get(sub);
    return own === undefined ? [] : [...ownSet(own, kind)];
  }

  /** Drops every subscription of a subscriber that is gone or RESET, without replies. */
  unsubscribeAll(sub: Subscriber): void {
    const own = this.bySubscriber.get(sub);
    if (own === undefined) return;
    for (const kind of KINDS) for (const name of ownSet(own, kind)) this.unsubscribe(sub, kind, name);
  }

  /** Subscribers of a channel or shard channel (PUBSUB NUMSUB / SHARDNUMSUB). */
  subscriberCount(kind: 'channel' | 'shard', name: string): number {
    return this.index(kind).get(name)?.size ?? 0;
  }

  /** Channels or shard channels with subscribers, optionally only those matching a glob. */
  activeChannels(kind: 'channel' | 'shard', pattern: string | null): string[] {
    const out: string[] = [];
    for (const name of this.index(kind).keys()) if (pattern === null || globMatch(pattern, name)) out.push(name);
    return out;
  }

  /**
   * PUBLISH: the message goes to the channel's subscribers, then to the subscribers of every
   * matching pattern; returns how many deliveries were made.
   */
  publish(channel: string, message: string): number {
    let receivers = 0;
    const subs = this.channels.get(channel);
    if (subs !== undefined) receivers += deliver(subs, this.frame('message', null, channel, message));
    if (this.patterns.size !== 0) {
      for (const [pattern, psubs] of this.patterns) {
        if (globMatch(pattern, channel)) receivers += deliver(psubs, this.frame('pmessage', pattern, channel, message));
      }
    }
    return receivers;
  }

  /** The push confirming a (un)subscription: [word, name or nil, count]. */
  confirmation(word: string, name: string | null, count: number): Buffer[] {
    const w = this.encoder;
    w.arrayLength(3);
    w.bulk(word);
    w.bulkOrNull(name);
    w.integer(count);
    return w.take();
  }

  /** SPUBLISH: the message goes to the shard channel's subscribers only. */
  publishShard(channel: string, message: string): number {
    const subs = this.shardChannels.get(channel);
    return subs === undefined ? 0 : deliver(subs, this.frame('smessage', null, channel, message));
  }

  /** True when nobody listens on any channel or pattern (keyspace events can be skipped). */
  get idle(): boolean {
    return this.channels.size === 0 && this.patterns.size === 0;
  }

  private index(kind: SubscriptionKind): Map<string, Set<Subscriber>> {
    return kind === 'channel' ? this.channels : kind === 'pattern' ? this.patterns : this.shardChannels;
  }

  /** Keeps CLIENT LIST's sub/psub/ssub (and with them pub/sub mode) in step. */
  private count(sub: Subscriber, own: Subscriptions): void {
    const state = sub.state;
    state.subscriptions = own.channels.size;
    state.patternSubscriptions = own.patterns.size;
    state.shardSubscriptions = own.shardChannels.size;
  }

  /** The RESP2 message, encoded once: [kind, (pattern,) channel, message]. */
  private frame(kind: string, pattern: string | null, channel: string, message: string): Buffer[] {
    const w = this.encoder;
    w.arrayLength(pattern === null ? 3 : 4);
    w.bulk(kind);
    if (pattern !== null) w.bulk(pattern);
    w.bulk(channel);
    w.bulk(message);
    return w.take();
  }
}

const KINDS: readonly SubscriptionKind[] = ['channel', 'pattern', 'shard'];

function ownSet(own: Subscriptions, kind: SubscriptionKind): Set<string> {
  return kind === 'channel' ? own.channels : kind === 'pattern' ? own.patterns : own.shardChannels;
}

/** Pushes a frame to every subscriber. */
function deliver(subs: Set<Subscriber>, frame: readonly Buffer[]): number {
  for (const sub of subs) sub.push(frame);
  return subs.size;
}
