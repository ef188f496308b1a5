// The two servers a benchmark compares, started side by side on free ports: ours (the built
// dist/src/main.js) and a real redis-server, both without persistence; and what a benchmark reads
// of their processes (CPU time, RSS) from /proc.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository (this file runs from dist/scripts/). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Server {
  name: 'ours' | 'redis';
  port: number;
  pid: number;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const r = spawnSync('redis-cli', ['-p', String(port), 'PING'], { encoding: 'utf8' });
    if (r.stdout.trim() === 'PONG') return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`server on ${port} did not start`);
}

/** Starts both and waits until each answers PING; `nodeFlags` go to node before our server's script. */
export async function startServers(nodeFlags: readonly string[] = []): Promise<[Server, Server]> {
  const [p1, p2] = [await freePort(), await freePort()];
  const ours = spawn(process.execPath, [...nodeFlags, path.join(root, 'dist/src/main.js'), '--port', String(p1)], { stdio: 'ignore' });
  const redis = spawn('redis-server', ['--port', String(p2), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await Promise.all([waitReady(p1), waitReady(p2)]);
  return [
    { name: 'ours', port: p1, pid: ours.pid!, child: ours },
    { name: 'redis', port: p2, pid: redis.pid!, child: redis },
  ];
}

export function stopServers(servers: readonly Server[]): void {
  for (const s of servers) s.child.kill('SIGKILL');
}

/** CPU time (user + system) of a process, in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1e6) / 100; // USER_HZ is 100 on Linux
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}
