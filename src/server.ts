// The process: the key space, the command table and router, the write path, and the TCP server
// whose connections feed them.

import net from 'node:net';
import { Keyspace } from '../storage/keyspace.js';
import { CommandTable } from '../commands/command-table.js';
import { Router } from '../commands/router.js';
import { allCommands } from '../commands/all.js';
import type { ServerHandle, ConfigStore } from '../commands/server-handle.js';
import type { ClientState } from '../commands/client-state.js';
import { Connection, type ConnectionHost } from './connection.js';
import { StandaloneWritePath } from './standalone-write-path.js';

export const REDIS_VERSION = '7.0.15';

export interface ServerOptions {
  port: number;
  bind: string[];
  databases: number;
}

export class RedisServer implements ConnectionHost {
  readonly keyspace: Keyspace;
  readonly router: Router;
  readonly writePath: StandaloneWritePath;
  readonly handle: ServerHandle;
  readonly clock = Date.now;
  readonly connections = new Set<Connection>();
  private readonly tcp: net.Server;
  private nextClientId = 1;

  constructor(readonly options: ServerOptions) {
    this.keyspace = new Keyspace(options.databases);
    this.writePath = new StandaloneWritePath(this.clock);
    this.router = new Router({
      table: new CommandTable(allCommands),
      writePath: this.writePath,
      clock: this.clock,
      authRequired: () => false,
    });
    const connections = this.connections;
    const config: ConfigStore = { get: () => [], set: () => null, value: () => '' };
    this.handle = {
      config,
      redisVersion: REDIS_VERSION,
      *clients(): Iterable<ClientState> {
        for (const c of connections) yield c.state;
      },
      info: () => '',
    };
    this.tcp = net.createServer((socket) => this.accept(socket));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.tcp.once('error', reject);
      this.tcp.listen(this.options.port, this.options.bind[0], () => {
        this.tcp.off('error', reject);
        resolve();
      });
    });
  }

  /** The port actually bound (useful with port 0 in tests). */
  get port(): number {
    const a = this.tcp.address();
    return typeof a === 'object' && a !== null ? a.port : this.options.port;
  }

  private accept(socket: net.Socket): void {
    const conn = new Connection(socket, this, this.nextClientId++);
    this.connections.add(conn);
  }

  connectionClosed(conn: Connection): void {
    this.connections.delete(conn);
  }

  clientError(_conn: Connection, _reason: string): void {}

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.tcp.close(() => resolve());
      for (const c of this.connections) c.destroy();
    });
  }
}
