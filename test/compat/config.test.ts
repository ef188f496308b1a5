// CONFIG GET/SET/RESETSTAT/REWRITE/HELP compared with a real redis-server: the parameter names
// and default values, glob patterns, aliases, every kind of value and Redis's error texts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { decodeReply } from '../support/resp-reader.js';
import type { RawClient } from '../support/raw-client.js';

/** Parameters the real server has and we leave out on purpose: this server does not speak TLS. */
const NOT_DECLARED = /^tls-/;

async function configMap(c: RawClient, ...patterns: string[]): Promise<Map<string, string>> {
  const [reply] = decodeReply(await c.call('CONFIG', 'GET', ...patterns));
  const items = reply as string[];
  const m = new Map<string, string>();
  for (let i = 0; i < items.length; i += 2) m.set(items[i]!, items[i + 1]!);
  return m;
}

describe('CONFIG', () => {
  let d: Differential;

  /** Like d.check, but CONFIG GET replies (in each server's own hash order) compare as maps. */
  async function checkConfig(commands: string[][]): Promise<void> {
    for (const c of commands) {
      if (c.length > 2 && c[1]!.toUpperCase() === 'GET') {
        const ours = [...(await configMap(d.ours, ...c.slice(2)))].filter(([k]) => k.toLowerCase() !== 'port');
        const redis = [...(await configMap(d.redis, ...c.slice(2)))].filter(([k]) => k.toLowerCase() !== 'port');
        expect(ours.sort(), c.join(' ')).toEqual(redis.sort());
      } else {
        await d.check([c]);
      }
    }
  }

  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('CONFIG GET * has the same parameters and defaults as Redis (TLS aside)', async () => {
    const ours = await configMap(d.ours, '*');
    const redis = await configMap(d.redis, '*');
    const missing = [...redis.keys()].filter((k) => !ours.has(k) && !NOT_DECLARED.test(k));
    const extra = [...ours.keys()].filter((k) => !redis.has(k));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    // The ports differ (each server has its own); every other value is Redis's.
    const differing = [...ours].filter(([k, v]) => k !== 'port' && redis.get(k) !== v).map(([k, v]) => `${k}: ours ${v}, redis ${redis.get(k)}`);
    expect(differing).toEqual([]);
    expect(ours.size).toBeGreaterThan(150);
  });

  it('CONFIG GET matches patterns without case, answers exact names as given, lists each once', async () => {
    const cases = [
      ['hash-max-*'],
      ['*max-*-entries*', 'maxmemory*'],
      ['PORT'],
      ['Port', 'port'],
      ['slave-read-only', 'replica-read-only'],
      ['replica*', 'slave*'],
      ['p?rt', 'HZ', '[bd]*'],
      ['nosuch'],
      ['nosuch*'],
      ['maxmemory', 'maxmemory', 'MAXMEMORY*'],
      ['*'.repeat(3) + 'policy'],
      ['lazyfree-lazy-*', 'LAZYFREE*'],
    ];
    await checkConfig(cases.map((patterns) => ['CONFIG', 'GET', ...patterns]));
    await d.check([['CONFIG', 'GET'], ['CONFIG', 'GET', 'nosuch'], ['config', 'get', 'PORT*x']]);
  });

  it('refuses what Redis refuses, with its words', async () => {
    await d.check([
      ['CONFIG', 'SET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '1', 'hz'],
      ['CONFIG', 'SET', 'nosuch', '1'],
      ['CONFIG', 'SET', 'maxmemory', '10', 'nosuch', '1', 'daemonize', 'no'],
      ['CONFIG', 'SET', 'daemonize', 'no', 'nosuch', '1'],
      ['CONFIG', 'SET', 'maxmemory', 'abc', 'nosuch', '1'],
      ['CONFIG', 'SET', 'maxmemory', '10', 'maxmemory', '20'],
      ['CONFIG', 'SET', 'maxmemory', '10', 'hz', 'abc'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'databases', '3'],
      ['CONFIG', 'SET', 'dir', '/tmp'],
      ['CONFIG', 'SET', 'dbfilename', 'x.rdb'],
      ['CONFIG', 'SET', 'enable-debug-command', 'yes'],
      ['CONFIG', 'SET', 'appendonly', 'maybe'],
      ['CONFIG', 'SET', 'protected-mode', ''],
      ['CONFIG', 'SET', 'maxmemory-policy', 'foo'],
      ['CONFIG', 'SET', 'loglevel', 'loud'],
      ['CONFIG', 'SET', 'appendfsync', 'sometimes'],
      ['CONFIG', 'SET', 'repl-diskless-load', 'x'],
      ['CONFIG', 'SET', 'propagation-error-behavior', 'x'],
      ['CONFIG', 'SET', 'maxmemory', '1xb'],
      ['CONFIG', 'SET', 'maxmemory', '-1'],
      ['CONFIG', 'SET', 'maxmemory', '1.5gb'],
      ['CONFIG', 'SET', 'maxmemory', '0x10'],
      ['CONFIG', 'SET', 'hz', '-5'],
      ['CONFIG', 'SET', 'hz', '010'],
      ['CONFIG', 'SET', 'hz', ' 10'],
      ['CONFIG', 'SET', 'hz', '+10'],
      ['CONFIG', 'SET', 'hz', '1e3'],
      ['CONFIG', 'SET', 'hz', ''],
      ['CONFIG', 'SET', 'maxclients', '0'],
      ['CONFIG', 'SET', 'maxclients', '-1'],
      ['CONFIG', 'SET', 'maxclients', '100000'],
      ['CONFIG', 'SET', 'timeout', '-1'],
      ['CONFIG', 'SET', 'timeout', '99999999999'],
      ['CONFIG', 'SET', 'port', '70000'],
      ['CONFIG', 'SET', 'slave-priority', '-1'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', 'abc'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '1k'],
      ['CONFIG', 'SET', 'hash-max-listpack-value', '-1'],
      ['CONFIG', 'SET', 'hash-max-listpack-value', '9223372036854775808'],
      ['CONFIG', 'SET', 'proto-max-bulk-len', '100'],
      ['CONFIG', 'SET', 'proto-max-bulk-len', '9223372036854775808'],
      ['CONFIG', 'SET', 'slowlog-max-len', '-1'],
      ['CONFIG', 'SET', 'active-expire-effort', '11'],
      ['CONFIG', 'SET', 'maxmemory-clients', '200%'],
      ['CONFIG', 'SET', 'maxmemory-clients', '-5'],
      ['CONFIG', 'SET', 'tcp-keepalive', '1.5'],
      ['CONFIG', 'SET', 'save', 'abc'],
      ['CONFIG', 'SET', 'save', '1 2 3'],
      ['CONFIG', 'SET', 'save', '-1 2'],
      ['CONFIG', 'SET', 'save', '100 x'],
      ['CONFIG', 'SET', 'save', ' 100   1  '],
      ['CONFIG', 'SET', 'save', '3600 1', 'save', '1 1'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 2'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'foo 1 2 3'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'master 1 2 3'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1gb 0 -1'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1gb x 1'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Q'],
      ['CONFIG', 'SET', 'oom-score-adj-values', '1 2'],
      ['CONFIG', 'SET', 'oom-score-adj-values', '1 2 x'],
      ['CONFIG', 'SET', 'oom-score-adj-values', '1 2 3000'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', 'x'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 200'],
      ['CONFIG', 'SET', 'shutdown-on-sigint', 'save nosave'],
      ['CONFIG', 'SET', 'shutdown-on-sigint', 'foo'],
      ['CONFIG', 'SET', 'shutdown-on-sigint', ''],
      ['CONFIG', 'SET', 'bind', '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17'],
      ['CONFIG', 'SET', 'replicaof', 'a b'],
      ['CONFIG', 'SET', 'unixsocketperm', '777'],
      ['CONFIG', 'SET', 'cluster-announce-hostname', 'a_b'],
      ['CONFIG', 'SET', 'proc-title-template', '{foo}'],
      ['CONFIG', 'SET', 'activedefrag', 'yes'],
      ['CONFIG', 'SET', 'io-threads', '2'],
      ['CONFIG', 'SET', 'maxmemory', 'abc\u0000def'],
    ]);
  });

  it('sets values of every kind, all or nothing, and shows them as Redis does', async () => {
    await checkConfig([
      ['CONFIG', 'SET', 'maxmemory', '1gb'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '2mB', 'hz', '20', 'maxmemory-policy', 'ALLKEYS-LRU'],
      ['CONFIG', 'GET', 'maxmemory', 'hz', 'maxmemory-policy'],
      ['CONFIG', 'SET', 'maxmemory', '5', 'hz', 'x'],
      ['CONFIG', 'GET', 'maxmemory', 'hz'],
      ['CONFIG', 'SET', 'maxmemory', '18446744073709551615'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '99999999999999999999999'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '18446744073709551615gb'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', ''],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', 'kb'],
      ['CONFIG', 'SET', 'maxmemory', '1k'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '1G', 'maxmemory-policy', 'noeviction'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '0'],
      ['CONFIG', 'SET', 'hz', '0'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'SET', 'hz', '100000'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'SET', 'hz', '10'],
      ['CONFIG', 'SET', 'save', '3600 1 300 100'],
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'SET', 'save', ''],
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['CONFIG', 'GET', 'notify-keyspace-events'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'g$lshzxetd'],
      ['CONFIG', 'GET', 'notify-keyspace-events'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Exgmn'],
      ['CONFIG', 'GET', 'notify-keyspace-events'],
      ['CONFIG', 'SET', 'notify-keyspace-events', ''],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 64mb 16mb 30 replica 1gb 256mb 120'],
      ['CONFIG', 'GET', 'client-output-buffer-limit'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', ''],
      ['CONFIG', 'GET', 'client-output-buffer-limit'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'slave 268435456 67108864 60 pubsub 33554432 8388608 60'],
      ['CONFIG', 'SET', 'maxmemory-clients', '10%'],
      ['CONFIG', 'GET', 'maxmemory-clients'],
      ['CONFIG', 'SET', 'maxmemory-clients', '1mb'],
      ['CONFIG', 'GET', 'maxmemory-clients'],
      ['CONFIG', 'SET', 'maxmemory-clients', '0'],
      ['CONFIG', 'SET', 'oom-score-adj', 'relative'],
      ['CONFIG', 'GET', 'oom-score-adj'],
      ['CONFIG', 'SET', 'oom-score-adj', 'no'],
      ['CONFIG', 'SET', 'shutdown-on-sigint', 'now force'],
      ['CONFIG', 'GET', 'shutdown-on-sigint'],
      ['CONFIG', 'SET', 'shutdown-on-sigint', 'default NOW'],
      ['CONFIG', 'GET', 'shutdown-on-sigint'],
      ['CONFIG', 'SET', 'shutdown-on-sigint', 'default'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50.5 99.99999 0 100'],
      ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', ''],
      ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99 99.9'],
      ['CONFIG', 'SET', 'protected-mode', 'YES', 'lazyfree-lazy-user-del', 'Yes'],
      ['CONFIG', 'GET', 'protected-mode', 'lazyfree-lazy-user-del'],
      ['CONFIG', 'SET', 'lazyfree-lazy-user-del', 'no'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', '1', 'hash-max-listpack-entries', '2'],
      ['CONFIG', 'GET', 'hash-max-listpack-entries', 'hash-max-ziplist-entries'],
      ['CONFIG', 'SET', 'HASH-MAX-ZIPLIST-VALUE', '1kb'],
      ['CONFIG', 'GET', 'hash-max-listpack-value'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '512', 'hash-max-listpack-value', '64'],
      ['CONFIG', 'SET', 'list-max-listpack-size', '-6'],
      ['CONFIG', 'GET', 'list-max-ziplist-size'],
      ['CONFIG', 'SET', 'list-max-listpack-size', '-2'],
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '-1', 'proto-max-bulk-len', '1gb'],
      ['CONFIG', 'GET', 'slowlog-log-slower-than', 'proto-max-bulk-len'],
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '10000', 'proto-max-bulk-len', '512mb'],
      ['CONFIG', 'SET', 'requirepass', ''],
      ['CONFIG', 'GET', 'requirepass', 'masterauth', 'unixsocket', 'pidfile'],
      ['CONFIG', 'SET', 'replica-announce-ip', '10.0.0.1'],
      ['CONFIG', 'GET', 'slave-announce-ip'],
      ['CONFIG', 'SET', 'replica-announce-ip', ''],
      ['CONFIG', 'GET', 'replica-announce-ip'],
      ['CONFIG', 'SET', 'maxclients', '5000'],
      ['CONFIG', 'GET', 'maxclients'],
      ['CONFIG', 'SET', 'maxclients', '10000'],
    ]);
  });

  it('CONFIG HELP, RESETSTAT and REWRITE without a file answer as Redis', async () => {
    await d.check([
      ['CONFIG', 'HELP'],
      ['config', 'help', 'x'],
      ['CONFIG'],
      ['CONFIG', 'foo'],
      ['CONFIG', 'RESETSTAT'],
      ['CONFIG', 'RESETSTAT', 'x'],
      ['CONFIG', 'REWRITE'],
      ['CONFIG', 'REWRITE', 'x'],
    ]);
  });

  it('CONFIG SET of an encoding threshold changes the key space settings', async () => {
    await d.check([['CONFIG', 'SET', 'hash-max-listpack-entries', '7', 'zset-max-ziplist-value', '3', 'list-max-listpack-size', '5']]);
    const e = d.ourServer.keyspace.encoding;
    expect([e.hashMaxListpackEntries, e.zsetMaxListpackValue, e.listMaxListpackSize]).toEqual([7, 3, 5]);
    await d.check([['CONFIG', 'SET', 'hash-max-listpack-entries', '512', 'zset-max-listpack-value', '64', 'list-max-listpack-size', '-2']]);
    expect([e.hashMaxListpackEntries, e.zsetMaxListpackValue, e.listMaxListpackSize]).toEqual([512, 64, -2]);
  });

  it('generated CONFIG SET/GET sequences answer as Redis does', async () => {
    // Parameters that change nothing outside themselves on a real server, one of each kind.
    const params = [
      'hz',
      'maxmemory',
      'maxmemory-policy',
      'maxmemory-clients',
      'save',
      'notify-keyspace-events',
      'hash-max-listpack-entries',
      'hash-max-ziplist-value',
      'list-max-listpack-size',
      'slowlog-log-slower-than',
      'proto-max-bulk-len',
      'loglevel',
      'lazyfree-lazy-user-flush',
      'latency-tracking-info-percentiles',
      'oom-score-adj',
      'shutdown-on-sigterm',
      'replica-announce-ip',
      'active-expire-effort',
      'daemonize',
      'no-such-param',
    ];
    const value = fc.oneof(
      fc.integer({ min: -3, max: 2000 }).map(String),
      fc.bigInt({ min: -(2n ** 64n), max: 2n ** 65n }).map(String),
      fc.tuple(fc.integer({ min: 0, max: 4096 }), fc.constantFrom('b', 'k', 'kb', 'M', 'mb', 'g', 'GB', 'x', '%')).map(([n, u]) => `${n}${u}`),
      fc.constantFrom('yes', 'no', 'YES', 'maybe', '', 'notice', 'WARNING', 'allkeys-lru', 'volatile-ttl', 'relative', 'now force', 'save nosave'),
      fc.constantFrom('KEA', 'Ex', 'g$', 'A', 'Km', 'z?', '3600 1', '60 10000 300 10', '1', '1 x', '50 99.5', '101', 'a.b', '10.0.0.1'),
    );
    const command = fc.oneof(
      fc.array(fc.tuple(fc.constantFrom(...params), value), { minLength: 1, maxLength: 3 }).map((pairs) => ['CONFIG', 'SET', ...pairs.flat()]),
      fc.array(fc.constantFrom(...params, 'hash*', 'max*', '*policy'), { minLength: 1, maxLength: 3 }).map((ps) => ['CONFIG', 'GET', ...ps]),
    );
    const snapshot = await configMap(d.redis, ...params.filter((p) => p !== 'no-such-param' && p !== 'daemonize'));
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        await checkConfig(commands);
      }),
      { numRuns: 150 },
    );
    // Back to the defaults for the tests that follow.
    await d.check([['CONFIG', 'SET', ...[...snapshot].flat()]]);
  });
});
