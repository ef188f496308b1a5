// COMMAND DOCS against a real redis-server: for every command we declare, the summary, since,
// group, complexity, doc flags, deprecation, history and the argument tree (names, types, tokens,
// flags, key spec indexes) must be Redis 7.0's; every difference is reported at once. Argument
// `since`/`summary`/`deprecated_since` are not in our notation and are not compared.
// Also: the notation parser reads back the structure of every Redis command's arguments, written
// in Redis's notation from Redis's own DOCS.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { decodeReply, type Reply } from '../support/resp-reader.js';
import { CommandTable } from '../../commands/command-table.js';
import { allCommands } from '../../commands/all.js';
import { parseSyntax, type CommandArg } from '../../commands/command-args.js';

/** Commands we declare that Redis 7.0 does not have. */
const NOT_IN_REDIS_70 = new Set(['client|setinfo']);

const table = new CommandTable(allCommands);

function decode(b: Buffer): Reply {
  return decodeReply(b)[0];
}

function asMap(r: Reply): Record<string, Reply> {
  const out: Record<string, Reply> = {};
  const a = (r ?? []) as Reply[];
  for (let i = 0; i < a.length; i += 2) out[String(a[i])] = a[i + 1]!;
  return out;
}

/** An argument as COMMAND DOCS gives it, reduced to what we compare, in our shape. */
function argFromReply(raw: Reply): CommandArg {
  const m = asMap(raw);
  const arg: CommandArg = { name: String(m['name']), type: String(m['type']) as CommandArg['type'] };
  if (m['key_spec_index'] !== undefined) arg.keySpecIndex = Number(m['key_spec_index']);
  if (m['token'] !== undefined) arg.token = String(m['token']);
  const flags = (m['flags'] ?? []) as string[];
  if (flags.includes('optional')) arg.optional = true;
  if (flags.includes('multiple')) arg.multiple = true;
  if (flags.includes('multiple_token')) arg.multipleToken = true;
  if (m['arguments'] !== undefined) arg.args = (m['arguments'] as Reply[]).map(argFromReply);
  return arg;
}

function describeArg(a: CommandArg): string {
  const flags = [a.optional && 'optional', a.multiple && 'multiple', a.multipleToken && 'multiple_token'].filter(Boolean).join(',');
  return `${a.name}:${a.type}${a.token !== undefined ? ` token=${a.token}` : ''}${a.keySpecIndex !== undefined ? ` key_spec_index=${a.keySpecIndex}` : ''}${flags ? ` ${flags}` : ''}`;
}

/** Argument differences, by path ("expiration/seconds"). */
function argDifferences(ours: readonly CommandArg[], redis: readonly CommandArg[], path: string, out: string[]): void {
  const n = Math.max(ours.length, redis.length);
  for (let i = 0; i < n; i++) {
    const o = ours[i];
    const r = redis[i];
    const at = `${path}${r?.name ?? o?.name}`;
    if (o === undefined || r === undefined) {
      out.push(`argument ${at}: ours ${o ? describeArg(o) : 'missing'}, redis ${r ? describeArg(r) : 'missing'}`);
      continue;
    }
    if (describeArg(o) !== describeArg(r)) out.push(`argument ${at}: ours ${describeArg(o)}, redis ${describeArg(r)}`);
    argDifferences(o.args ?? [], r.args ?? [], `${at}/`, out);
  }
}

const DOC_FIELDS = ['summary', 'since', 'group', 'complexity', 'doc_flags', 'deprecated_since', 'replaced_by', 'history'];

function docDifferences(name: string, ours: Record<string, Reply>, redis: Record<string, Reply>, out: string[]): void {
  for (const field of DOC_FIELDS) {
    const a = JSON.stringify(ours[field]);
    const b = JSON.stringify(redis[field]);
    if (a !== b) out.push(`${name}: ${field}: ours ${a}, redis ${b}`);
  }
  const args: string[] = [];
  argDifferences(((ours['arguments'] ?? []) as Reply[]).map(argFromReply), ((redis['arguments'] ?? []) as Reply[]).map(argFromReply), '', args);
  for (const a of args) out.push(`${name}: ${a}`);
  const subs = (r: Record<string, Reply>) => Object.keys(asMap(r['subcommands'] ?? [])).filter((n) => !NOT_IN_REDIS_70.has(n)).sort().join(' ');
  if (subs(ours) !== subs(redis)) out.push(`${name}: subcommands: ours ${subs(ours)}, redis ${subs(redis)}`);
}

describe('COMMAND DOCS, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('is Redis 7.0 for every command we declare', async () => {
    const problems: string[] = [];
    const names = table.all().flatMap((c) => [c.fullName, ...[...(c.subcommands?.values() ?? [])].map((s) => s.fullName)]);
    for (const name of names) {
      if (NOT_IN_REDIS_70.has(name)) continue;
      const [o, r] = await Promise.all([d.ours.call('COMMAND', 'DOCS', name), d.redis.call('COMMAND', 'DOCS', name)]);
      const ours = decode(o) as Reply[];
      const redis = decode(r) as Reply[];
      if (ours.length !== 2 || redis.length !== 2) {
        problems.push(`${name}: ours ${JSON.stringify(ours).slice(0, 80)}, redis ${JSON.stringify(redis).slice(0, 80)}`);
        continue;
      }
      docDifferences(name, asMap(ours[1]!), asMap(redis[1]!), problems);
    }
    expect(problems, `COMMAND DOCS differs from Redis 7.0:\n${problems.join('\n')}`).toEqual([]);
  });

  it('answers several, unknown and repeated names as Redis does', async () => {
    await d.check([
      ['COMMAND', 'DOCS', 'nosuchcommand'],
      ['COMMAND', 'DOCS', 'GET', 'nosuch', 'client|nosuch', 'get|x'],
      ['COMMAND', 'DOCS', 'get', 'GET'],
      ['COMMAND', 'DOCS', 'ping', 'echo', 'Client|GetName', 'select'],
    ]);
    // Without names: every command; each entry is the one COMMAND DOCS <name> gives.
    const all = asMap(decode(await d.ours.call('COMMAND', 'DOCS')));
    expect(Object.keys(all).sort()).toEqual(table.all().map((c) => c.fullName).sort());
    expect(asMap(decode(await d.ours.call('COMMAND', 'DOCS', 'set')))['set']).toEqual(all['set']);
  });
});

// ---------------------------------------------------------------------------------------------
// The notation parser over all of Redis: Redis's arguments are written in Redis's notation (as
// redis.io shows them) and parsed back; the structure must survive. Names and leaf types are the
// declaring family's to write (`name:type`, `label:<...>`), so they are not compared here.

function render(a: CommandArg): string {
  const tok = a.token !== undefined ? `${a.token === '' ? '""' : a.token} ` : '';
  let s: string;
  if (a.type === 'pure-token') s = a.token === '' ? '""' : a.token!;
  else if (a.type === 'oneof') s = a.optional && tok === '' ? a.args!.map(render).join(' | ') : `${tok}<${a.args!.map(render).join(' | ')}>`;
  else if (a.type === 'block') s = tok + a.args!.map(render).join(' ');
  else s = tok + a.name;
  if (a.multiple) {
    let unit = s.slice(tok.length);
    if (a.multipleToken) unit = s;
    else if (a.type === 'oneof' && tok === '') unit = s.replace(/^<(.*)>$/, '$1');
    s = `${s} [${unit} ...]`;
  }
  return a.optional ? `[${s}]` : s;
}

function shape(a: CommandArg): unknown {
  return [a.args ? a.type : 'leaf', a.token ?? '', !!a.optional, !!a.multiple, !!a.multipleToken, a.args?.map(shape) ?? []];
}

/** Redis arguments our notation cannot express as Redis structures them (inconsistently). */
const SHAPE_EXCEPTIONS: Record<string, string> = {
  bitfield: 'a repeated choice whose repetition is written inside the same optional group',
  failover: '[TO host port [FORCE]]: a token heading a block that also holds an optional group',
  'config|get': 'a block of one repeated argument (Redis) vs a repeated argument',
  psubscribe: 'a block of one repeated argument (Redis) vs a repeated argument',
  'module|loadex': '[ARGS arg [arg ...]]: a block of one repeated argument vs a repeated argument with a token',
  migrate: 'the empty-string token "" of <key | "">',
  xtrim: 'an unnamed required block of a choice and words, which the notation writes as a plain sequence',
  'client|list': '[ID client-id [client-id ...]] unnamed: a repeated argument with a token; Redis has a block (we name it: id:[...])',
};

describe('syntax notation over all of Redis 7.0', () => {
  it("reads back the argument structure of every Redis command from Redis's notation", async () => {
    const d = await Differential.start();
    try {
      const docs = asMap(decode(await d.redis.call('COMMAND', 'DOCS')));
      const info = decode(await d.redis.call('COMMAND', 'INFO')) as Reply[][];
      const specCount = new Map<string, number>();
      const walkInfo = (e: Reply[]) => {
        specCount.set(String(e[0]), (e[8] as Reply[]).length);
        (e[9] as Reply[][]).forEach(walkInfo);
      };
      info.forEach(walkInfo);
      const problems: string[] = [];
      let checked = 0;
      const walk = (name: string, doc: Reply) => {
        const m = asMap(doc);
        for (const [sub, subDoc] of Object.entries(asMap(m['subcommands'] ?? []))) walk(sub, subDoc);
        if (m['arguments'] === undefined || SHAPE_EXCEPTIONS[name] !== undefined) return;
        const theirs = (m['arguments'] as Reply[]).map(argFromReply);
        const syntax = theirs.map(render).join(' ');
        const ours = parseSyntax(syntax, specCount.get(name) ?? 0);
        checked++;
        if (JSON.stringify(ours.map(shape)) !== JSON.stringify(theirs.map(shape))) problems.push(`${name}: ${syntax}`);
      };
      for (const [name, doc] of Object.entries(docs)) walk(name, doc);
      expect(checked).toBeGreaterThan(250);
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await d.stop();
    }
  });
});
