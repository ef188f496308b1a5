// COMMAND GETKEYS and GETKEYSANDFLAGS against a real redis-server: hand-picked errors, then, for
// every command we declare that has keys, generated argument lists (fast-check) over words that
// make key specs interesting (numbers for key counts, the specs' keywords, repeated names).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { CommandTable, type Command } from '../../commands/command-table.js';
import { allCommands } from '../../commands/all.js';
import { commandHasKeys } from '../../commands/command-keys.js';

const table = new CommandTable(allCommands);

/** Commands with keys, subcommands included. */
function keyed(): Command[] {
  const out: Command[] = [];
  for (const c of table.all()) {
    if (c.subcommands === null) {
      if (commandHasKeys(c.spec)) out.push(c);
    } else {
      for (const s of c.subcommands.values()) if (commandHasKeys(s.spec)) out.push(s);
    }
  }
  return out;
}

/** The words a generated argument list draws from, with the keywords of the command's key specs. */
function words(cmd: Command): string[] {
  const base = ['k1', 'k2', 'k3', '0', '1', '2', '3', '-1', '01', 'x'];
  for (const k of cmd.spec.keys ?? []) if (typeof k.begin !== 'number') base.push(k.begin.keyword, k.begin.keyword.toLowerCase());
  return base;
}

function commandWords(cmd: Command): string[] {
  return cmd.parent === null ? [cmd.spec.name] : [cmd.parent.spec.name, cmd.spec.name];
}

/** Flags come from Redis's getkeys functions for specs with VARIABLE_FLAGS; we report the spec's own. */
function hasVariableFlags(cmd: Command): boolean {
  return (cmd.spec.keys ?? []).some((k) => /VARIABLE_FLAGS/i.test(k.flags));
}

describe('COMMAND GETKEYS, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('answers errors as Redis does', async () => {
    await d.check([
      ['COMMAND', 'GETKEYS'],
      ['COMMAND', 'GETKEYS', 'get'],
      ['COMMAND', 'GETKEYS', 'get', 'a'],
      ['COMMAND', 'GETKEYS', 'GET', 'a', 'b'],
      ['COMMAND', 'GETKEYS', 'nosuchcommand', 'a'],
      ['COMMAND', 'GETKEYS', 'ping', 'a'],
      ['COMMAND', 'GETKEYS', 'client', 'list'],
      ['COMMAND', 'GETKEYS', 'client', 'nosuch'],
      ['COMMAND', 'GETKEYS', 'CLIENT', 'KILL', 'a'],
      ['COMMAND', 'GETKEYS', 'command', 'getkeys', 'get', 'a'],
      ['COMMAND', 'GETKEYS', 'set', 'a', 'b'],
      ['COMMAND', 'GETKEYS', 'mset', 'a', 'b', 'c', 'd'],
      ['COMMAND', 'GETKEYS', 'mset', 'a', 'b', 'c'],
      ['COMMAND', 'GETKEYS', 'mset', 'a'],
      ['COMMAND', 'GETKEYS', 'del', 'a', 'b', 'a'],
      ['COMMAND', 'GETKEYS', 'rename', 'a', 'b'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'rename', 'a', 'b'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'mset', 'a', 'b', 'c', 'd'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'get', 'a\u0000\u00ff'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'ping'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'object', 'encoding', 'k'],
    ]);
  });

  it('finds the keys of generated command lines of every command we declare', async () => {
    const commands = keyed();
    expect(commands.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    for (const cmd of commands) {
      const argv = fc.array(fc.constantFrom(...words(cmd)), { minLength: 0, maxLength: 7 });
      const samples = fc.sample(argv, { numRuns: 12, seed: 7 });
      // The smallest line the arity allows comes first.
      samples.unshift(Array.from({ length: Math.abs(cmd.arity) - commandWords(cmd).length }, (_, i) => `k${i + 1}`));
      for (const args of samples) {
        const line = [...commandWords(cmd), ...args];
        const sub = hasVariableFlags(cmd) ? ['GETKEYS'] : ['GETKEYS', 'GETKEYSANDFLAGS'];
        for (const s of sub) {
          const m = await d.compare(['COMMAND', s, ...line]);
          if (m) mismatches.push(`${m.command}\n  ours:  ${JSON.stringify(m.ours)}\n  redis: ${JSON.stringify(m.redis)}`);
        }
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });
});
