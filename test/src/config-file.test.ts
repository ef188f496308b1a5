// redis.conf loading (quotes, several values, include, errors with their line), the command line
// (redis-server's --name value options) and CONFIG REWRITE's file handling.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { Config } from '../../src/config.js';
import { ConfigLoadError, loadConfigText, rewriteConfigFile } from '../../src/config-file.js';
import { loadCommandLineConfig, parseCommandLine } from '../../src/config-cli.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raftis-config-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function load(text: string): Config {
  const c = new Config();
  loadConfigText(c, text);
  return c;
}

function loadError(text: string): ConfigLoadError {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ConfigLoadError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('redis.conf', () => {
  it('reads directives, comments, blank lines, quotes and names in any case', () => {
    const c = load(
      [
        '# a comment',
        '',
        '   port 6380   ',
        'BIND 127.0.0.1 "::1"',
        'requirepass "p a\\x41ss\\n"',
        "masteruser 'it\\'s'",
        "dbfilename 'o\\'k.rdb'",
        'maxmemory 2gb',
        '\tloglevel warning',
        'notify-keyspace-events KEA',
        'hash-max-ziplist-entries 7',
        'list-max-ziplist-entries 5',
        'client-output-buffer-limit pubsub 64mb 16mb 30',
      ].join('\r\n'),
    );
    expect(c.value('port')).toBe('6380');
    expect(c.value('bind')).toBe('127.0.0.1 ::1');
    expect(c.value('requirepass')).toBe('p aAss\n');
    expect(c.value('dbfilename')).toBe("o'k.rdb");
    expect(c.value('masteruser')).toBe("it's");
    expect(c.value('maxmemory')).toBe(String(2 * 1024 ** 3));
    expect(c.value('loglevel')).toBe('warning');
    expect(c.value('notify-keyspace-events')).toBe('AKE');
    expect(c.value('hash-max-listpack-entries')).toBe('7');
    expect(c.value('client-output-buffer-limit')).toBe('normal 0 0 0 slave 268435456 67108864 60 pubsub 67108864 16777216 30');
  });

  it('the first save line replaces the defaults and the next ones add to it; save "" clears', () => {
    expect(new Config().value('save')).toBe('3600 1 300 100 60 10000');
    expect(load('save 900 1\nsave 300 10').value('save')).toBe('900 1 300 10');
    expect(load('save ""').value('save')).toBe('');
    expect(load('save 900 1 60 5').value('save')).toBe('900 1 60 5');
  });

  it('reports errors with the line, as Redis does', () => {
    const e = loadError('port 6380\nport 99999\n');
    expect(e.report('7.0.15')).toBe(
      "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'port 99999'\nargument must be between 0 and 65535 inclusive",
    );
    expect(loadError('port 1 2').message).toBe('wrong number of arguments');
    expect(loadError('nosuch 1').message).toBe('Bad directive or wrong number of arguments');
    expect(loadError('requirepass "abc').message).toBe('Unbalanced quotes in configuration line');
    expect(loadError('appendonly maybe').message).toBe("argument must be 'yes' or 'no'");
    expect(loadError('save 1').message).toBe('Invalid save parameters');
    expect(loadError('rename-command FLUSHALL ""').message).toBe('rename-command is not supported by this server');
    expect(loadError('mymodule.opt 1').message).toBe('Module config specified without value');
    expect(loadError('replicaof 10.0.0.1 6379').message).toBe('replication from a Redis master is not supported by this server');
    expect(load('replicaof no one').value('replicaof')).toBe('');
  });

  it('include reads other files, a pattern reads every match (and none is fine)', () => {
    fs.mkdirSync(path.join(dir, 'conf.d'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'conf.d', 'a.conf'), 'maxclients 100\n');
    fs.writeFileSync(path.join(dir, 'conf.d', 'b.conf'), 'maxclients 200\ntimeout 5\n');
    fs.writeFileSync(path.join(dir, 'one.conf'), 'hz 20\n');
    const c = load(`include ${path.join(dir, 'one.conf')}\ninclude ${path.join(dir, 'conf.d', '*.conf')}\ninclude ${path.join(dir, 'none', '*.conf')}`);
    expect([c.value('hz'), c.value('maxclients'), c.value('timeout')]).toEqual(['20', '200', '5']);
    expect(loadError(`include ${path.join(dir, 'missing.conf')}`).message).toBe(`Fatal error, can't open config file '${path.join(dir, 'missing.conf')}': No such file or directory`);
  });
});

describe('command line', () => {
  const parse = (...argv: string[]) => parseCommandLine(argv, 'test', { writeOut: () => {}, writeErr: () => {} });

  it('takes redis-server options, values starting with a dash included', () => {
    expect(parse('--port', '6380', '--bind', '127.0.0.1', '-::1', '--list-max-listpack-size', '-3', '--SAVE', '900', '1')).toEqual({
      configFile: null,
      directives: [['port', '6380'], ['bind', '127.0.0.1', '-::1'], ['list-max-listpack-size', '-3'], ['save', '900', '1']],
    });
    expect(parse('/etc/redis.conf', '--save', '--appendonly', 'yes', '--save', '60', '5').directives).toEqual([['save', ''], ['appendonly', 'yes'], ['save', '60', '5']]);
    expect(parse('--save').directives).toEqual([['save', '']]);
    expect(parse('x.conf').configFile).toBe('x.conf');
  });

  it('refuses an unknown option, a missing value and a second config file with exit code 1', () => {
    for (const argv of [['--foo', '1'], ['--port'], ['a.conf', 'b.conf'], ['-x']]) {
      let err: unknown = null;
      try {
        parse(...argv);
      } catch (e) {
        err = e;
      }
      expect(err, argv.join(' ')).toBeInstanceOf(CommanderError);
      expect((err as CommanderError).exitCode).toBe(1);
    }
    try {
      parse('--foo');
    } catch (e) {
      expect((e as CommanderError).message).toBe("error: unknown option '--foo'");
    }
  });

  it('applies the file first and the options after it', () => {
    const file = path.join(dir, 'base.conf');
    fs.writeFileSync(file, 'port 7000\nhz 50\nsave 100 1\n');
    const c = loadCommandLineConfig(parse(file, '--port', '7001', '--save', '200', '2'));
    expect([c.value('port'), c.value('hz'), c.value('save')]).toEqual(['7001', '50', '100 1 200 2']);
    expect(c.configFile).toBe(file);
    const quoted = loadCommandLineConfig(parse('--requirepass', 'a "b" \\c', '--bind', ''));
    expect(quoted.value('requirepass')).toBe('a "b" \\c');
    expect(quoted.value('bind')).toBe('');
    expect(() => loadCommandLineConfig(parse('--logfile', path.join(dir, 'no', 'such', 'dir.log')))).toThrow("Can't open the log file: No such file or directory");
  });
});

describe('CONFIG REWRITE', () => {
  it('keeps comments and unknown lines, rewrites in place, blanks duplicates, appends the rest', () => {
    const file = path.join(dir, 'rewrite.conf');
    fs.writeFileSync(file, ['# my settings', 'port 7000', 'save 900 1', 'save 300 10', 'include /nowhere/*.conf', 'slave-read-only yes', 'hz 10', ''].join('\n'));
    const c = new Config();
    loadConfigText(c, fs.readFileSync(file, 'latin1').replace('include /nowhere/*.conf', ''));
    c.configFile = file;
    expect(c.set([['port', '7001'], ['save', '60 5'], ['maxmemory', '100mb'], ['replica-read-only', 'no'], ['requirepass', 'x y']])).toBeNull();
    expect(c.rewrite()).toBeNull();
    const lines = fs.readFileSync(file, 'latin1').split('\n');
    expect(lines.slice(0, 6)).toEqual(['# my settings', 'port 7001', 'save 60 5', '', 'include /nowhere/*.conf', 'replica-read-only no']);
    expect(lines).toContain('hz 10');
    const appended = lines.slice(lines.indexOf('# Generated by CONFIG REWRITE'));
    expect(appended).toContain('maxmemory 100mb');
    expect(appended).toContain('requirepass "x y"');
    expect(appended).toContain(`dir "${process.cwd()}"`);
    // What was written reads back to the same values.
    const again = new Config();
    loadConfigText(again, fs.readFileSync(file, 'latin1').replace('include /nowhere/*.conf', ''));
    for (const name of ['port', 'save', 'maxmemory', 'replica-read-only', 'requirepass', 'hz']) expect(again.value(name)).toBe(c.value(name));
  });

  it('answers Redis errors without a file or when it cannot write', () => {
    const c = new Config();
    expect(c.rewrite()).toBe('The server is running without a config file');
    c.configFile = path.join(dir, 'no', 'such', 'dir.conf');
    expect(c.rewrite()).toMatch(/^Rewriting config file: /);
    expect(() => rewriteConfigFile(c, c.configFile!)).toThrow();
  });
});
