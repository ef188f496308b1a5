// The process: the configuration, the key space, the command table and router, the write path,
// the TCP listeners whose connections feed them, the periodic tasks (client timeouts, output
// limits, INFO's samples) and the graceful shutdown.

import fs from 'node:fs';
import net from 'node:net';
import v8 from 'node:v8';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Keyspace } from '../storage/keyspace.js';
import { CommandTable } from '../commands/command-table.js';
import { Router } from '../commands/router.js';
import { allCommands } from '../commands/all.js';
import { PubSub } from '../commands/pubsub-registry.js';
import { setKeyspaceEvents } from '../commands/notify.js';
import type { ServerHandle, ShutdownOptions } from '../commands/server-handle.js';
import type { ClientState } from '../commands/client-state.js';
import { isLoopbackAddress } from '../commands/server-local-client.js';
import { Connection, type ConnectionHost, type OutputLimit } from './connection.js';
import { StandaloneWritePath } from './standalone-write-path.js';
import { ActiveExpiry } from './active-expiry.js';
import { ClientPause } from './client-pause.js';
import { Config } from './config.js';
import type { BufferLimits } from './config-kinds.js';
import type { SavePoints } from './config-kinds.js';
import { PINO_LEVEL, silentLogger, type Logger, type RedisLogLevel } from './log.js';
import { ServerStats } from './info-stats.js';
import { renderInfo, totalCommandsProcessed, type InfoSource } from './info.js';

export const REDIS_VERSION = '7.0.15';

const DENIED =
  "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n";
const MAX_CLIENTS_REACHED = '-ERR max number of clients reached\r\n';
/** Redis keeps this many descriptors for itself beyond maxclients (CONFIG_MIN_RESERVED_FDS). */
const RESERVED_FDS = 32;
/** How long a graceful shutdown waits for clients to take their replies before cutting them. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface ServerOptions {
  /** Defaults to Redis's defaults. */
  config?: Config;
  /** Defaults to a logger that drops everything. */
  log?: Logger;
  /** INFO's `executable`. */
  executable?: string;
  /** Called when SHUTDOWN has closed everything (the process then exits). */
  onShutdown?: () => void;
}

export class RedisServer implements ConnectionHost, ServerHandle, InfoSource {
  readonly config: Config;
  readonly log: Logger;
  readonly keyspace: Keyspace;
  readonly table: CommandTable;
  readonly router: Router;
  readonly writePath: StandaloneWritePath;
  /** Removes expired keys through the write path (reads never do). */
  readonly activeExpiry: ActiveExpiry;
  readonly handle: ServerHandle = this;
  readonly stats = new ServerStats();
  readonly traffic = this.stats;
  readonly clock = Date.now;
  readonly connections = new Set<Connection>();
  readonly redisVersion = REDIS_VERSION;
  readonly startTime = Date.now();
  readonly lastSave = Math.floor(this.startTime / 1000);
  readonly runId = randomBytes(20).toString('hex');
  readonly replicationId = randomBytes(20).toString('hex');
  readonly executable: string;
  readonly startupMemory: number;
  memoryPeak: number;
  /** client-output-buffer-limit normal, updated in place by CONFIG SET. */
  readonly outputLimit: OutputLimit = { hard: 0, soft: 0, softSeconds: 0 };
  /** client-output-buffer-limit pubsub, for subscribed clients. */
  readonly pubsubOutputLimit: OutputLimit = { hard: 0, soft: 0, softSeconds: 0 };
  /** Channels, patterns and subscribers; keyspace notifications go there too. */
  readonly pubsub = new PubSub();
  readonly clientPause: ClientPause;
  private readonly onShutdown: (() => void) | null;
  private listeners: net.Server[] = [];
  private unixListener: net.Server | null = null;
  private boundPort = 0;
  private nextClientId = 1;
  private cron: NodeJS.Timeout | null = null;
  private lastClientsCron = 0;
  private closing: Promise<void> | null = null;
  // Configuration read on every connection or command, kept at hand.
  private requirePass = '';
  private protectedMode = true;
  private maxClients = 10000;
  private idleTimeoutMs = 0;
  private protoMaxBulkLen = 0;
  private queryBufferLimit = 0;
  private tcpKeepAliveMs = 0;

  constructor(options: ServerOptions = {}) {
    this.config = options.config ?? new Config();
    this.log = options.log ?? silentLogger();
    this.executable = options.executable ?? path.resolve(process.argv[1] ?? '');
    this.onShutdown = options.onShutdown ?? null;
    this.keyspace = new Keyspace(this.config.number('databases'));
    this.table = new CommandTable(allCommands);
    this.writePath = new StandaloneWritePath(this.clock);
    this.activeExpiry = new ActiveExpiry(this.keyspace, this.writePath, this.clock, this);
    this.router = new Router({
      table: this.table,
      writePath: this.writePath,
      clock: this.clock,
      authRequired: () => this.requirePass !== '',
    });
    this.clientPause = new ClientPause(this.table, this.clock);
    this.readConfig();
    this.watchConfig();
    const m = process.memoryUsage();
    this.startupMemory = m.heapUsed + m.external;
    this.memoryPeak = this.startupMemory;
  }

  // ---- ServerHandle (what commands see) ----

  get commands(): CommandTable {
    return this.table;
  }

  *clients(): Iterable<ClientState> {
    for (const c of this.connections) yield c.state;
  }

  killClient(client: ClientState): void {
    for (const c of this.connections) if (c.state === client) c.destroy();
  }

  pauseClients(until: number, writesOnly: boolean): void {
    this.clientPause.pause(until, writesOnly);
  }

  unpauseClients(): void {
    this.clientPause.unpause();
  }

  unblockClient(client: ClientState, error: string | null): boolean {
    for (const c of this.connections) if (c.state === client) return c.endBlock(error);
    return false;
  }

  info(sections: readonly string[]): string {
    return renderInfo(this, sections, Date.now());
  }

  purgeMemory(): void {
    // Only when node runs with --expose-gc (the benchmark does); otherwise V8 decides.
    (globalThis as { gc?: () => void }).gc?.();
  }

  memoryStats(): Array<[string, number]> {
    const m = process.memoryUsage();
    const used = m.heapUsed + m.external;
    const keys = this.keyspace.totalKeys;
    const dataset = Math.max(0, used - this.startupMemory);
    return [
      ['peak.allocated', Math.max(this.memoryPeak, used)],
      ['total.allocated', used],
      ['startup.allocated', this.startupMemory],
      ['replication.backlog', 0],
      ['clients.slaves', 0],
      ['clients.normal', 0],
      ['aof.buffer', 0],
      ['keys.count', keys],
      ['keys.bytes-per-key', keys === 0 ? 0 : Math.floor(dataset / keys)],
      ['dataset.bytes', dataset],
      ['rss-overhead.bytes', Math.max(0, m.rss - used)],
    ];
  }

  resetStats(): void {
    this.stats.reset();
    this.stats.expiredKeysAtReset = this.keyspace.expiredKeys;
    this.keyspace.readHits = this.keyspace.readMisses = 0;
    for (const cmd of this.table.all()) {
      cmd.calls = cmd.rejectedCalls = cmd.failedCalls = 0;
      if (cmd.subcommands !== null) for (const sub of cmd.subcommands.values()) sub.calls = sub.rejectedCalls = sub.failedCalls = 0;
    }
  }

  unixTimeMicros(): number {
    return Math.floor((performance.timeOrigin + performance.now()) * 1000);
  }

  shutdown(options: ShutdownOptions): string | null {
    const saving = options.save ?? this.config.typed<SavePoints>('save').length > 0;
    if (saving) this.log.warn('persistence is not built yet: the data set is not saved before shutting down');
    setImmediate(() => {
      void this.shutdownGracefully(null).then(() => this.onShutdown?.());
    });
    return null;
  }

  // ---- InfoSource ----

  get port(): number {
    return this.boundPort;
  }

  get connectedClients(): number {
    return this.connections.size;
  }

  get blockedClients(): number {
    return this.router.blocking.size;
  }

  get changesSinceSave(): number {
    return this.writePath.appliedIndex;
  }

  // ---- listening and accepting ----

  /** Opens the TCP listeners (bind × port) and the unix socket; fails when a required one cannot. */
  async listen(): Promise<void> {
    this.listeners = await this.openListeners(this.config.number('port'), this.config.typed<readonly string[]>('bind'));
    const unixsocket = this.config.value('unixsocket');
    if (unixsocket !== '') await this.openUnixSocket(unixsocket);
    const hz = this.config.number('hz');
    this.startCron(hz);
    this.activeExpiry.start();
  }

  private async openListeners(port: number, bind: readonly string[]): Promise<net.Server[]> {
    const opened: net.Server[] = [];
    for (const entry of bind) {
      // "-addr" may be missing on this machine (no IPv6, say): skip it then, as Redis does.
      const optional = entry.startsWith('-');
      const addr = optional ? entry.slice(1) : entry;
      const host = addr === '*' ? '0.0.0.0' : addr === '::*' ? '::' : addr;
      const listener = net.createServer((socket) => this.accept(socket));
      const onPort = opened.length > 0 || port !== 0 ? (this.boundPort || port) : 0;
      try {
        await new Promise<void>((resolve, reject) => {
          listener.once('error', reject);
          listener.listen({ port: onPort, host, backlog: this.config.number('tcp-backlog'), ipv6Only: host.includes(':') }, () => {
            listener.off('error', reject);
            resolve();
          });
        });
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        if (optional && ['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT', 'ENOPROTOOPT'].includes(code)) continue;
        for (const l of opened) l.close();
        this.log.warn({ address: addr, port: onPort, err: (e as Error).message }, `Could not create server TCP listening socket ${addr}:${onPort}`);
        throw new Error(`Failed listening on port ${onPort} (tcp): ${(e as Error).message}`);
      }
      opened.push(listener);
      this.boundPort = (listener.address() as net.AddressInfo).port;
    }
    if (bind.length > 0 && opened.length === 0) throw new Error(`Failed listening on port ${port} (tcp): no address could be bound`);
    return opened;
  }

  private async openUnixSocket(file: string): Promise<void> {
    fs.rmSync(file, { force: true });
    const listener = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(file, () => resolve());
    });
    const perm = this.config.number('unixsocketperm');
    if (perm !== 0) fs.chmodSync(file, perm);
    this.unixListener = listener;
  }

  private accept(socket: net.Socket): void {
    if (this.closing !== null) {
      socket.destroy();
      return;
    }
    if (this.connections.size >= this.maxClients) {
      this.stats.rejectedConnections++;
      socket.end(MAX_CLIENTS_REACHED);
      return;
    }
    this.stats.connectionsReceived++;
    if (this.protectedMode && this.requirePass === '' && !isLoopbackAddress(socket.remoteAddress)) {
      this.stats.rejectedConnections++;
      socket.end(DENIED);
      return;
    }
    if (this.tcpKeepAliveMs > 0) socket.setKeepAlive(true, this.tcpKeepAliveMs);
    const conn = new Connection(socket, this, this.nextClientId++);
    // Clients that connect while no password is set are authenticated, as in Redis.
    conn.state.authenticated = this.requirePass === '';
    conn.parser.authRequired = !conn.state.authenticated;
    conn.parser.maxBulkLen = this.protoMaxBulkLen;
    conn.parser.queryBufferLimit = this.queryBufferLimit;
    conn.reply.onError = this.stats.countError;
    this.connections.add(conn);
  }

  connectionClosed(conn: Connection): void {
    this.connections.delete(conn);
  }

  clientError(conn: Connection, reason: string): void {
    this.log.debug({ client: conn.state.addr, id: conn.state.id }, reason);
  }

  // ---- configuration ----

  /** Reads the parameters the server acts on into fields (at start and after CONFIG SET). */
  private readConfig(): void {
    const c = this.config;
    this.requirePass = c.value('requirepass');
    this.protectedMode = c.flag('protected-mode');
    this.maxClients = c.number('maxclients');
    this.idleTimeoutMs = c.number('timeout') * 1000;
    this.protoMaxBulkLen = c.number('proto-max-bulk-len');
    this.queryBufferLimit = c.number('client-query-buffer-limit');
    this.tcpKeepAliveMs = c.number('tcp-keepalive') * 1000;
    const limits = c.typed<BufferLimits>('client-output-buffer-limit');
    this.outputLimit.hard = Number(limits.normal.hard);
    this.outputLimit.soft = Number(limits.normal.soft);
    this.outputLimit.softSeconds = limits.normal.softSeconds;
    this.pubsubOutputLimit.hard = Number(limits.pubsub.hard);
    this.pubsubOutputLimit.soft = Number(limits.pubsub.soft);
    this.pubsubOutputLimit.softSeconds = limits.pubsub.softSeconds;
    setKeyspaceEvents(this.pubsub, this.keyspace, c.typed<number>('notify-keyspace-events'));
    const e = this.keyspace.encoding;
    e.hashMaxListpackEntries = c.number('hash-max-listpack-entries');
    e.hashMaxListpackValue = c.number('hash-max-listpack-value');
    e.setMaxIntsetEntries = c.number('set-max-intset-entries');
    e.zsetMaxListpackEntries = c.number('zset-max-listpack-entries');
    e.zsetMaxListpackValue = c.number('zset-max-listpack-value');
    e.listMaxListpackSize = c.number('list-max-listpack-size');
    e.listCompressDepth = c.number('list-compress-depth');
    e.streamNodeMaxBytes = c.number('stream-node-max-bytes');
    e.streamNodeMaxEntries = c.number('stream-node-max-entries');
  }

  /** What CONFIG SET must do beyond storing the value. */
  private watchConfig(): void {
    const c = this.config;
    const reread = () => {
      this.readConfig();
      return null;
    };
    c.onChange(
      [
        'requirepass',
        'protected-mode',
        'timeout',
        'tcp-keepalive',
        'client-output-buffer-limit',
        'notify-keyspace-events',
        'hash-max-listpack-entries',
        'hash-max-listpack-value',
        'set-max-intset-entries',
        'zset-max-listpack-entries',
        'zset-max-listpack-value',
        'list-max-listpack-size',
        'list-compress-depth',
        'stream-node-max-bytes',
        'stream-node-max-entries',
      ],
      reread,
    );
    c.onChange(['proto-max-bulk-len', 'client-query-buffer-limit'], () => {
      this.readConfig();
      for (const conn of this.connections) {
        conn.parser.maxBulkLen = this.protoMaxBulkLen;
        conn.parser.queryBufferLimit = this.queryBufferLimit;
      }
      return null;
    });
    c.onChange(['maxclients'], () => {
      const wanted = c.number('maxclients');
      const limit = openFilesLimit();
      if (limit !== null && wanted + RESERVED_FDS > limit) {
        return `The operating system is not able to handle the specified number of clients, try with ${limit - RESERVED_FDS}`;
      }
      this.maxClients = wanted;
      return null;
    });
    c.onChange(['hz'], () => {
      if (this.cron !== null) this.startCron(c.number('hz'));
      return null;
    });
    c.onChange(['loglevel'], () => {
      this.log.level = PINO_LEVEL[c.value('loglevel') as RedisLogLevel];
      return null;
    });
    c.onChange(['appendonly'], () => {
      if (c.flag('appendonly')) this.log.warn('appendonly yes: persistence is not built yet, nothing is written to disk');
      return null;
    });
    c.onChange(['port', 'bind'], () => {
      this.relisten();
      return null;
    });
  }

  /** CONFIG SET port/bind: closes the listeners and opens the new ones (failures go to the log). */
  private relisten(): void {
    if (this.closing !== null || this.cron === null) return;
    for (const l of this.listeners) l.close();
    this.listeners = [];
    this.boundPort = 0;
    this.openListeners(this.config.number('port'), this.config.typed<readonly string[]>('bind')).then(
      (opened) => {
        this.listeners = opened;
        this.log.info({ port: this.boundPort }, 'listening on the new address');
      },
      (e: Error) => this.log.warn({ err: e.message }, 'could not listen on the new address'),
    );
  }

  /** Startup: Redis lowers maxclients to what the open files limit allows, with a warning. */
  fitMaxClientsToFileLimit(): void {
    const limit = openFilesLimit();
    if (limit === null || this.maxClients + RESERVED_FDS <= limit) return;
    const fitted = Math.max(1, limit - RESERVED_FDS);
    this.log.warn(`You requested maxclients of ${this.maxClients} requiring at least ${this.maxClients + RESERVED_FDS} max file descriptors; the limit is ${limit}, so maxclients is ${fitted}`);
    this.config.set([['maxclients', String(fitted)]]);
  }

  // ---- periodic tasks ----

  private startCron(hz: number): void {
    if (this.cron !== null) clearInterval(this.cron);
    this.cron = setInterval(() => this.serverCron(), Math.max(1, Math.round(1000 / hz)));
    this.cron.unref();
  }

  /** Redis's serverCron, the parts we have: INFO's samples, client timeouts and output limits. */
  private serverCron(): void {
    const now = Date.now();
    this.stats.opsPerSec.track(totalCommandsProcessed(this.table), now);
    this.stats.inputPerSec.track(this.stats.netInputBytes, now);
    this.stats.outputPerSec.track(this.stats.netOutputBytes, now);
    // V8's own counters: process.memoryUsage() also reads /proc for the RSS, ~2% of a busy server's CPU here.
    const h = v8.getHeapStatistics();
    const used = h.used_heap_size + h.external_memory;
    if (used > this.memoryPeak) this.memoryPeak = used;
    // Each client is looked at about once a second, as Redis's clientsCron does.
    if (now - this.lastClientsCron < 1000) return;
    this.lastClientsCron = now;
    // Idle SCAN iterators must not hold the tables their maps outgrow (storage/scan-cursors.ts).
    for (const db of this.keyspace.dbs) db.scanCursors.refresh();
    const timeoutMs = this.idleTimeoutMs;
    const softLimit = this.outputLimit.soft !== 0 || this.pubsubOutputLimit.soft !== 0;
    if (timeoutMs === 0 && !softLimit) return;
    for (const conn of [...this.connections]) {
      const st = conn.state;
      if (timeoutMs !== 0 && now - st.lastInteraction > timeoutMs && !st.blockedOnKeys && !st.inPubSub) {
        this.log.debug({ client: st.addr, id: st.id }, 'Closing idle client');
        conn.destroy();
      } else if (softLimit) {
        conn.outputLimitReached(now);
      }
    }
  }

  // ---- shutting down ----

  /**
   * Graceful shutdown (SIGTERM, SIGINT, SHUTDOWN): stop accepting, let every client have the
   * replies of the commands it had sent, close. Resolves once every connection is closed.
   */
  shutdownGracefully(signal: NodeJS.Signals | null): Promise<void> {
    if (this.closing !== null) return this.closing;
    if (signal !== null) this.log.warn(`Received ${signal} scheduling shutdown...`);
    this.log.warn('User requested shutdown...');
    this.closing = (async () => {
      if (this.cron !== null) clearInterval(this.cron);
      this.activeExpiry.stop();
      const listeners = [...this.listeners, ...(this.unixListener ? [this.unixListener] : [])];
      for (const l of listeners) l.close();
      const sockets = [...this.connections].map((c) => c.socket);
      for (const c of [...this.connections]) c.closeWhenIdle();
      const closed = Promise.all(sockets.map((s) => (s.closed ? null : new Promise((r) => s.once('close', r)))));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, SHUTDOWN_GRACE_MS)))]);
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      for (const c of [...this.connections]) c.destroy();
      const unixsocket = this.config.value('unixsocket');
      if (unixsocket !== '') fs.rmSync(unixsocket, { force: true });
      this.log.warn('Redis is now ready to exit, bye bye...');
    })();
    return this.closing;
  }

  /** Closes at once, dropping unsent replies (tests). */
  async close(): Promise<void> {
    if (this.cron !== null) clearInterval(this.cron);
    this.cron = null;
    this.activeExpiry.stop();
    const listeners = [...this.listeners, ...(this.unixListener ? [this.unixListener] : [])];
    for (const c of [...this.connections]) c.destroy();
    await Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.close(() => resolve()))));
    const unixsocket = this.config.value('unixsocket');
    if (unixsocket !== '') fs.rmSync(unixsocket, { force: true });
  }
}

/** The soft limit of open files (Linux's /proc/self/limits), or null when unknown. */
function openFilesLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(fs.readFileSync('/proc/self/limits', 'latin1'));
    return m === null || m[1] === 'unlimited' ? null : Number(m[1]);
  } catch {
    return null;
  }
}
