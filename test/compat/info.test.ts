// INFO compared with a real redis-server: the same sections in the same order for every way of
// asking, the same field names in the same order in each section, and the same values where
// they must agree (version, mode, roles, counts after the same commands, keyspace lines).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { decodeReply } from '../support/resp-reader.js';
import type { RawClient } from '../support/raw-client.js';

interface Info {
  sections: string[];
  fields: Map<string, Array<[string, string]>>;
  raw: string;
}

async function info(c: RawClient, ...sections: string[]): Promise<Info> {
  const [reply] = decodeReply(await c.call('INFO', ...sections));
  const raw = reply as string;
  const out: Info = { sections: [], fields: new Map(), raw };
  let current: Array<[string, string]> = [];
  for (const line of raw.split('\r\n')) {
    if (line.startsWith('# ')) {
      out.sections.push(line.slice(2));
      current = [];
      out.fields.set(line.slice(2), current);
    } else if (line !== '') {
      const colon = line.indexOf(':');
      current.push([line.slice(0, colon), line.slice(colon + 1)]);
    }
  }
  return out;
}

const names = (fields: Array<[string, string]> | undefined) => (fields ?? []).map(([k]) => k);
const value = (i: Info, section: string, field: string) => i.fields.get(section)?.find(([k]) => k === field)?.[1];

describe('INFO', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('lists the same sections as Redis for every way of asking', async () => {
    const asks = [[], ['default'], ['all'], ['everything'], ['server', 'clients'], ['SERVER'], ['keyspace', 'server'], ['commandstats'], ['latencystats'], ['errorstats'], ['nosuch'], ['default', 'commandstats'], ['all', 'nosuch'], ['Memory', 'CPU', 'memory']];
    for (const a of asks) {
      const [ours, redis] = await Promise.all([info(d.ours, ...a), info(d.redis, ...a)]);
      expect(ours.sections, `INFO ${a.join(' ')}`).toEqual(redis.sections);
    }
    await d.check([['INFO', 'nosuch']]);
  });

  it('has the same fields in the same order in each section (latency percentiles are not measured)', async () => {
    // Both servers see the same commands, so commandstats and errorstats name the same entries.
    const commands = [['SET', 'a', '1'], ['GET', 'a'], ['nosuch'], ['GET'], ['CONFIG', 'GET', 'hz'], ['INCR', 'a'], ['SADD', 'a', 'x'], ['CONFIG', 'SET', 'hz', 'x']];
    await d.check([['CONFIG', 'RESETSTAT'], ...commands]);
    const [ours, redis] = await Promise.all([info(d.ours, 'everything'), info(d.redis, 'everything')]);
    expect(ours.raw.endsWith('\r\n')).toBe(true);
    for (const section of redis.sections) {
      if (section === 'Latencystats') continue;
      // Redis lists commands in its command table's hash order.
      if (section === 'Commandstats') expect(names(ours.fields.get(section)).sort()).toEqual(names(redis.fields.get(section)).sort());
      else expect(names(ours.fields.get(section)), section).toEqual(names(redis.fields.get(section)));
    }
    expect(ours.fields.get('Latencystats')).toEqual([]);
  });

  it('agrees with Redis on the values that do not depend on the machine', async () => {
    await d.check([['FLUSHALL'], ['CONFIG', 'RESETSTAT'], ['SET', 'x', '1'], ['SWAPDB', '0', '3'], ['SET', 'k', 'v'], ['SET', 't', 'v', 'EX', '100'], ['GET', 'k'], ['nosuch'], ['GET'], ['INCR', 'k'], ['SADD', 'k', 'x'], ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']]);
    const [ours, redis] = await Promise.all([info(d.ours, 'everything'), info(d.redis, 'everything')]);
    const same: Array<[string, string]> = [
      ['Server', 'redis_version'],
      ['Server', 'redis_mode'],
      ['Server', 'arch_bits'],
      ['Server', 'process_supervised'],
      ['Server', 'hz'],
      ['Server', 'configured_hz'],
      ['Server', 'config_file'],
      ['Server', 'io_threads_active'],
      ['Clients', 'connected_clients'],
      ['Clients', 'cluster_connections'],
      ['Clients', 'maxclients'],
      ['Clients', 'blocked_clients'],
      ['Memory', 'maxmemory'],
      ['Memory', 'maxmemory_human'],
      ['Memory', 'maxmemory_policy'],
      ['Persistence', 'loading'],
      ['Persistence', 'async_loading'],
      ['Persistence', 'rdb_bgsave_in_progress'],
      ['Persistence', 'rdb_last_bgsave_status'],
      ['Persistence', 'aof_enabled'],
      ['Persistence', 'aof_rewrite_in_progress'],
      ['Persistence', 'aof_last_write_status'],
      ['Stats', 'rejected_connections'],
      ['Stats', 'total_error_replies'],
      ['Stats', 'evicted_keys'],
      ['Replication', 'role'],
      ['Replication', 'connected_slaves'],
      ['Replication', 'master_failover_state'],
      ['Replication', 'master_repl_offset'],
      ['Replication', 'repl_backlog_size'],
      ['Cluster', 'cluster_enabled'],
    ];
    const differing = same.filter(([s, f]) => value(ours, s, f) !== value(redis, s, f)).map(([s, f]) => `${s}.${f}: ours ${value(ours, s, f)}, redis ${value(redis, s, f)}`);
    expect(differing).toEqual([]);
    expect(value(ours, 'Server', 'tcp_port')).toBe(String(d.ourPort));
    expect(value(ours, 'Server', 'process_id')).toBe(String(process.pid));
    // The command counts (not their times) and the error counts are Redis's.
    const stripTimes = (fields: Array<[string, string]> | undefined) => (fields ?? []).map(([k, v]) => `${k}:${v.replace(/usec=\d+,usec_per_call=[\d.]+,/, '')}`).sort();
    expect(stripTimes(ours.fields.get('Commandstats'))).toEqual(stripTimes(redis.fields.get('Commandstats')));
    expect(ours.fields.get('Errorstats')).toEqual(redis.fields.get('Errorstats'));
    // Keyspace lines: the same counts; avg_ttl is an estimate in both.
    const keyspace = (i: Info) => (i.fields.get('Keyspace') ?? []).map(([k, v]) => `${k}:${v.replace(/,avg_ttl=\d+$/, '')}`);
    expect(keyspace(ours)).toEqual(keyspace(redis));
    expect(keyspace(ours)).toEqual(['db0:keys=2,expires=1', 'db3:keys=1,expires=0']);
    await d.check([['CONFIG', 'SET', 'maxmemory-policy', 'noeviction']]);
  });

  it('counts commands, connections and traffic', async () => {
    const before = await info(d.ours, 'stats');
    const processed = Number(value(before, 'Stats', 'total_commands_processed'));
    for (let i = 0; i < 10; i++) await d.ours.call('PING');
    const other = await (await import('../support/raw-client.js')).RawClient.connect(d.ourPort);
    other.close();
    const after = await info(d.ours, 'stats');
    // The INFO before is counted once it has run, as in Redis, and the ten PINGs.
    expect(Number(value(after, 'Stats', 'total_commands_processed'))).toBe(processed + 11);
    expect(Number(value(after, 'Stats', 'total_connections_received'))).toBeGreaterThan(Number(value(before, 'Stats', 'total_connections_received')));
    expect(Number(value(after, 'Stats', 'total_net_input_bytes'))).toBeGreaterThan(Number(value(before, 'Stats', 'total_net_input_bytes')));
    expect(Number(value(after, 'Stats', 'total_net_output_bytes'))).toBeGreaterThan(Number(value(before, 'Stats', 'total_net_output_bytes')));
    const mem = await info(d.ours, 'memory');
    expect(Number(value(mem, 'Memory', 'used_memory'))).toBeGreaterThan(0);
    expect(value(mem, 'Memory', 'used_memory_human')).toMatch(/^\d+(\.\d\d[KMGTP])?B?$/);
  });
});
