// Splits a stream of RESP2 reply bytes into whole replies, keeping each reply's exact bytes, so
// that tests compare our replies with Redis's byte for byte.

/** Length in bytes of the complete reply at buf[start], or -1 when more bytes are needed. */
export function replyLength(buf: Buffer, start: number): number {
  const end = scan(buf, start);
  return end < 0 ? -1 : end - start;
}

function lineEnd(buf: Buffer, pos: number): number {
  const cr = buf.indexOf('\r\n', pos, 'latin1');
  return cr;
}

function scan(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return -1;
  const type = buf[pos];
  const cr = lineEnd(buf, pos);
  if (cr < 0) return -1;
  const after = cr + 2;
  switch (type) {
    case 43: // +
    case 45: // -
    case 58: // :
      return after;
    case 36: {
      // $
      const len = Number(buf.toString('latin1', pos + 1, cr));
      if (len < 0) return after;
      return buf.length >= after + len + 2 ? after + len + 2 : -1;
    }
    case 42: {
      // *
      const n = Number(buf.toString('latin1', pos + 1, cr));
      let p = after;
      for (let i = 0; i < n; i++) {
        p = scan(buf, p);
        if (p < 0) return -1;
      }
      return p;
    }
    default:
      throw new Error(`not a RESP2 reply at ${pos}: ${JSON.stringify(buf.toString('latin1', pos, pos + 40))}`);
  }
}

/** A decoded RESP2 reply, for tests that look inside rather than compare bytes. */
export type Reply = string | number | null | Error | Reply[];

export function decodeReply(buf: Buffer, start = 0): [Reply, number] {
  const cr = buf.indexOf('\r\n', start, 'latin1');
  const line = buf.toString('latin1', start + 1, cr);
  const after = cr + 2;
  switch (buf[start]) {
    case 43:
      return [line, after];
    case 45:
      return [new Error(line), after];
    case 58:
      return [Number(line), after];
    case 36: {
      const len = Number(line);
      if (len < 0) return [null, after];
      return [buf.toString('latin1', after, after + len), after + len + 2];
    }
    case 42: {
      const n = Number(line);
      if (n < 0) return [null, after];
      const out: Reply[] = [];
      let p = after;
      for (let i = 0; i < n; i++) {
        const [r, next] = decodeReply(buf, p);
        out.push(r);
        p = next;
      }
      return [out, p];
    }
    default:
      throw new Error('bad reply');
  }
}
