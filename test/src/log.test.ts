// The log: JSON lines, Redis's levels mapped onto pino's, a log file, and CONFIG SET loglevel.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { RedisServer } from '../../src/server.js';
import { loadCommandLineConfig, parseCommandLine } from '../../src/config-cli.js';
import { RawClient } from '../support/raw-client.js';

function linesOf(file: string): Array<Record<string, unknown>> {
  return fs
    .readFileSync(file, 'latin1')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('log', () => {
  it('writes JSON lines at or above the Redis level to the log file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raftis-log-')), 'a.log');
    const log = createLogger('notice', file);
    log.trace('debug level');
    log.debug('verbose level');
    log.info('notice level');
    log.warn('warning level');
    expect(linesOf(file).map((l) => l.msg)).toEqual(['notice level', 'warning level']);
    const verbose = createLogger('verbose', file);
    verbose.debug('verbose now');
    verbose.trace('still not debug');
    expect(linesOf(file).map((l) => l.msg)).toEqual(['notice level', 'warning level', 'verbose now']);
    expect(linesOf(file)[0]).toMatchObject({ pid: process.pid, level: 30 });
  });

  it('CONFIG SET loglevel changes what the running server logs', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raftis-log-')), 'server.log');
    const config = loadCommandLineConfig(parseCommandLine(['--port', '0', '--bind', '127.0.0.1', '--loglevel', 'warning'], 'test'));
    const server = new RedisServer({ config, log: createLogger('warning', file) });
    await server.listen();
    const c = await RawClient.connect(server.port);
    // A protocol error is logged at verbose level.
    const bad = await RawClient.connect(server.port);
    bad.writeRaw('*x\r\n');
    await bad.waitClosed();
    expect(fs.readFileSync(file, 'latin1')).toBe('');
    expect((await c.call('CONFIG', 'SET', 'loglevel', 'verbose')).toString()).toBe('+OK\r\n');
    const again = await RawClient.connect(server.port);
    again.writeRaw('*x\r\n');
    await again.waitClosed();
    const lines = linesOf(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 20, id: expect.any(Number), client: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    c.close();
    await server.close();
  });
});
