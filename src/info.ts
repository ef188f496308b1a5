// INFO: Redis 7.0's sections with the same field names in the same order, so that tools which
// parse them (redis-cli, ioredis's ready check, monitoring agents) find what they look for.
// Fields about machinery this server does not have (forks, AOF, replication links, Lua,
// defragmentation) report what Redis reports when that machinery is idle.

import os from 'node:os';
import type { Command, CommandTable } from '../commands/command-table.js';
import type { Keyspace } from '../storage/keyspace.js';
import type { PubSub } from '../commands/pubsub-registry.js';
import type { Config } from './config.js';
import type { ServerStats } from './info-stats.js';

/** What INFO reads from the running server. */
export interface InfoSource {
  readonly config: Config;
  readonly keyspace: Keyspace;
  readonly stats: ServerStats;
  readonly table: CommandTable;
  readonly redisVersion: string;
  /** Start time in ms. */
  readonly startTime: number;
  readonly runId: string;
  readonly replicationId: string;
  /** Unix time in seconds of the last save (the start, as nothing is saved). */
  readonly lastSave: number;
  readonly port: number;
  readonly executable: string;
  /** Heap in use at start, the baseline of used_memory_startup. */
  readonly startupMemory: number;
  readonly connectedClients: number;
  readonly blockedClients: number;
  /** Channels, patterns and shard channels with subscribers (INFO stats pubsub_*). */
  readonly pubsub: PubSub;
  /** Writes applied since the last save (rdb_changes_since_last_save). */
  readonly changesSinceSave: number;
  /** Highest used_memory seen (the cron samples it too). */
  memoryPeak: number;
}

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];
/** Every section, in the order Redis prints them whatever order they were asked in. */
const ALL_SECTIONS = [
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
  'cpu',
  'modules',
  'commandstats',
  'errorstats',
  'latencystats',
  'cluster',
  'keyspace',
];

type Fields = Array<[string, string | number]>;
type Section = (src: InfoSource, now: number) => Fields;

const TITLES: Record<string, string> = {
  server: 'Server',
  clients: 'Clients',
  memory: 'Memory',
  persistence: 'Persistence',
  stats: 'Stats',
  replication: 'Replication',
  cpu: 'CPU',
  modules: 'Modules',
  commandstats: 'Commandstats',
  errorstats: 'Errorstats',
  latencystats: 'Latencystats',
  cluster: 'Cluster',
  keyspace: 'Keyspace',
};

/** The INFO text for the (lower-cased) section names; none means the default sections. */
export function renderInfo(src: InfoSource, names: readonly string[], now: number): string {
  const wanted = new Set<string>();
  if (names.length === 0) names = ['default'];
  for (const n of names) {
    if (n === 'default') DEFAULT_SECTIONS.forEach((s) => wanted.add(s));
    else if (n === 'all' || n === 'everything') ALL_SECTIONS.forEach((s) => wanted.add(s));
    else wanted.add(n);
  }
  let out = '';
  for (const name of ALL_SECTIONS) {
    if (!wanted.has(name)) continue;
    if (out.length > 0) out += '\r\n';
    out += `# ${TITLES[name]}\r\n`;
    for (const [k, v] of SECTIONS[name]!(src, now)) out += `${k}:${v}\r\n`;
  }
  return out;
}

/** Redis's bytesToHuman. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let d = n;
  for (const u of units) {
    d /= 1024;
    if (d < 1024 || u === 'P') return `${d.toFixed(2)}${u}`;
  }
  return `${n}B`;
}

function fixed2(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : '0.00';
}

/** Seconds of CPU as "%ld.%06ld". */
function cpuSeconds(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(Math.floor(micros % 1e6)).padStart(6, '0')}`;
}

function usedMemory(): { used: number; rss: number; active: number } {
  const m = process.memoryUsage();
  return { used: m.heapUsed + m.external, rss: m.rss, active: m.heapTotal + m.external };
}

const server: Section = (src, now) => {
  const uptime = Math.floor((now - src.startTime) / 1000);
  const hz = src.config.number('hz');
  return [
    ['redis_version', src.redisVersion],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', '0'],
    ['redis_mode', 'standalone'],
    ['os', `${os.type()} ${os.release()} ${os.machine()}`],
    ['arch_bits', process.arch.endsWith('64') ? 64 : 32],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', process.platform === 'linux' ? 'epoll' : process.platform === 'win32' ? 'iocp' : 'kqueue'],
    ['atomicvar_api', 'c11-builtin'],
    ['gcc_version', '0.0.0'],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', src.runId],
    ['tcp_port', src.port],
    ['server_time_usec', now * 1000],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', hz],
    ['configured_hz', hz],
    ['lru_clock', Math.floor(now / 1000) & 0xffffff],
    ['executable', src.executable],
    ['config_file', src.config.configFile ?? ''],
    ['io_threads_active', 0],
  ];
};

const clients: Section = (src) => [
  ['connected_clients', src.connectedClients],
  ['cluster_connections', 0],
  ['maxclients', src.config.value('maxclients')],
  ['client_recent_max_input_buffer', 0],
  ['client_recent_max_output_buffer', 0],
  ['blocked_clients', src.blockedClients],
  ['tracking_clients', 0],
  ['clients_in_timeout_table', 0],
];

const memory: Section = (src) => {
  const { used, rss, active } = usedMemory();
  if (used > src.memoryPeak) src.memoryPeak = used;
  const peak = src.memoryPeak;
  const startup = Math.min(src.startupMemory, used);
  const dataset = used - startup;
  const maxmemory = src.config.typed<bigint>('maxmemory');
  const total = os.totalmem();
  return [
    ['used_memory', used],
    ['used_memory_human', bytesToHuman(used)],
    ['used_memory_rss', rss],
    ['used_memory_rss_human', bytesToHuman(rss)],
    ['used_memory_peak', peak],
    ['used_memory_peak_human', bytesToHuman(peak)],
    ['used_memory_peak_perc', `${fixed2((used * 100) / peak)}%`],
    ['used_memory_overhead', startup],
    ['used_memory_startup', startup],
    ['used_memory_dataset', dataset],
    ['used_memory_dataset_perc', `${fixed2((dataset * 100) / Math.max(1, used - startup))}%`],
    ['allocator_allocated', used],
    ['allocator_active', active],
    ['allocator_resident', rss],
    ['total_system_memory', total],
    ['total_system_memory_human', bytesToHuman(total)],
    ['used_memory_lua', 0],
    ['used_memory_vm_eval', 0],
    ['used_memory_lua_human', '0B'],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 0],
    ['used_memory_vm_total', 0],
    ['used_memory_vm_total_human', '0B'],
    ['used_memory_functions', 0],
    ['used_memory_scripts', 0],
    ['used_memory_scripts_human', '0B'],
    ['maxmemory', maxmemory.toString()],
    ['maxmemory_human', bytesToHuman(Number(maxmemory))],
    ['maxmemory_policy', src.config.value('maxmemory-policy')],
    ['allocator_frag_ratio', fixed2(active / used)],
    ['allocator_frag_bytes', active - used],
    ['allocator_rss_ratio', fixed2(rss / active)],
    ['allocator_rss_bytes', rss - active],
    ['rss_overhead_ratio', '1.00'],
    ['rss_overhead_bytes', 0],
    ['mem_fragmentation_ratio', fixed2(rss / used)],
    ['mem_fragmentation_bytes', rss - used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', 0],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', 'libc'],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ];
};

const persistence: Section = (src) => [
  ['loading', 0],
  ['async_loading', 0],
  ['current_cow_peak', 0],
  ['current_cow_size', 0],
  ['current_cow_size_age', 0],
  ['current_fork_perc', '0.00'],
  ['current_save_keys_processed', 0],
  ['current_save_keys_total', 0],
  ['rdb_changes_since_last_save', src.changesSinceSave],
  ['rdb_bgsave_in_progress', 0],
  ['rdb_last_save_time', src.lastSave],
  ['rdb_last_bgsave_status', 'ok'],
  ['rdb_last_bgsave_time_sec', -1],
  ['rdb_current_bgsave_time_sec', -1],
  ['rdb_saves', 0],
  ['rdb_last_cow_size', 0],
  ['rdb_last_load_keys_expired', 0],
  ['rdb_last_load_keys_loaded', 0],
  ['aof_enabled', 0],
  ['aof_rewrite_in_progress', 0],
  ['aof_rewrite_scheduled', 0],
  ['aof_last_rewrite_time_sec', -1],
  ['aof_current_rewrite_time_sec', -1],
  ['aof_last_bgrewrite_status', 'ok'],
  ['aof_rewrites', 0],
  ['aof_rewrites_consecutive_failures', 0],
  ['aof_last_write_status', 'ok'],
  ['aof_last_cow_size', 0],
  ['module_fork_in_progress', 0],
  ['module_fork_last_cow_size', 0],
];

/** Calls of every command and subcommand since start or CONFIG RESETSTAT. */
export function totalCommandsProcessed(table: CommandTable): number {
  let n = 0;
  for (const cmd of commandsOf(table)) n += cmd.calls;
  return n;
}

function* commandsOf(table: CommandTable): IterableIterator<Command> {
  for (const cmd of table.all()) {
    yield cmd;
    if (cmd.subcommands !== null) yield* cmd.subcommands.values();
  }
}

const stats: Section = (src) => {
  const s = src.stats;
  return [
    ['total_connections_received', s.connectionsReceived],
    ['total_commands_processed', totalCommandsProcessed(src.table)],
    ['instantaneous_ops_per_sec', Math.round(s.opsPerSec.perSecond)],
    ['total_net_input_bytes', s.netInputBytes],
    ['total_net_output_bytes', s.netOutputBytes],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', fixed2(s.inputPerSec.perSecond / 1024)],
    ['instantaneous_output_kbps', fixed2(s.outputPerSec.perSecond / 1024)],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', s.rejectedConnections],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', src.keyspace.expiredKeys - s.expiredKeysAtReset],
    ['expired_stale_perc', '0.00'],
    ['expired_time_cap_reached_count', 0],
    ['expire_cycle_cpu_milliseconds', 0],
    ['evicted_keys', 0],
    ['evicted_clients', 0],
    ['total_eviction_exceeded_time', 0],
    ['current_eviction_exceeded_time', 0],
    ['keyspace_hits', src.keyspace.readHits],
    ['keyspace_misses', src.keyspace.readMisses],
    ['pubsub_channels', src.pubsub.channelCount],
    ['pubsub_patterns', src.pubsub.patternCount],
    ['pubsubshard_channels', src.pubsub.shardChannelCount],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', 0],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', 0],
    ['tracking_total_items', 0],
    ['tracking_total_prefixes', 0],
    ['unexpected_error_replies', 0],
    ['total_error_replies', s.totalErrorReplies],
    ['dump_payload_sanitizations', 0],
    ['total_reads_processed', s.readsProcessed],
    ['total_writes_processed', s.writesProcessed],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
  ];
};

const replication: Section = (src) => [
  ['role', 'master'],
  ['connected_slaves', 0],
  ['master_failover_state', 'no-failover'],
  ['master_replid', src.replicationId],
  ['master_replid2', '0000000000000000000000000000000000000000'],
  ['master_repl_offset', 0],
  ['second_repl_offset', -1],
  ['repl_backlog_active', 0],
  ['repl_backlog_size', src.config.value('repl-backlog-size')],
  ['repl_backlog_first_byte_offset', 0],
  ['repl_backlog_histlen', 0],
];

const cpu: Section = () => {
  // One thread runs everything, so the main thread's time is the process's.
  const u = process.cpuUsage();
  const t = u;
  return [
    ['used_cpu_sys', cpuSeconds(u.system)],
    ['used_cpu_user', cpuSeconds(u.user)],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', cpuSeconds(t.system)],
    ['used_cpu_user_main_thread', cpuSeconds(t.user)],
  ];
};

const commandstats: Section = (src) => {
  const out: Fields = [];
  for (const cmd of commandsOf(src.table)) {
    if (cmd.calls === 0 && cmd.failedCalls === 0 && cmd.rejectedCalls === 0) continue;
    // Time per call is not measured (a clock read around every command costs more than GET).
    out.push([`cmdstat_${cmd.fullName}`, `calls=${cmd.calls},usec=0,usec_per_call=0.00,rejected_calls=${cmd.rejectedCalls},failed_calls=${cmd.failedCalls}`]);
  }
  return out;
};

const errorstats: Section = (src) =>
  [...src.stats.errorCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, n]) => [`errorstat_${code}`, `count=${n}`]);

const keyspace: Section = (src, now) => {
  const out: Fields = [];
  for (const db of src.keyspace.dbs) {
    if (db.size === 0) continue;
    out.push([`db${db.id}`, `keys=${db.size},expires=${db.expires.size},avg_ttl=${averageTtl(db.expires.entries(), now)}`]);
  }
  return out;
};

/** Mean time to live in ms of (at most) the first keys with an expiry, like Redis's sampled estimate. */
function averageTtl(expires: Iterator<[string, number]>, now: number): number {
  let sum = 0;
  let n = 0;
  for (let e = expires.next(); !e.done && n < 1024; e = expires.next()) {
    const ttl = e.value[1] - now;
    if (ttl > 0) {
      sum += ttl;
      n++;
    }
  }
  return n === 0 ? 0 : Math.round(sum / n);
}

const SECTIONS: Record<string, Section> = {
  server,
  clients,
  memory,
  persistence,
  stats,
  replication,
  cpu,
  modules: () => [],
  commandstats,
  errorstats,
  latencystats: () => [],
  cluster: () => [['cluster_enabled', 0]],
  keyspace,
};
