// Real tools against our server: redis-cli (one-shot, --pipe mass insertion, an interactive
// session under a pty compared with the same session against redis-server) and redis-benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process.js';
import { startOurServer, startRealRedis, type RunningServer } from '../support/servers.js';
import { runInPty } from '../support/pty-session.js';

async function cli(port: number, args: string[], input?: string): Promise<string> {
  const r = await runProcess('redis-cli', ['-p', String(port), ...args], input);
  return r.stdout + r.stderr;
}

describe('redis-cli and redis-benchmark', () => {
  let ours: RunningServer;
  let redis: RunningServer;
  beforeAll(async () => {
    [ours, redis] = await Promise.all([startOurServer(), startRealRedis()]);
  });
  afterAll(async () => {
    await Promise.all([ours.stop(), redis.stop()]);
  });

  it('answers one-shot redis-cli commands as redis-server does', async () => {
    for (const args of [['PING'], ['SET', 'greeting', 'hello world'], ['GET', 'greeting'], ['GET', 'nothing'], ['ECHO', 'é x'], ['NOSUCH', 'x']]) {
      expect(await cli(ours.port, args)).toBe(await cli(redis.port, args));
    }
  });

  it('takes a mass insertion through redis-cli --pipe', async () => {
    let input = '';
    for (let i = 0; i < 20_000; i++) input += `*3\r\n$3\r\nSET\r\n$${`bulk:${i}`.length}\r\nbulk:${i}\r\n$${String(i).length}\r\n${i}\r\n`;
    const out = await cli(ours.port, ['--pipe'], input);
    expect(out).toMatch(/errors: 0, replies: 20000/);
    expect((await cli(ours.port, ['GET', 'bulk:19999'])).trim()).toBe('19999');
  });

  it('reads commands from a piped stdin as redis-server does', async () => {
    const input = 'SET piped 1\nGET piped\nECHO "a b"\nPING\n';
    expect(await cli(ours.port, [], input)).toBe(await cli(redis.port, [], input));
  });

  it('drives an interactive redis-cli session (prompt, hints from COMMAND DOCS) like redis-server', async () => {
    const lines = ['SET session:key "v 1"', 'GET session:key', 'PING', 'ECHO hi', 'GET', 'SELECT 3', 'PING', 'exit'];
    // Cursor moves depend on the prompt's width, i.e. on how many digits the port has.
    const normalise = (s: string, port: number) => s.split(String(port)).join('PORT').replace(/\x1b\[\d+C/g, '');
    const [sa, sb] = await Promise.all([runInPty(['redis-cli', '-p', String(ours.port)], lines), runInPty(['redis-cli', '-p', String(redis.port)], lines)]);
    const a = normalise(sa, ours.port);
    const b = normalise(sb, redis.port);
    expect(a).toContain('"v 1"');
    expect(a).toContain('PONG');
    expect(a).toContain('key value [NX|XX] [GET]'); // the hint redis-cli built from COMMAND DOCS
    expect(a).toBe(b);
  });

  it("runs redis-benchmark's string and key tests without errors", async () => {
    const r = await runProcess('redis-benchmark', ['-p', String(ours.port), '-t', 'ping,set,get,incr,mset', '-n', '20000', '-c', '20', '-q', '--csv']);
    const rows = r.stdout.trim().split('\n').filter((l) => !l.startsWith('"test"'));
    expect(rows.map((l) => l.split(',')[0])).toEqual(['"PING_INLINE"', '"PING_MBULK"', '"SET"', '"GET"', '"INCR"', '"MSET (10 keys)"']);
    for (const row of rows) expect(Number(row.split(',')[1]!.replace(/"/g, ''))).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/ERR|error/i);
  });
});
