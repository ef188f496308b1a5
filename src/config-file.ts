// redis.conf: reading it (and its includes, and the command line's --name value options, which
// Redis appends to it) into a Config, and CONFIG REWRITE, which writes the current values back
// into the file keeping its comments and layout (config.c loadServerConfig / rewriteConfig).

import fs from 'node:fs';
import path from 'node:path';
import { splitInlineArgs } from '../protocol/inline-args.js';
import { globMatch } from '../storage/glob.js';
import type { Config } from './config.js';
import { errnoText, type LoadState } from './config-kinds.js';
import { quoteRepr } from './config-parse.js';

/** A fatal problem in redis.conf or the options: Redis prints it and exits with 1. */
export class ConfigLoadError extends Error {
  constructor(
    message: string,
    /** The offending line and its number, when the problem is on a line. */
    readonly line: string | null = null,
    readonly lineNumber = 0,
    /** A file that cannot be opened: Redis logs the message alone, without the banner. */
    readonly unreadable = false,
  ) {
    super(message);
  }

  /** Redis's report, word for word. */
  report(redisVersion: string): string {
    if (this.unreadable) return this.message;
    let s = `\n*** FATAL CONFIG FILE ERROR (Redis ${redisVersion}) ***\n`;
    if (this.line !== null) s += `Reading the configuration file, at line ${this.lineNumber}\n>>> '${this.line}'\n`;
    return s + this.message;
  }
}

/** Directives Redis 7.0 accepted once and now ignores. */
const DEPRECATED = new Set(['list-max-ziplist-entries', 'list-max-ziplist-value', 'lua-replicate-commands']);

/** Directives of Redis that this server does not implement; starting with them would mislead. */
const UNSUPPORTED: Record<string, string> = {
  'rename-command': 'rename-command is not supported by this server',
  user: 'ACL users are not supported by this server',
  loadmodule: 'modules are not supported by this server',
  sentinel: 'sentinel mode is not supported by this server',
};

/** Splits one redis.conf line into arguments (sdssplitargs), or null for unbalanced quotes. */
export function splitConfigLine(line: string): string[] | null {
  const bytes = Buffer.from(line, 'latin1');
  return splitInlineArgs(bytes, 0, bytes.length);
}

/**
 * Reads redis.conf text into `config`. `include` reads other files (a pattern with * ? [ reads
 * every match, and none is fine); relative paths are from the working directory, as in Redis.
 */
export function loadConfigText(config: Config, text: string, load: LoadState = { seen: new Set() }): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (line === '' || line.startsWith('#')) continue;
    const argv = splitConfigLine(line);
    const fail = (message: string) => new ConfigLoadError(message, line, i + 1);
    if (argv === null) throw fail('Unbalanced quotes in configuration line');
    if (argv.length === 0) continue;
    argv[0] = argv[0]!.toLowerCase();
    const name = argv[0];
    if (config.lookup(name) !== undefined) {
      const err = config.loadDirective(argv, load);
      if (err !== null) throw fail(err);
    } else if (DEPRECATED.has(name) && argv.length === 2) {
      continue;
    } else if (name === 'include' && argv.length === 2) {
      for (const file of includedFiles(argv[1]!)) loadConfigText(config, readConfigFile(file), load);
    } else if (UNSUPPORTED[name] !== undefined) {
      throw fail(UNSUPPORTED[name]);
    } else if (name.includes('.')) {
      throw fail('Module config specified without value');
    } else {
      throw fail('Bad directive or wrong number of arguments');
    }
  }
}

/** The text of a config file; Redis exits when it cannot open one. */
export function readConfigFile(file: string): string {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch (e) {
    throw new ConfigLoadError(`Fatal error, can't open config file '${file}': ${errnoText(e)}`, null, 0, true);
  }
}

function includedFiles(pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) return [pattern];
  // glob(3) on the file name part; directories in the pattern are taken literally.
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.') && globMatch(base, n))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Checks done once everything is read (loadServerConfigFromString's tail). */
export function checkLoadedConfig(config: Config): void {
  const logfile = config.value('logfile');
  if (logfile !== '') {
    try {
      fs.closeSync(fs.openSync(logfile, 'a'));
    } catch (e) {
      throw new ConfigLoadError(`Can't open the log file: ${errnoText(e)}`);
    }
  }
}

/** Options from the command line (`name`, values...), as Redis turns them into config lines. */
export function directivesToConfigText(directives: ReadonlyArray<readonly string[]>): string {
  return directives.map(([name, ...values]) => [name, ...values.map(quoteRepr)].join(' ')).join('\n');
}

const REWRITE_SIGNATURE = '# Generated by CONFIG REWRITE';

/**
 * CONFIG REWRITE: the file's lines with each parameter's lines replaced by its current value,
 * lines of parameters written twice blanked, and parameters that differ from their default and
 * were not in the file appended after a signature line. Throws with the system's reason.
 */
export function rewriteConfigFile(config: Config, file: string): void {
  let old = '';
  try {
    old = fs.readFileSync(file, 'latin1');
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw new Error(errnoText(e));
  }
  const lines: string[] = [];
  const optionLines = new Map<string, number[]>();
  let needsSignature = true;
  for (const raw of old.length === 0 ? [] : old.split('\n')) {
    const line = raw.replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, '');
    if (line === '' || line.startsWith('#')) {
      if (line === REWRITE_SIGNATURE) needsSignature = false;
      lines.push(line);
      continue;
    }
    const argv = splitConfigLine(line);
    if (argv === null || argv.length === 0) {
      lines.push(`# ??? ${line}`);
      continue;
    }
    // Options are indexed by their "replica" spelling, as Redis does for the old "slave" names.
    const option = argv[0]!.toLowerCase().replace('slave', 'replica');
    const at = optionLines.get(option) ?? [];
    at.push(lines.length);
    optionLines.set(option, at);
    lines.push(line);
  }

  const processed = new Set<string>();
  for (const [def, value] of config.entries()) {
    processed.add(def.name);
    const rewrite = def.kind.rewrite(def.name, value, def.defaultValue);
    if (rewrite === null) continue;
    for (const l of rewrite.lines) {
      const reuse = optionLines.get(def.name);
      if (reuse !== undefined && reuse.length > 0) {
        lines[reuse.shift()!] = l;
      } else if (rewrite.force) {
        if (needsSignature) {
          lines.push(REWRITE_SIGNATURE);
          needsSignature = false;
        }
        lines.push(l);
      }
    }
  }
  // Lines of parameters we rewrote that were not reused (a second "save", a duplicate) go.
  for (const [option, at] of optionLines) if (processed.has(option)) for (const i of at) lines[i] = '';

  let content = '';
  let wasEmpty = false;
  for (const l of lines) {
    if (l === '' && wasEmpty) continue;
    wasEmpty = l === '';
    content += l + '\n';
  }
  writeAtomically(file, content);
}

function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, content, null, 'latin1');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new Error(errnoText(e));
  }
}
