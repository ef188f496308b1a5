// Redis's glob matching (util.c stringmatchlen), used by KEYS, SCAN MATCH, the *SCAN commands and
// pub/sub patterns: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, and `\` escapes. Bytes compare as C's
// signed char, as in Redis, so ranges over bytes >= 0x80 behave the same.

function signed(c: number): number {
  return c > 127 ? c - 256 : c;
}

/** Redis gives up (no match) past this many nested stars: a bound on recursion depth. */
const MAX_NESTING = 1000;

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Set once a star's suffix matched nowhere: longer matches of earlier stars cannot help either.
 * Module state rather than an object per call (KEYS and SCAN MATCH call this once per key).
 */
let skipLonger = false;

export function globMatch(pattern: string, text: string, nocase = false): boolean {
  skipLonger = false;
  return match(pattern, 0, text, 0, nocase, 0);
}

function match(pat: string, p: number, str: string, s: number, nocase: boolean, nesting: number): boolean {
  if (nesting > MAX_NESTING) return false;
  const plen = pat.length;
  const slen = str.length;
  while (p < plen && s < slen) {
    const pc = pat.charCodeAt(p);
    if (pc === 42 /* * */) {
      while (p + 1 < plen && pat.charCodeAt(p + 1) === 42) p++;
      if (p + 1 === plen) return true;
      while (s < slen) {
        if (match(pat, p + 1, str, s, nocase, nesting + 1)) return true;
        if (skipLonger) return false;
        s++;
      }
      skipLonger = true;
      return false;
    } else if (pc === 63 /* ? */) {
      s++;
    } else if (pc === 91 /* [ */) {
      p++;
      const not = p < plen && pat.charCodeAt(p) === 94; /* ^ */
      if (not) p++;
      let matched = false;
      const c = str.charCodeAt(s);
      for (;;) {
        if (p < plen && pat.charCodeAt(p) === 92 /* \ */ && plen - p >= 2) {
          p++;
          if (pat.charCodeAt(p) === c) matched = true;
        } else if (p < plen && pat.charCodeAt(p) === 93 /* ] */) {
          break;
        } else if (p >= plen) {
          p--;
          break;
        } else if (plen - p >= 3 && pat.charCodeAt(p + 1) === 45 /* - */) {
          let start = signed(pat.charCodeAt(p));
          let end = signed(pat.charCodeAt(p + 2));
          let cc = signed(c);
          if (start > end) [start, end] = [end, start];
          if (nocase) {
            start = lower(start);
            end = lower(end);
            cc = lower(cc);
          }
          p += 2;
          if (cc >= start && cc <= end) matched = true;
        } else if (nocase ? lower(pat.charCodeAt(p)) === lower(c) : pat.charCodeAt(p) === c) {
          matched = true;
        }
        p++;
      }
      if (not) matched = !matched;
      if (!matched) return false;
      s++;
    } else {
      if (pc === 92 /* \ */ && plen - p >= 2) p++;
      const q = pat.charCodeAt(p);
      const c = str.charCodeAt(s);
      if (nocase ? lower(q) !== lower(c) : q !== c) return false;
      s++;
    }
    p++;
    if (s === slen) {
      while (p < plen && pat.charCodeAt(p) === 42) p++;
      break;
    }
  }
  return p === plen && s === slen;
}

/** True when the pattern matches every string (a lone `*`), so callers can skip matching. */
export function matchesEverything(pattern: string): boolean {
  return pattern === '*';
}
