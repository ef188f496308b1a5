// Glob matching (storage/glob.ts) against answers taken from Redis 7.0.15: each case below was
// run as SET <text> + KEYS <pattern> on a real redis-server (test/compat/keys-scan.test.ts
// compares generated patterns live). The lone "*" matching "" is a shortcut of KEYS and SCAN, not
// of stringmatchlen, so it is not in the table.

import { describe, expect, it } from 'vitest';
import { globMatch, matchesEverything } from '../../storage/glob.js';

const CASES: Array<[pattern: string, text: string, matches: boolean]> = [
  ['*', 'anything', true],
  ['?', 'a', true],
  ['?', '', false],
  ['?', 'ab', false],
  ['a*', 'abc', true],
  ['a*', 'bac', false],
  ['*c', 'abc', true],
  ['*c', 'abd', false],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['[abc]', 'b', true],
  ['[abc]', 'd', false],
  ['[^abc]', 'd', true],
  ['[^abc]', 'a', false],
  ['[a-c]', 'b', true],
  ['[c-a]', 'b', true],
  ['[a-c]', 'd', false],
  ['[^a-c]', 'd', true],
  ['\\*', '*', true],
  ['\\*', 'a', false],
  ['a\\', 'a\\', true],
  ['a\\', 'a', false],
  ['\\', '\\', true],
  ['[', '[', false],
  ['[', '', false],
  ['[a', 'a', true],
  ['[a', '[', false],
  ['[\\]]', ']', true],
  ['[]]', ']', false],
  ['[]', ']', false],
  ['[]a]', 'a', false],
  ['[\\', '\\', true],
  ['[a-]', '-', false],
  ['[a-]', 'a', true],
  ['[-a]', '-', true],
  ['[a-', 'a', true],
  ['h[ae]llo', 'hello', true],
  ['h[^e]llo', 'hallo', true],
  ['h[^e]llo', 'hello', false],
  ['*[0-9]', 'abc7', true],
  ['**a**', 'xxa', true],
  ['***', '', false],
  ['a*b*c', 'aXbYc', true],
  ['a*b*c', 'aXbY', false],
  ['\u0080', '\u0080', true],
  ['[\u0080-\u00ff]', '\u00c0', true],
  ['[\u0000-\u007f]', '\u00c0', false],
  ['[\u00ff-\u0000]', 'a', false],
  ['[\u00ff-\u0000]', '\u0080', false],
  ['[a-\u00ff]', '\u0080', false],
  ['[a-\u00ff]', 'b', false],
  ['[\u0001-a]', '\u00ff', false],
  ['A', 'a', false],
  ['[A-Z]', 'a', false],
  ['*\u0000*', 'a\u0000b', true],
  ['a\u0000', 'a', false],
  ['?\u0000', 'x\u0000', true],
  ['[^]', 'a', true],
  ['[^]', ']', true],
  ['[^\\]]', 'a', true],
  ['[^\\]]', ']', false],
  ['a[', 'a[', false],
  ['a[b', 'ab', true],
  ['*[', 'x[', false],
  ['[*]', '*', true],
  ['[*]', 'a', false],
  ['[?]', 'a', false],
  ['[?]', '?', true],
  ['\\[a]', '[a]', true],
  ['\\?', '?', true],
  ['\\?', 'a', false],
  ['*\\', 'x\\', true],
  ['[\\-]', '-', true],
  ['[a\\-z]', 'b', false],
  ['[a\\-z]', '-', true],
  ['[z-a]', 'm', true],
];

describe('globMatch', () => {
  it.each(CASES)('%j against %j is %s, as in Redis', (pattern, text, matches) => {
    expect(globMatch(pattern, text)).toBe(matches);
  });

  it('ignores ASCII case when asked, as CONFIG GET does in Redis', () => {
    // Redis: CONFIG GET of each pattern, whether it lists maxmemory-policy.
    expect(globMatch('MAXMEMORY-[P-Q]OLICY', 'maxmemory-policy', true)).toBe(true);
    expect(globMatch('maxmemory-[A-Z]olicy', 'maxmemory-policy', true)).toBe(true);
    expect(globMatch('maxmemory-[^P]olicy', 'maxmemory-policy', true)).toBe(false);
    expect(globMatch('MAXMEMORY-[P-Q]OLICY', 'maxmemory-policy', false)).toBe(false);
  });

  it('only a lone star matches everything: "**" does not match "" (KEYS ** in Redis)', () => {
    expect(matchesEverything('*')).toBe(true);
    expect(matchesEverything('**')).toBe(false);
    expect(globMatch('**', '')).toBe(false);
  });
});

describe('globMatch on abusive patterns', () => {
  it('gives up past 1000 nested stars, as Redis 7.0.15 does', () => {
    const text = 'a'.repeat(3000);
    expect(globMatch('a*'.repeat(1001), text)).toBe(true);
    expect(globMatch('a*'.repeat(1002), text)).toBe(false);
    expect(globMatch('a*'.repeat(1000) + 'a', text)).toBe(true);
    expect(globMatch('a*'.repeat(1001) + 'a', text)).toBe(false);
    expect(globMatch('*?'.repeat(1000), text)).toBe(true);
    expect(globMatch('*?'.repeat(1001), text)).toBe(false);
  });

  it('does not blow up on many stars that cannot match', () => {
    const start = performance.now();
    expect(globMatch('*a'.repeat(40) + 'b', 'a'.repeat(100))).toBe(false);
    expect(globMatch('a*'.repeat(50_000) + 'b', 'a'.repeat(100_000))).toBe(false);
    expect(globMatch('*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?x', 'y'.repeat(10_000))).toBe(false);
    expect(globMatch('[a-z]*'.repeat(500) + '!', 'q'.repeat(5_000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('handles a very long pattern without stars and a very long text', () => {
    const long = 'x'.repeat(1_000_000);
    expect(globMatch(long, long)).toBe(true);
    expect(globMatch(long + '?', long)).toBe(false);
    expect(globMatch('*' + 'x'.repeat(10), long)).toBe(true);
  });
});
