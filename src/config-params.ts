// Every configuration parameter of Redis 7.0 by its redis.conf name, with its alias, kind,
// bounds, default and whether CONFIG SET may change it (config.c's standardConfig table).
// TLS parameters are left out: this server does not speak TLS.
//
// Many parameters only exist so that tools which read or set them get Redis's answer; the ones
// the server acts on are wired in src/server.ts (port, bind, maxclients, timeout, ...).

import {
  bindKind,
  boolKind,
  bufferLimitKind,
  dirKind,
  enumKind,
  flagsKind,
  keyspaceEventsKind,
  numericKind,
  oomScoreValuesKind,
  percentilesKind,
  replicaOfKind,
  saveKind,
  stringKind,
  type BufferLimits,
  type NumericOptions,
  type ParamKind,
} from './config-kinds.js';

/** CONFIG SET refuses these ("can't set immutable config"). */
export const IMMUTABLE = 1;
/** CONFIG SET refuses these unless enable-protected-configs allows it. */
export const PROTECTED = 2;

export interface ParamDef {
  readonly name: string;
  readonly alias: string | null;
  readonly flags: number;
  readonly kind: ParamKind;
  readonly defaultValue: unknown;
}

const INT_MAX = 2147483647n;
const INT_MIN = -2147483648n;
const UINT_MAX = 4294967295n;
const LONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;
const MB = 1024n * 1024n;

/** The addresses Redis's shipped redis.conf binds: loopback only (the -::1 is optional). */
export const DEFAULT_BIND = ['127.0.0.1', '-::1'];

function param<T>(name: string, kind: ParamKind<T>, defaultValue: T, flags = 0, alias: string | null = null): ParamDef {
  return { name, alias, flags, kind: kind as ParamKind, defaultValue };
}

const bool = (name: string, d: boolean, flags = 0, alias: string | null = null) => param(name, boolKind(), d, flags, alias);
/** A C int or long (signed bounds). */
const int = (name: string, min: bigint, max: bigint, d: bigint, flags = 0, alias: string | null = null) =>
  param(name, numericKind({ min, max }), d, flags, alias);
/** A C unsigned int, unsigned long long or size_t (bounds compared as unsigned). */
const uint = (name: string, min: bigint, max: bigint, d: bigint, flags = 0, alias: string | null = null) =>
  param(name, numericKind({ min, max, unsigned: true }), d, flags, alias);
const numeric = (name: string, o: NumericOptions, d: bigint, flags = 0, alias: string | null = null) =>
  param(name, numericKind(o), d, flags, alias);
const str = (name: string, d: string | null, flags = 0, alias: string | null = null) =>
  param(name, stringKind({ emptyIsNull: d === null }), d, flags, alias);
const oneOf = (name: string, names: string[], d: string, flags = 0) => param(name, enumKind(names), d, flags);

function baseNameOnly(what: string, noun: string): (v: string) => string | null {
  return (v) => {
    if (what !== 'dbfilename' && v === '') return `${what} can't be empty`;
    return v.includes('/') || v.includes('\\') ? `${what} can't be a path, just a ${noun}` : null;
  };
}

function validHostname(v: string): string | null {
  if (v.length >= 256) return 'Hostnames must be less than 256 characters';
  return /^[A-Za-z0-9.-]*$/.test(v) ? null : 'Hostnames may only contain alphanumeric characters, hyphens or dots';
}

const TITLE_VARIABLES = new Set(['title', 'listen-addr', 'server-mode', 'port', 'tls-port', 'unixsocket', 'config-file']);

function validTitleTemplate(v: string): string | null {
  const invalid = 'template format is invalid or contains unknown variables';
  let rest = v;
  for (let m = /\{([^{}]*)\}/.exec(rest); m !== null; m = /\{([^{}]*)\}/.exec(rest)) {
    if (!TITLE_VARIABLES.has(m[1]!)) return invalid;
    rest = rest.slice(0, m.index) + rest.slice(m.index + m[0].length);
  }
  return rest.includes('{') || rest.includes('}') || v.trim() === '' ? invalid : null;
}

const SHUTDOWN_FLAGS = ['default', 'save', 'nosave', 'now', 'force'];
const saveAndNoSave = (v: number) => ((v & 3) === 3 ? "shutdown options SAVE and NOSAVE can't be used simultaneously" : null);

const PROTECTED_ACTION = ['no', 'yes', 'local'];

const DEFAULT_BUFFER_LIMITS: BufferLimits = {
  normal: { hard: 0n, soft: 0n, softSeconds: 0 },
  slave: { hard: 256n * MB, soft: 64n * MB, softSeconds: 60 },
  pubsub: { hard: 32n * MB, soft: 8n * MB, softSeconds: 60 },
};

export const PARAMS: readonly ParamDef[] = [
  // Networking and process.
  int('port', 0n, 65535n, 6379n),
  param('bind', bindKind(DEFAULT_BIND), DEFAULT_BIND),
  str('bind-source-addr', null),
  bool('protected-mode', true),
  int('tcp-backlog', 0n, INT_MAX, 511n, IMMUTABLE),
  int('tcp-keepalive', 0n, INT_MAX, 300n),
  uint('socket-mark-id', 0n, UINT_MAX, 0n, IMMUTABLE),
  str('unixsocket', null, IMMUTABLE),
  numeric('unixsocketperm', { min: 0n, max: 0o777n, unsigned: true, octal: true }, 0n, IMMUTABLE),
  int('timeout', 0n, INT_MAX, 0n),
  uint('maxclients', 1n, UINT_MAX, 10000n),
  int('databases', 1n, INT_MAX, 16n, IMMUTABLE),
  bool('daemonize', false, IMMUTABLE),
  str('pidfile', null, IMMUTABLE),
  oneOf('supervised', ['upstart', 'systemd', 'auto', 'no'], 'no', IMMUTABLE),
  param('dir', dirKind, process.cwd(), PROTECTED),
  numeric('hz', { min: 0n, max: INT_MAX, clamp: [1n, 500n] }, 10n),
  bool('dynamic-hz', true),
  int('io-threads', 1n, 128n, 1n, IMMUTABLE),
  bool('io-threads-do-reads', false, IMMUTABLE),
  str('server_cpulist', null, IMMUTABLE),
  str('bio_cpulist', null, IMMUTABLE),
  str('aof_rewrite_cpulist', null, IMMUTABLE),
  str('bgsave_cpulist', null, IMMUTABLE),
  bool('set-proc-title', true, IMMUTABLE),
  param('proc-title-template', stringKind({ validate: validTitleTemplate }), '{title} {listen-addr} {server-mode}'),
  bool('disable-thp', true, IMMUTABLE),
  bool('jemalloc-bg-thread', true),
  str('ignore-warnings', ''),
  param('oom-score-adj', enumKind(['no', 'yes', 'relative', 'absolute'], { relative: 'yes' }), 'no'),
  param('oom-score-adj-values', oomScoreValuesKind, [0, 200, 800]),
  param('shutdown-on-sigint', flagsKind(SHUTDOWN_FLAGS, saveAndNoSave), 0),
  param('shutdown-on-sigterm', flagsKind(SHUTDOWN_FLAGS, saveAndNoSave), 0),
  int('shutdown-timeout', 0n, INT_MAX, 10n),
  bool('crash-log-enabled', true),
  bool('crash-memcheck-enabled', true),
  param('enable-protected-configs', enumKind(PROTECTED_ACTION), 'no', IMMUTABLE),
  param('enable-debug-command', enumKind(PROTECTED_ACTION), 'no', IMMUTABLE),
  param('enable-module-command', enumKind(PROTECTED_ACTION), 'no', IMMUTABLE),

  // Logging.
  oneOf('loglevel', ['debug', 'verbose', 'notice', 'warning'], 'notice'),
  str('logfile', '', IMMUTABLE),
  bool('syslog-enabled', false, IMMUTABLE),
  str('syslog-ident', 'redis', IMMUTABLE),
  oneOf('syslog-facility', ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'], 'local0', IMMUTABLE),
  bool('always-show-logo', false, IMMUTABLE),
  int('slowlog-log-slower-than', -1n, LONG_MAX, 10000n),
  int('slowlog-max-len', 0n, LONG_MAX, 128n),
  int('latency-monitor-threshold', 0n, LONG_MAX, 0n),
  bool('latency-tracking', true),
  param('latency-tracking-info-percentiles', percentilesKind, [50, 99, 99.9]),

  // Security.
  str('requirepass', null),
  str('aclfile', '', IMMUTABLE),
  int('acllog-max-len', 0n, LONG_MAX, 128n),
  oneOf('acl-pubsub-default', ['allchannels', 'resetchannels'], 'resetchannels'),
  oneOf('sanitize-dump-payload', ['no', 'yes', 'clients'], 'no'),

  // Clients and protocol limits.
  param('client-output-buffer-limit', bufferLimitKind, DEFAULT_BUFFER_LIMITS),
  numeric('client-query-buffer-limit', { min: MB, max: LONG_MAX, unsigned: true, memory: true }, 1024n * MB),
  numeric('proto-max-bulk-len', { min: MB, max: LONG_MAX, memory: true }, 512n * MB),
  numeric('maxmemory-clients', { min: -100n, max: LONG_MAX, memory: true, percent: true }, 0n),
  uint('tracking-table-max-keys', 0n, LONG_MAX, 1000000n),
  int('busy-reply-threshold', 0n, LONG_MAX, 5000n, 0, 'lua-time-limit'),

  // Memory.
  numeric('maxmemory', { min: 0n, max: ULLONG_MAX, unsigned: true, memory: true }, 0n),
  oneOf(
    'maxmemory-policy',
    ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
    'noeviction',
  ),
  int('maxmemory-samples', 1n, INT_MAX, 5n),
  int('maxmemory-eviction-tenacity', 0n, 100n, 10n),
  int('lfu-log-factor', 0n, INT_MAX, 10n),
  int('lfu-decay-time', 0n, INT_MAX, 1n),
  bool('lazyfree-lazy-eviction', false),
  bool('lazyfree-lazy-expire', false),
  bool('lazyfree-lazy-server-del', false),
  bool('lazyfree-lazy-user-del', false),
  bool('lazyfree-lazy-user-flush', false),
  int('active-expire-effort', 1n, 10n, 1n),
  bool('activerehashing', true),
  param('activedefrag', boolKind((v) => (v ? 'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution' : null)), false),
  numeric('active-defrag-ignore-bytes', { min: 1n, max: LONG_MAX, unsigned: true, memory: true }, 100n * MB),
  int('active-defrag-threshold-lower', 0n, 1000n, 10n),
  int('active-defrag-threshold-upper', 0n, 1000n, 100n),
  int('active-defrag-cycle-min', 1n, 99n, 1n),
  int('active-defrag-cycle-max', 1n, 99n, 25n),
  int('active-defrag-max-scan-fields', 1n, LONG_MAX, 1000n),

  // Encodings of collections.
  uint('hash-max-listpack-entries', 0n, LONG_MAX, 512n, 0, 'hash-max-ziplist-entries'),
  numeric('hash-max-listpack-value', { min: 0n, max: LONG_MAX, unsigned: true, memory: true }, 64n, 0, 'hash-max-ziplist-value'),
  int('list-max-listpack-size', INT_MIN, INT_MAX, -2n, 0, 'list-max-ziplist-size'),
  int('list-compress-depth', 0n, INT_MAX, 0n),
  uint('set-max-intset-entries', 0n, LONG_MAX, 512n),
  uint('zset-max-listpack-entries', 0n, LONG_MAX, 128n, 0, 'zset-max-ziplist-entries'),
  numeric('zset-max-listpack-value', { min: 0n, max: LONG_MAX, unsigned: true, memory: true }, 64n, 0, 'zset-max-ziplist-value'),
  numeric('hll-sparse-max-bytes', { min: 0n, max: LONG_MAX, unsigned: true, memory: true }, 3000n),
  numeric('stream-node-max-bytes', { min: 0n, max: LONG_MAX, unsigned: true, memory: true }, 4096n),
  int('stream-node-max-entries', 0n, LONG_MAX, 100n),

  // Keyspace events.
  param('notify-keyspace-events', keyspaceEventsKind, 0),

  // Persistence (accepted and reported; see the log at startup).
  param('save', saveKind, [
    [3600n, 1],
    [300n, 100],
    [60n, 10000],
  ]),
  param('dbfilename', stringKind({ validate: baseNameOnly('dbfilename', 'filename') }), 'dump.rdb', PROTECTED),
  bool('rdbcompression', true),
  bool('rdbchecksum', true, IMMUTABLE),
  bool('rdb-del-sync-files', false),
  bool('rdb-save-incremental-fsync', true),
  bool('stop-writes-on-bgsave-error', true),
  bool('appendonly', false),
  param('appendfilename', stringKind({ validate: baseNameOnly('appendfilename', 'filename') }), 'appendonly.aof', IMMUTABLE),
  param('appenddirname', stringKind({ validate: baseNameOnly('appenddirname', 'dirname') }), 'appendonlydir', IMMUTABLE),
  oneOf('appendfsync', ['everysec', 'always', 'no'], 'everysec'),
  bool('no-appendfsync-on-rewrite', false),
  int('auto-aof-rewrite-percentage', 0n, INT_MAX, 100n),
  numeric('auto-aof-rewrite-min-size', { min: 0n, max: LONG_MAX, memory: true }, 64n * MB),
  bool('aof-load-truncated', true),
  bool('aof-use-rdb-preamble', true),
  bool('aof-rewrite-incremental-fsync', true),
  bool('aof-timestamp-enabled', false),
  bool('aof-disable-auto-gc', false),

  // Replication.
  param('replicaof', replicaOfKind, null, IMMUTABLE, 'slaveof'),
  str('masterauth', null),
  str('masteruser', null),
  bool('replica-serve-stale-data', true, 0, 'slave-serve-stale-data'),
  bool('replica-read-only', true, 0, 'slave-read-only'),
  bool('replica-lazy-flush', false, 0, 'slave-lazy-flush'),
  bool('replica-ignore-maxmemory', true, 0, 'slave-ignore-maxmemory'),
  bool('replica-ignore-disk-write-errors', false),
  bool('replica-announced', true),
  str('replica-announce-ip', null, 0, 'slave-announce-ip'),
  int('replica-announce-port', 0n, 65535n, 0n, 0, 'slave-announce-port'),
  int('replica-priority', 0n, INT_MAX, 100n, 0, 'slave-priority'),
  bool('repl-diskless-sync', true),
  int('repl-diskless-sync-delay', 0n, INT_MAX, 5n),
  int('repl-diskless-sync-max-replicas', 0n, INT_MAX, 0n),
  oneOf('repl-diskless-load', ['disabled', 'on-empty-db', 'swapdb'], 'disabled'),
  int('repl-ping-replica-period', 1n, INT_MAX, 10n, 0, 'repl-ping-slave-period'),
  int('repl-timeout', 1n, INT_MAX, 60n),
  bool('repl-disable-tcp-nodelay', false),
  numeric('repl-backlog-size', { min: 1n, max: LONG_MAX, memory: true }, MB),
  int('repl-backlog-ttl', 0n, LONG_MAX, 3600n),
  int('min-replicas-to-write', 0n, INT_MAX, 0n, 0, 'min-slaves-to-write'),
  int('min-replicas-max-lag', 0n, INT_MAX, 10n, 0, 'min-slaves-max-lag'),
  oneOf('propagation-error-behavior', ['ignore', 'panic', 'panic-on-replicas'], 'ignore'),

  // Cluster.
  bool('cluster-enabled', false, IMMUTABLE),
  str('cluster-config-file', 'nodes.conf', IMMUTABLE),
  int('cluster-port', 0n, 65535n, 0n, IMMUTABLE),
  int('cluster-node-timeout', 0n, LONG_MAX, 15000n),
  str('cluster-announce-ip', null),
  param('cluster-announce-hostname', stringKind({ emptyIsNull: true, validate: validHostname }), null),
  int('cluster-announce-port', 0n, 65535n, 0n),
  int('cluster-announce-bus-port', 0n, 65535n, 0n),
  int('cluster-announce-tls-port', 0n, 65535n, 0n),
  oneOf('cluster-preferred-endpoint-type', ['ip', 'hostname', 'unknown-endpoint'], 'ip'),
  bool('cluster-require-full-coverage', true),
  bool('cluster-replica-no-failover', false, 0, 'cluster-slave-no-failover'),
  int('cluster-replica-validity-factor', 0n, INT_MAX, 10n, 0, 'cluster-slave-validity-factor'),
  int('cluster-migration-barrier', 0n, INT_MAX, 1n),
  bool('cluster-allow-replica-migration', true),
  bool('cluster-allow-reads-when-down', false),
  bool('cluster-allow-pubsubshard-when-down', true),
  numeric('cluster-link-sendbuf-limit', { min: 0n, max: ULLONG_MAX, unsigned: true, memory: true }, 0n),
];
