#!/usr/bin/env node
// Entry point, used as redis-server is: `npm start -- --port 6380`,
// `node dist/src/main.js /etc/redis/redis.conf --loglevel verbose`.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { RedisServer, REDIS_VERSION } from './server.js';
import { loadCommandLineConfig, parseCommandLine } from './config-cli.js';
import { ConfigLoadError } from './config-file.js';
import { createLogger, type RedisLogLevel } from './log.js';
import type { Config } from './config.js';

const VERSION = '0.1.0';

function configFromArgs(): Config {
  try {
    return loadCommandLineConfig(parseCommandLine(process.argv.slice(2), `raftis ${VERSION} (Redis ${REDIS_VERSION} compatible)`));
  } catch (e) {
    // commander has printed its message (unknown option, --help, --version).
    if (e instanceof CommanderError) process.exit(e.exitCode);
    if (e instanceof ConfigLoadError) {
      process.stderr.write(e.report(REDIS_VERSION) + '\n');
      process.exit(1);
    }
    throw e;
  }
}

const config = configFromArgs();
const log = createLogger(config.value('loglevel') as RedisLogLevel, config.value('logfile'));
const pidfile = config.value('pidfile');
const exit = (code: number): never => {
  if (pidfile !== '') fs.rmSync(pidfile, { force: true });
  process.exit(code);
};

if (config.flag('appendonly')) log.warn('appendonly yes: persistence is not built yet, nothing is written to disk');
if (config.typed<readonly unknown[]>('save').length > 0) log.info('save points are configured but persistence is not built yet: nothing is saved');
if (config.flag('daemonize')) log.warn('daemonize yes is not supported: running in the foreground');

const server = new RedisServer({ config, log, executable: fileURLToPath(import.meta.url), onShutdown: () => exit(0) });
server.fitMaxClientsToFileLimit();
try {
  await server.listen();
} catch (e) {
  log.error((e as Error).message);
  exit(1);
}
if (pidfile !== '') fs.writeFileSync(pidfile, `${process.pid}\n`);

log.info(
  {
    version: VERSION,
    redis_version: REDIS_VERSION,
    port: server.port,
    bind: config.value('bind'),
    config_file: config.configFile ?? '',
    mode: 'standalone',
  },
  'Ready to accept connections',
);

function onSignal(signal: NodeJS.Signals): void {
  // A second Ctrl-C while shutting down means now (Redis: "You insist... exiting now.").
  if (signal === 'SIGINT' && shuttingDown) {
    log.warn('You insist... exiting now.');
    exit(1);
  }
  shuttingDown = true;
  void server.shutdownGracefully(signal).then(() => exit(0));
}
let shuttingDown = false;
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
