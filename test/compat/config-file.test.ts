// redis.conf compared with a real redis-server: the fatal errors it prints for bad files and bad
// options, and the file CONFIG REWRITE writes back.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { RedisServer, REDIS_VERSION } from '../../src/server.js';
import { loadCommandLineConfig, parseCommandLine } from '../../src/config-cli.js';
import { ConfigLoadError } from '../../src/config-file.js';
import { RawClient } from '../support/raw-client.js';
import { freePort } from '../support/servers.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raftis-conf-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What our server prints to stderr before exiting for these redis-server arguments. */
function ourFatal(args: string[]): string {
  try {
    loadCommandLineConfig(parseCommandLine(args, 'test', { writeOut: () => {}, writeErr: () => {} }));
  } catch (e) {
    if (e instanceof ConfigLoadError) return e.report(REDIS_VERSION) + (e.unreadable ? '' : '\n');
    if (e instanceof CommanderError) return e.message;
    throw e;
  }
  return '(started)';
}

describe('fatal configuration errors', () => {
  it('prints what redis-server prints, for files and for options', () => {
    const files: Record<string, string> = {
      range: 'port 6380\nport 99999\n',
      quotes: 'requirepass "abc\n',
      save: '# c\n\nsave 1\n',
      directive: 'nosuch 1\n',
      args: 'port 1 2\n',
      yesno: 'appendonly maybe\n',
      memory: 'maxmemory 1xb\n',
      enum: 'maxmemory-policy lru\n',
      limit: 'client-output-buffer-limit normal 1 2\n',
      events: 'notify-keyspace-events Q\n',
      percent: 'maxmemory-clients 101%\n',
      bind: `bind ${Array.from({ length: 17 }, (_, i) => `10.0.0.${i}`).join(' ')}\n`,
      dirs: 'dir /no/such/dir\n',
      dbfilename: 'dbfilename a/b.rdb\n',
      include: `include ${dir}/missing.conf\n`,
    };
    const cases: string[][] = [];
    cases.push([path.join(dir, 'nosuch.conf')]);
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, `${name}.conf`);
      fs.writeFileSync(file, text);
      cases.push([file]);
    }
    cases.push(['--port', 'abc'], ['--save', '1'], ['--hz', '1', '2'], ['--maxmemory', '10', '--bind', '::1', '--timeout', '-1']);
    for (const args of cases) {
      const redis = spawnSync('redis-server', args, { encoding: 'latin1', timeout: 10_000 });
      expect(redis.status, args.join(' ')).toBe(1);
      // A file that cannot be opened is reported in the log (stdout) rather than on stderr.
      if (redis.stderr !== '') expect(ourFatal(args), args.join(' ')).toBe(redis.stderr);
      else expect(ourFatal(args), args.join(' ')).toBe(redis.stdout.replace(/^\d+:[A-Z] [^#]*# /, '').trimEnd());
    }
  });
});

/** A real redis-server started on a config file (the file must come first on its command line). */
async function redisWithFile(file: string, port: number): Promise<{ stop(): Promise<void> }> {
  const child = spawn('redis-server', [file, '--port', String(port), '--daemonize', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

describe('CONFIG REWRITE', () => {
  it('writes the file Redis writes', async () => {
    const base = [
      '# settings for the test',
      'bind 127.0.0.1',
      'save ""',
      'appendonly no',
      '',
      '# twice',
      'hz 20',
      'hz 30',
      'maxmemory 1mb',
      'slave-read-only yes',
      'requirepass "old pass"',
      'client-output-buffer-limit pubsub 64mb 16mb 30',
      '',
    ].join('\n');
    const ourFile = path.join(dir, 'ours.conf');
    const redisFile = path.join(dir, 'redis.conf');
    fs.writeFileSync(ourFile, base);
    fs.writeFileSync(redisFile, base);
    const port = await freePort();
    const real = await redisWithFile(redisFile, port);
    const ours = new RedisServer({ config: loadCommandLineConfig(parseCommandLine([ourFile, '--port', '0'], 'test')) });
    await ours.listen();
    const clients = await Promise.all([RawClient.connect(ours.port), RawClient.connect(port)]);
    try {
      const commands = [
        ['CONFIG', 'SET', 'hz', '15', 'maxmemory', '3gb', 'maxmemory-policy', 'allkeys-lru'],
        ['CONFIG', 'SET', 'replica-read-only', 'no', 'requirepass', '', 'notify-keyspace-events', 'Ex'],
        ['CONFIG', 'SET', 'save', '900 1 300 10', 'timeout', '60', 'hash-max-listpack-entries', '100'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1mb 512kb 10', 'maxmemory-clients', '5%'],
        ['CONFIG', 'REWRITE'],
      ];
      for (const c of commands) {
        const [a, b] = await Promise.all(clients.map((cl) => cl.call(...c)));
        expect(a!.toString(), c.join(' ')).toBe(b!.toString());
      }
      // Redis also writes its ACL user line and the port it was given on the command line.
      const lines = (file: string) =>
        fs
          .readFileSync(file, 'latin1')
          .split('\n')
          .filter((l) => !/^(user |port )/.test(l));
      const ourLines = lines(ourFile);
      const redisLines = lines(redisFile);
      // The kept part comes first, line for line; the appended options in Redis's hash order.
      const sig = (ls: string[]) => ls.indexOf('# Generated by CONFIG REWRITE');
      expect(ourLines.slice(0, sig(ourLines))).toEqual(redisLines.slice(0, sig(redisLines)));
      expect(ourLines.slice(sig(ourLines)).sort()).toEqual(redisLines.slice(sig(redisLines)).sort());
    } finally {
      clients.forEach((c) => c.close());
      await Promise.all([ours.close(), real.stop()]);
    }
  });
});
