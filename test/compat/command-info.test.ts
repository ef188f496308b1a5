// COMMAND, COMMAND INFO, COUNT and LIST against a real redis-server. Every command we declare must
// have the COMMAND INFO of Redis 7.0, byte for byte (a container's subcommands are compared one by
// one, since Redis lists them in hash order); all differences are reported at once.
// Also: our derivation of flags, ACL categories and legacy key positions reproduces Redis's for
// every command Redis has, given only its declared flags and key specs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { decodeReply, type Reply } from '../support/resp-reader.js';
import { CommandTable, type Command } from '../../commands/command-table.js';
import { allCommands } from '../../commands/all.js';
import { commandInfo } from '../../commands/command-info.js';
import type { CommandFlag, CommandSpec, KeySpecDecl } from '../../commands/types.js';

/** Subcommands we declare that Redis 7.0 does not have, and why. */
const NOT_IN_REDIS_70: Record<string, string> = {
  'client|setinfo': 'Redis 7.2 command that client libraries send on connect; 7.0 has no such subcommand',
};

const table = new CommandTable(allCommands);

function decode(b: Buffer): Reply {
  return decodeReply(b)[0];
}

/** A map reply (flat [k, v, ...] array) as an object. */
function asMap(r: Reply): Record<string, Reply> {
  const out: Record<string, Reply> = {};
  const a = r as Reply[];
  for (let i = 0; i < a.length; i += 2) out[String(a[i])] = a[i + 1]!;
  return out;
}

const FIELDS = ['name', 'arity', 'flags', 'first key', 'last key', 'step', 'acl categories', 'tips', 'key specs'];

/** What differs between two COMMAND INFO entries, field by field (subcommands aside). */
function infoDifferences(ours: Reply, redis: Reply): string[] {
  if (ours === null || redis === null) return [`ours ${JSON.stringify(ours)}, redis ${JSON.stringify(redis)}`];
  const o = ours as Reply[];
  const r = redis as Reply[];
  const out: string[] = [];
  FIELDS.forEach((field, i) => {
    const a = JSON.stringify(o[i]);
    const b = JSON.stringify(r[i]);
    if (a !== b) out.push(`${field}: ours ${a}, redis ${b}`);
  });
  return out;
}

describe('COMMAND INFO, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  async function both(...args: string[]): Promise<[Buffer, Buffer]> {
    return Promise.all([d.ours.call(...args), d.redis.call(...args)]);
  }

  async function compareOne(cmd: Command, problems: string[]): Promise<void> {
    const [ours, redis] = await both('COMMAND', 'INFO', cmd.fullName);
    if (ours.equals(redis)) return;
    const o = (decode(ours) as Reply[])[0]!;
    const r = (decode(redis) as Reply[])[0]!;
    if (r === null && NOT_IN_REDIS_70[cmd.fullName] !== undefined) return;
    for (const diff of infoDifferences(o, r)) problems.push(`${cmd.fullName}: ${diff}`);
    if (cmd.subcommands === null) {
      if (infoDifferences(o, r).length === 0) problems.push(`${cmd.fullName}: bytes differ\n  ours:  ${JSON.stringify(ours.toString('latin1'))}\n  redis: ${JSON.stringify(redis.toString('latin1'))}`);
      return;
    }
    const theirs = new Set(((r as Reply[])[9] as Reply[]).map((s) => String((s as Reply[])[0])));
    for (const name of theirs) {
      if (!cmd.subcommands.has(name.split('|')[1]!)) problems.push(`${cmd.fullName}: subcommand ${name} is not declared`);
    }
  }

  it('is Redis 7.0 byte for byte for every command we declare', async () => {
    const problems: string[] = [];
    for (const cmd of table.all()) {
      await compareOne(cmd, problems);
      if (cmd.subcommands !== null) for (const sub of cmd.subcommands.values()) await compareOne(sub, problems);
    }
    expect(problems, `COMMAND INFO differs from Redis 7.0:\n${problems.join('\n')}`).toEqual([]);
  });

  it('answers unknown names, bad names and the other subcommands as Redis does', async () => {
    await d.check([
      ['COMMAND', 'INFO', 'nosuchcommand'],
      ['COMMAND', 'INFO', 'GET', 'nosuch', 'get'],
      ['COMMAND', 'INFO', 'CLIENT|LIST', 'client|nosuch', 'get|x', 'client|list|x', 'client|', '|list', ''],
      ['COMMAND', 'INFO', 'Client|Id'],
      ['COMMAND', 'COUNT', 'x'],
      ['COMMAND', 'HELP'],
      ['COMMAND', 'HELP', 'x'],
      ['COMMAND', 'nosuch'],
      ['COMMAND', 'LIST', 'FILTERBY'],
      ['COMMAND', 'LIST', 'FILTERBY', 'aclcat'],
      ['COMMAND', 'LIST', 'FILTERBY', 'nosuch', 'x'],
      ['COMMAND', 'LIST', 'FILTERBY', 'aclcat', 'connection', 'x'],
      ['COMMAND', 'LIST', 'FILTERBY', 'aclcat', 'nosuchcategory'],
      ['COMMAND', 'LIST', 'FILTERBY', 'aclcat', '@connection'],
      ['COMMAND', 'LIST', 'FILTERBY', 'module', 'x'],
      ['COMMAND', 'LIST', 'x'],
      ['command', 'info', 'get'],
    ]);
  });

  it('COMMAND, COMMAND INFO and COMMAND COUNT cover the whole table', async () => {
    const all = decode(await d.ours.call('COMMAND')) as Reply[];
    const info = decode(await d.ours.call('COMMAND', 'INFO')) as Reply[];
    const count = decode(await d.ours.call('COMMAND', 'COUNT'));
    expect(all.length).toBe(table.size);
    expect(count).toBe(table.size);
    expect(info).toEqual(all);
    const names = all.map((e) => (e as Reply[])[0]);
    expect(names).toEqual(table.all().map((c) => c.fullName));
    // Each entry is the one COMMAND INFO <name> gives, which the first test compares with Redis.
    for (const cmd of table.all().slice(0, 20)) {
      expect(all[names.indexOf(cmd.fullName)]).toEqual((decode(await d.ours.call('COMMAND', 'INFO', cmd.fullName)) as Reply[])[0]);
    }
  });

  it('COMMAND LIST, with and without filters, lists our commands as Redis lists the same ones', async () => {
    const ours = new Set(table.all().flatMap((c) => [c.fullName, ...[...(c.subcommands?.values() ?? [])].map((s) => s.fullName)]));
    const filters: string[][] = [
      [],
      ['FILTERBY', 'ACLCAT', 'connection'],
      ['FILTERBY', 'aclcat', 'WRITE'],
      ['FILTERBY', 'aclcat', 'read'],
      ['FILTERBY', 'aclcat', 'fast'],
      ['FILTERBY', 'aclcat', 'slow'],
      ['FILTERBY', 'aclcat', 'dangerous'],
      ['FILTERBY', 'aclcat', 'keyspace'],
      ['FILTERBY', 'aclcat', 'string'],
      ['FILTERBY', 'PATTERN', 'CL*'],
      ['FILTERBY', 'pattern', '*|*'],
      ['FILTERBY', 'pattern', '*e?'],
      ['FILTERBY', 'pattern', '[a-d]*'],
    ];
    for (const f of filters) {
      const [o, r] = await both('COMMAND', 'LIST', ...f);
      const mine = (decode(o) as string[]).sort();
      const theirs = (decode(r) as string[]).filter((n) => ours.has(n) && NOT_IN_REDIS_70[n] === undefined).sort();
      expect(mine.filter((n) => NOT_IN_REDIS_70[n] === undefined), `COMMAND LIST ${f.join(' ')}`).toEqual(theirs);
    }
  });
});

/** A declaration rebuilt from Redis's own COMMAND INFO entry: its flags (without the derived movablekeys) and key specs. */
function specFromRedis(entry: Reply[]): CommandSpec {
  const keys: KeySpecDecl[] = (entry[8] as Reply[]).map((raw) => {
    const s = asMap(raw);
    const begin = asMap(s['begin_search']!);
    const find = asMap(s['find_keys']!);
    const bs = asMap(begin['spec']!);
    const fs = asMap(find['spec']!);
    const decl: KeySpecDecl = {
      flags: (s['flags'] as string[]).join(' ').toUpperCase(),
      begin: begin['type'] === 'keyword' ? { keyword: String(bs['keyword']), startFrom: Number(bs['startfrom']) } : Number(bs['index'] ?? 0),
    };
    if (find['type'] === 'range') decl.range = { lastKey: Number(fs['lastkey']), step: Number(fs['keystep']), limit: Number(fs['limit']) };
    if (find['type'] === 'keynum') decl.keynum = { keyNumIdx: Number(fs['keynumidx']), firstKey: Number(fs['firstkey']), step: Number(fs['keystep']) };
    if (begin['type'] === 'unknown') decl.begin = 0;
    return decl;
  });
  return {
    name: String(entry[0]),
    arity: Number(entry[1]),
    flags: (entry[2] as CommandFlag[]).filter((f) => f !== 'movablekeys'),
    // Redis's categories minus @slow, which is what the flags must imply.
    acl: (entry[6] as string[]).filter((c) => c !== '@slow').map((c) => c.slice(1)),
    keys,
    doc: { summary: '', since: '', group: '' },
    exec() {},
  };
}

describe('COMMAND INFO derivation over all of Redis 7.0', () => {
  it('reproduces the shown flags, categories, legacy key positions and key flags of every Redis command', async () => {
    const d = await Differential.start();
    try {
      const all = decode(await d.redis.call('COMMAND')) as Reply[][];
      const entries: Reply[][] = [];
      const walk = (e: Reply[]) => {
        entries.push(e);
        for (const sub of e[9] as Reply[][]) walk(sub);
      };
      all.forEach(walk);
      expect(entries.length).toBeGreaterThan(300);
      const problems: string[] = [];
      for (const e of entries) {
        const info = commandInfo(specFromRedis(e));
        const ours = [info.flags, info.firstKey, info.lastKey, info.keyStep, info.categories.map((c) => `@${c}`), info.keyFlags];
        const redis = [e[2], e[3], e[4], e[5], e[6], (e[8] as Reply[]).map((s) => asMap(s)['flags'])];
        if (JSON.stringify(ours) !== JSON.stringify(redis)) problems.push(`${String(e[0])}: ours ${JSON.stringify(ours)}, redis ${JSON.stringify(redis)}`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await d.stop();
    }
  });
});
