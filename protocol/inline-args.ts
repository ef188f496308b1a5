// Splits an inline request line into arguments the way Redis's sdssplitargs does: whitespace
// separates, "double quotes" understand \xHH \n \r \t \b \a and \<any>, 'single quotes' understand
// only \', a closing quote must be followed by whitespace or the end, and a NUL byte ends the line.

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13); // ' ', \t \n \v \f \r
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 97: 7 }; // n r t b a

/** The arguments of buf[start, end), or null for unbalanced quotes. */
export function splitInlineArgs(buf: Uint8Array, start: number, end: number): string[] | null {
  const args: string[] = [];
  let p = start;
  const at = (i: number): number => (i < end ? buf[i]! : 0);
  for (;;) {
    while (p < end && buf[p] !== 0 && isSpace(buf[p]!)) p++;
    if (p >= end || buf[p] === 0) return args;
    let inDouble = false;
    let inSingle = false;
    const bytes: number[] = [];
    for (;;) {
      const c = at(p);
      if (inDouble) {
        if (c === 92 /* \ */ && at(p + 1) === 120 /* x */ && hexValue(at(p + 2)) >= 0 && hexValue(at(p + 3)) >= 0) {
          bytes.push(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === 92 && at(p + 1) !== 0) {
          p++;
          const e = at(p);
          bytes.push(ESCAPES[e] ?? e);
        } else if (c === 34 /* " */) {
          const after = at(p + 1);
          if (after !== 0 && !isSpace(after)) return null;
          p++;
          break;
        } else if (c === 0) {
          return null;
        } else {
          bytes.push(c);
        }
      } else if (inSingle) {
        if (c === 92 && at(p + 1) === 39 /* ' */) {
          p++;
          bytes.push(39);
        } else if (c === 39) {
          const after = at(p + 1);
          if (after !== 0 && !isSpace(after)) return null;
          p++;
          break;
        } else if (c === 0) {
          return null;
        } else {
          bytes.push(c);
        }
      } else if (c === 0 || isSpace(c)) {
        break;
      } else if (c === 34) {
        inDouble = true;
      } else if (c === 39) {
        inSingle = true;
      } else {
        bytes.push(c);
      }
      p++;
    }
    args.push(String.fromCharCode.apply(null, bytes));
  }
}
