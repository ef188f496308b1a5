// The only code that produces RESP. Strings are one-byte ("latin1") strings, so a string's length
// is its byte length; every length written here is a byte length.
//
// Replies are written into a shared arena (a large Buffer handed out in slices that are never
// reused), so producing a reply allocates nothing and a pipeline's replies leave in one write.
// Several writers may interleave (one client's write wakes another): each writer owns the arena
// only while it writes, and closes its open slice when another writer takes over.

const ARENA_SIZE = 256 * 1024;
/** Strings shorter than this are copied byte by byte: cheaper than latin1Write's native call. */
const SHORT_STRING = 12;

type Latin1Buffer = Buffer & { latin1Write(s: string, offset: number, length?: number): number };

class Arena {
  buf: Latin1Buffer = Buffer.allocUnsafe(ARENA_SIZE) as Latin1Buffer;
  pos = 0;
  owner: ReplyWriter | null = null;

  /** Starts a fresh arena of at least `size` bytes; the old one lives while its slices do. */
  renew(size: number): void {
    this.buf = Buffer.allocUnsafe(Math.max(ARENA_SIZE, size)) as Latin1Buffer;
    this.pos = 0;
  }
}

const arena = new Arena();

const INT_CACHE_SIZE = 10000;
const intStrings: string[] = [];
for (let i = 0; i < INT_CACHE_SIZE; i++) intStrings.push(String(i));

export class ReplyWriter {
  /** Finished slices waiting to be sent, oldest first. */
  private done: Buffer[] = [];
  private doneBytes = 0;
  /** Start of this writer's open slice in the arena, valid while arena.owner === this. */
  private start = 0;
  /** Error replies written (the router tells failed calls by it). */
  errors = 0;
  /** Told of every error reply (INFO errorstats); null when nobody counts. */
  onError: ((message: string) => void) | null = null;

  /** Bytes produced and not yet taken. */
  get pendingBytes(): number {
    return this.doneBytes + (arena.owner === this ? arena.pos - this.start : 0);
  }

  /** Everything produced since the last take, as buffers to write in order (empty if none). */
  take(): Buffer[] {
    this.closeSlice();
    const out = this.done;
    if (out.length !== 0) {
      this.done = [];
      this.doneBytes = 0;
    }
    return out;
  }

  /** Drops everything produced and not yet taken (CLIENT REPLY OFF/SKIP). */
  discard(): void {
    if (arena.owner === this) arena.pos = this.start;
    this.done = [];
    this.doneBytes = 0;
  }

  status(s: string): void {
    const b = this.reserve(s.length + 3);
    b[arena.pos++] = 43; // +
    this.putLatin1(b, s);
    this.crlf(b);
  }

  /** An error reply; `s` includes its code ("ERR ...", "WRONGTYPE ..."). */
  error(s: string): void {
    // A newline inside an error would break the protocol; Redis turns them into spaces too.
    if (s.includes('\r') || s.includes('\n')) s = s.replace(/[\r\n]/g, ' ');
    this.errors++;
    if (this.onError !== null) this.onError(s);
    const b = this.reserve(s.length + 3);
    b[arena.pos++] = 45; // -
    this.putLatin1(b, s);
    this.crlf(b);
  }

  integer(n: number | bigint): void {
    const s = typeof n === 'number' && n >= 0 && n < INT_CACHE_SIZE && Number.isInteger(n) ? intStrings[n]! : String(n);
    const b = this.reserve(s.length + 3);
    b[arena.pos++] = 58; // :
    this.putLatin1(b, s);
    this.crlf(b);
  }

  bulk(s: string): void {
    const len = s.length;
    const head = len < INT_CACHE_SIZE ? intStrings[len]! : String(len);
    const b = this.reserve(len + head.length + 5);
    b[arena.pos++] = 36; // $
    this.putLatin1(b, head);
    this.crlf(b);
    this.putLatin1(b, s);
    this.crlf(b);
  }

  /** A bulk reply of s[start, end), without making the substring when it is short. */
  bulkSlice(s: string, start: number, end: number): void {
    const len = end - start;
    if (len >= SHORT_STRING) return this.bulk(s.slice(start, end));
    const head = intStrings[len]!;
    const b = this.reserve(len + head.length + 5);
    b[arena.pos++] = 36; // $
    this.putLatin1(b, head);
    this.crlf(b);
    let pos = arena.pos;
    for (let i = start; i < end; i++) b[pos++] = s.charCodeAt(i);
    arena.pos = pos;
    this.crlf(b);
  }

  /** A bulk reply of a number's decimal text (Redis's addReplyBulkLongLong). */
  bulkInteger(n: number | bigint): void {
    this.bulk(String(n));
  }

  nullBulk(): void {
    const b = this.reserve(5);
    b.latin1Write('$-1\r\n', arena.pos);
    arena.pos += 5;
  }

  nullArray(): void {
    const b = this.reserve(5);
    b.latin1Write('*-1\r\n', arena.pos);
    arena.pos += 5;
  }

  arrayLength(n: number): void {
    const s = n < INT_CACHE_SIZE ? intStrings[n]! : String(n);
    const b = this.reserve(s.length + 3);
    b[arena.pos++] = 42; // *
    this.putLatin1(b, s);
    this.crlf(b);
  }

  /** A bulk reply, or a null bulk for undefined/null. */
  bulkOrNull(s: string | null | undefined): void {
    if (s === undefined || s === null) this.nullBulk();
    else this.bulk(s);
  }

  /** An array of bulk strings. */
  bulkArray(items: readonly string[]): void {
    this.arrayLength(items.length);
    for (let i = 0; i < items.length; i++) this.bulk(items[i]!);
  }

  /** Bytes already encoded as RESP (a cached reply, a proxied answer). */
  raw(bytes: Uint8Array): void {
    const b = this.reserve(bytes.length);
    b.set(bytes, arena.pos);
    arena.pos += bytes.length;
  }

  /**
   * Bytes encoded once for several clients (a published message), queued by reference: arena
   * slices are never reused, so every receiver may hold the same slice.
   */
  shared(bytes: readonly Buffer[]): void {
    this.closeSlice();
    for (let i = 0; i < bytes.length; i++) {
      this.done.push(bytes[i]!);
      this.doneBytes += bytes[i]!.length;
    }
  }

  private putLatin1(b: Latin1Buffer, s: string): void {
    const n = s.length;
    if (n < SHORT_STRING) {
      // A call into C++ costs more than copying a few bytes here (LRANGE writes two per element).
      let pos = arena.pos;
      for (let i = 0; i < n; i++) b[pos++] = s.charCodeAt(i);
      arena.pos = pos;
    } else {
      arena.pos += b.latin1Write(s, arena.pos);
    }
  }

  private crlf(b: Buffer): void {
    // Two stores: writeUInt16LE's argument checks cost more than the write.
    const pos = arena.pos;
    b[pos] = 13;
    b[pos + 1] = 10;
    arena.pos = pos + 2;
  }

  /** Makes this writer the arena's owner with at least n free bytes, and returns the arena. */
  private reserve(n: number): Latin1Buffer {
    if (arena.owner !== this) {
      if (arena.owner !== null) arena.owner.closeSlice();
      arena.owner = this;
      this.start = arena.pos;
    }
    if (arena.buf.length - arena.pos < n) {
      this.closeSlice();
      arena.renew(n);
      arena.owner = this;
      this.start = 0;
    }
    return arena.buf;
  }

  private closeSlice(): void {
    if (arena.owner !== this) return;
    if (arena.pos > this.start) {
      this.done.push(arena.buf.subarray(this.start, arena.pos));
      this.doneBytes += arena.pos - this.start;
    }
    arena.owner = null;
  }
}
