// Starts the servers a test talks to: ours in-process on a free port, and a real redis-server
// (Debian's package) on another free port, both without persistence.

import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { RedisServer } from '../../src/server.js';
import { loadCommandLineConfig, parseCommandLine } from '../../src/config-cli.js';

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
}

/** Our server, in this process, with redis-server options (`--name value`) as startRealRedis takes them. */
export async function startOurServer(args: string[] = []): Promise<RunningServer & { server: RedisServer }> {
  const commandLine = parseCommandLine(['--port', '0', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args], 'test');
  const server = new RedisServer({ config: loadCommandLineConfig(commandLine) });
  await server.listen();
  return { port: server.port, server, stop: () => server.close() };
}

/** A real redis-server; fails loudly when it is not installed (see README: apt-get install redis-server). */
export async function startRealRedis(extraArgs: string[] = []): Promise<RunningServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...extraArgs],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Another test file may have raced us to the port: make sure the server there is ours.
    const password = extraArgs[extraArgs.indexOf('--requirepass') + 1];
    const ok = (await waitForPort(port, child)) && (await processIdOn(port, extraArgs.includes('--requirepass') ? password : undefined)) === child.pid;
    if (ok) return { port, stop: () => stopChild(child) };
    await stopChild(child);
    if (attempt >= 5) throw new Error('redis-server did not start (is Debian\'s redis-server installed?)');
  }
}

async function waitForPort(port: number, child: ChildProcess): Promise<boolean> {
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  for (let i = 0; i < 200 && !exited; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

/** The process_id a Redis-protocol server on this port reports in INFO server, or -1. */
function processIdOn(port: number, password?: string): Promise<number> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let text = '';
    const done = (pid: number) => {
      s.destroy();
      resolve(pid);
    };
    s.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const m = /process_id:(\d+)/.exec(text);
      if (m) done(Number(m[1]));
    });
    s.once('error', () => done(-1));
    s.once('close', () => done(-1));
    const auth = password === undefined ? '' : `*2\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(password, 'latin1')}\r\n${password}\r\n`;
    s.write(auth + 'INFO server\r\n');
    setTimeout(() => done(-1), 5000);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
