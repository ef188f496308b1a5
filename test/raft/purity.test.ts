// The core must stay pure: no I/O, clocks, timers or ambient randomness outside raft/io/, and no
// imports from the rest of the server (DESIGN.md: raft/ imports nothing of ours).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../raft');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const FORBIDDEN = [/from\s+['"]node:/, /\brequire\(/, /\bDate\b/, /Math\.random/, /performance\.now/, /\bset(Timeout|Interval|Immediate)\b/, /\bprocess\./];

describe('raft/ purity', () => {
  const files = sources(root);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('outside raft/io/, no node: imports, clocks, timers, process or Math.random', () => {
    const offences: string[] = [];
    for (const f of files) {
      const rel = relative(root, f);
      if (rel.startsWith('io/')) continue;
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const re of FORBIDDEN) if (re.test(text)) offences.push(`${rel}: ${re}`);
    }
    expect(offences).toEqual([]);
  });

  it('imports only from within raft/', () => {
    const offences: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
        const target = join(f, '..', m[1] as string);
        if (relative(root, target).startsWith('..')) offences.push(`${relative(root, f)} imports ${m[1]}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('raft/io/ holds interfaces only', () => {
    for (const f of files.filter((f) => relative(root, f).startsWith('io/'))) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/\bclass\b|\bfunction\b|=>\s*{/);
    }
  });
});
