// The command line, as redis-server reads it: `[/path/to/redis.conf | -] [--name value ...]`,
// where every configuration parameter is an option (`--port 6380`, `--save 900 1 300 10`,
// `--bind 127.0.0.1 -::1`, `--save ""`), appended to the file's text as "name value" lines.

import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Config } from './config.js';
import { PARAMS } from './config-params.js';
import { checkLoadedConfig, directivesToConfigText, loadConfigText, readConfigFile } from './config-file.js';

/** The flags `--help` lists; every other parameter works the same way but is not listed. */
const LISTED: Record<string, string> = {
  port: 'TCP port to listen on (default 6379)',
  bind: 'addresses to listen on (default 127.0.0.1 -::1; a leading - marks an optional one)',
  'protected-mode': 'yes|no: refuse non-loopback clients while no password is set (default yes)',
  requirepass: 'password clients must AUTH with',
  databases: 'number of databases (default 16)',
  maxclients: 'maximum number of connected clients (default 10000)',
  timeout: 'close clients idle for this many seconds (default 0: never)',
  loglevel: 'debug|verbose|notice|warning (default notice)',
  logfile: 'log to this file instead of stdout',
  dir: 'working directory for persistence files',
  save: '"<seconds> <changes> ..." save points, or "" for none (persistence is not built yet)',
  appendonly: 'yes|no (accepted; persistence is not built yet)',
  unixsocket: 'also listen on this unix socket',
  pidfile: 'write the process id to this file',
};

export interface CommandLine {
  /** The redis.conf path, "-" for stdin, or null. */
  configFile: string | null;
  /** "--name v1 v2" options as [name, v1, v2], in order. */
  directives: string[][];
}

function program(version: string): Command {
  const p = new Command('raftis-server')
    .description('A Redis 7.0 compatible server. Every redis.conf parameter is accepted as --<name> <value...>.')
    .argument('[config]', 'path to a redis.conf, or - to read it from stdin')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for the options; every redis.conf parameter works as --<name> <value>)')
    .exitOverride();
  for (const def of PARAMS) {
    for (const name of def.alias === null ? [def.name] : [def.name, def.alias]) {
      const o = new Option(`--${name} <value...>`, LISTED[name] ?? '');
      p.addOption(LISTED[name] !== undefined ? o : o.hideHelp());
    }
  }
  return p;
}

/**
 * Redis takes every argument after `--name` up to the next `--option` as its values, even those
 * that start with a dash ("-::1", "-2"), and each `--name` is a line of its own (a second
 * `--bind` replaces the first, a second `--save` adds to it). So the arguments are grouped here,
 * and commander sees each value as `--name=value` (it would take "-::1" for an option) to check
 * the names, the config path and --help/--version. `--save` with no value means `--save ""`.
 */
function group(argv: readonly string[], known: ReadonlySet<string>): { forCommander: string[]; directives: string[][] } {
  const forCommander: string[] = [];
  const directives: string[][] = [];
  let current: string[] | null = null;
  const close = () => {
    if (current !== null && current.length === 1) {
      if (current[0] === 'save') current.push('');
      forCommander.push(current[0] === 'save' ? '--save=' : `--${current[0]}`);
    }
    current = null;
  };
  for (const arg of argv) {
    if (arg.startsWith('--') && arg.length > 2) {
      close();
      const name = arg.slice(2).toLowerCase();
      if (known.has(name)) {
        current = [name];
        directives.push(current);
      } else {
        forCommander.push(arg);
      }
    } else if (current !== null) {
      current.push(arg);
      forCommander.push(`--${current[0]}=${arg}`);
    } else {
      forCommander.push(arg);
    }
  }
  close();
  return { forCommander, directives };
}

/**
 * Reads the arguments (without node and the script). Throws commander's error (with its exit
 * code and message) for an unknown option, --help and --version.
 */
export function parseCommandLine(argv: readonly string[], version: string, output?: { writeOut(s: string): void; writeErr(s: string): void }): CommandLine {
  const p = program(version);
  if (output !== undefined) p.configureOutput(output);
  const known = new Set(p.options.map((o) => o.long!.slice(2)));
  const { forCommander, directives } = group(argv, known);
  p.parse(forCommander, { from: 'user' });
  return { configFile: p.args[0] ?? null, directives };
}

/** The configuration the command line describes: the file, then the options. Throws ConfigLoadError. */
export function loadCommandLineConfig(cl: CommandLine): Config {
  const config = new Config();
  let text = '';
  if (cl.configFile === '-') {
    text = fs.readFileSync(0, 'latin1');
  } else if (cl.configFile !== null) {
    text = readConfigFile(cl.configFile);
    config.configFile = path.resolve(cl.configFile);
  }
  if (cl.directives.length > 0) text += '\n' + directivesToConfigText(cl.directives);
  loadConfigText(config, text);
  checkLoadedConfig(config);
  return config;
}
