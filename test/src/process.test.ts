// The server as a process (src/main.ts compiled and run with node): the command line's errors and
// exit codes, the startup banner, the log file and pid file, and the graceful shutdown on
// SIGTERM, SIGINT and SHUTDOWN (every reply of a pipeline in flight arrives, then exit 0).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, encodeCommand } from '../support/raw-client.js';
import { replyLength } from '../support/resp-reader.js';
import { freePort } from '../support/servers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let mainJs: string;

/** Compiles src/main.ts and what it imports into a scratch directory (dist/ may be stale). */
function buildMain(): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raftis-main-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  const tsconfig = {
    extends: path.join(repo, 'tsconfig.json'),
    // Emit only: type checking is the typecheck step's job, and takes most of the time.
    compilerOptions: { noEmit: false, noCheck: true, sourceMap: false, rootDir: repo, outDir: path.join(dir, 'out') },
    files: [path.join(repo, 'src', 'main.ts')],
    include: [],
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  spawnSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  const out = path.join(dir, 'out', 'src', 'main.js');
  if (!fs.existsSync(out)) throw new Error('src/main.ts did not compile');
  return out;
}

beforeAll(() => {
  mainJs = buildMain();
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  stdout: () => string;
  exit: Promise<number | null>;
}

/** Starts the server and waits for its "Ready to accept connections" line (or for `ready`). */
async function start(args: string[], ready?: () => boolean): Promise<Running> {
  const child = spawn(process.execPath, [mainJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 400 && !(ready ? ready() : out.includes('Ready to accept connections')); i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, stdout: () => out, exit };
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [mainJs, ...args], { encoding: 'latin1', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('command line', () => {
  it('an unknown option is a clear error with exit code 1', () => {
    const r = run(['--nosuch-option', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: unknown option '--nosuch-option'");
    expect(r.stderr).toContain('--help');
  });

  it('a bad value is Redis fatal config error with exit code 1', () => {
    const r = run(['--port', 'abc']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'port \"abc\"'\nargument couldn't be parsed into an integer\n");
  });

  it('--version and --help exit 0', () => {
    const v = run(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/Redis 7\.0\.15 compatible/);
    const h = run(['--help']);
    expect(h.status).toBe(0);
    for (const flag of ['--port', '--bind', '--requirepass', '--databases', '--maxclients', '--timeout', '--loglevel', '--logfile', '--dir', '--save', '--appendonly']) {
      expect(h.stdout).toContain(flag);
    }
  });

  it('a port already taken fails with exit code 1', async () => {
    const port = await freePort();
    const first = await start(['--port', String(port)]);
    const r = run(['--port', String(port)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('EADDRINUSE');
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
  });
});

describe('running', () => {
  it('logs a JSON banner, takes a config file with options, writes its pid file and log file', async () => {
    const port = await freePort();
    const conf = path.join(dir, 'server.conf');
    const logfile = path.join(dir, 'server.log');
    const pidfile = path.join(dir, 'server.pid');
    fs.writeFileSync(conf, `port ${port}\nloglevel verbose\nappendonly yes\nlogfile ${logfile}\n`);
    // The log goes to the file.
    const s = await start([conf, '--pidfile', pidfile, '--databases', '4'], () => fs.existsSync(logfile) && fs.readFileSync(logfile, 'latin1').includes('Ready to accept connections'));
    expect(fs.readFileSync(pidfile, 'latin1')).toBe(`${s.child.pid}\n`);
    const lines = fs.readFileSync(logfile, 'latin1').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const banner = lines.find((l) => l.msg === 'Ready to accept connections')!;
    expect(banner).toMatchObject({ port, pid: s.child.pid, redis_version: '7.0.15', mode: 'standalone', config_file: conf });
    expect(lines.some((l) => String(l.msg).includes('persistence is not built yet'))).toBe(true);
    const c = await RawClient.connect(port);
    expect((await c.call('CONFIG', 'GET', 'databases')).toString()).toBe('*2\r\n$9\r\ndatabases\r\n$1\r\n4\r\n');
    expect((await c.call('INFO', 'server')).toString()).toContain(`config_file:${conf}\r\n`);
    c.close();
    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
    expect(fs.existsSync(pidfile)).toBe(false);
  });
});

describe('graceful shutdown', () => {
  /** Reads exactly `count` replies from the raw socket stream, then the end of the stream. */
  function collect(c: RawClient): Promise<{ replies: number; bytes: number }> {
    return c.waitClosed().then(() => {
      const buf = c.unread;
      let pos = 0;
      let replies = 0;
      for (;;) {
        const len = replyLength(buf, pos);
        if (len < 0) break;
        pos += len;
        replies++;
      }
      return { replies, bytes: buf.length - pos };
    });
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}, every reply of a pipeline in flight arrives, then the process exits 0`, async () => {
      const port = await freePort();
      const s = await start(['--port', String(port)]);
      const setup = await RawClient.connect(port);
      await setup.call('SET', 'big', 'v'.repeat(1024 * 1024));
      setup.close();
      const c = await RawClient.connect(port);
      const done = collect(c);
      // 40 MB of replies: far more than the socket holds, so most are still to send.
      c.writeRaw(Buffer.concat(Array.from({ length: 40 }, () => encodeCommand(['GET', 'big']))));
      for (let i = 0; i < 200 && c.unread.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      s.child.kill(signal);
      const { replies, bytes } = await done;
      expect(replies).toBe(40);
      expect(bytes).toBe(0);
      expect(await s.exit).toBe(0);
      // No new client is taken once the shutdown started.
      await expect(RawClient.connect(port)).rejects.toThrow();
    }, 30_000);
  }

  it('SHUTDOWN closes the caller without a reply and the process exits 0', async () => {
    const port = await freePort();
    const s = await start(['--port', String(port)]);
    const other = await RawClient.connect(port);
    const c = await RawClient.connect(port);
    c.writeRaw(Buffer.concat([encodeCommand(['SET', 'k', 'v']), encodeCommand(['SHUTDOWN', 'NOSAVE']), encodeCommand(['GET', 'k'])]));
    await c.waitClosed();
    expect(c.unread.toString()).toBe('+OK\r\n');
    await other.waitClosed();
    expect(await s.exit).toBe(0);
    expect(s.stdout()).toContain('Redis is now ready to exit, bye bye...');
  });
});
