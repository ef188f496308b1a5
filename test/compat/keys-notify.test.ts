// Keyspace notifications of the keys and expiry commands (del, rename_from/rename_to, copy_to,
// move_from/move_to, expire, persist, expired), compared with redis-server: a subscriber on each
// server receives the events of the same commands.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { RawClient } from '../support/raw-client.js';
import { decodeReply } from '../support/resp-reader.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The events of this family; others' (set, ...) are their tests' business. */
const EVENTS = new Set(['del', 'rename_from', 'rename_to', 'copy_to', 'move_from', 'move_to', 'expire', 'persist', 'expired']);

/** The keyspace messages of this family a subscriber has received so far, in order. */
function messages(client: RawClient): string[][] {
  const buf = client.unread;
  const out: string[][] = [];
  let pos = 0;
  let replies = 0;
  while (pos < buf.length) {
    const [reply, next] = decodeReply(buf, pos);
    pos = next;
    replies++;
    const [, , channel, payload] = reply as string[];
    const event = channel!.startsWith('__keyspace@') ? payload! : channel!.slice(channel!.indexOf('__:') + 3);
    if (EVENTS.has(event)) out.push(reply as string[]);
  }
  void client.expect(replies);
  return out;
}

describe('keyspace notifications of the keys family, differential', () => {
  let d: Differential;
  let subscribers: RawClient[];
  beforeAll(async () => {
    d = await Differential.start();
    await d.reset();
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']]);
    subscribers = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    for (const s of subscribers) await s.call('PSUBSCRIBE', '__key*__:*');
  });
  afterAll(async () => {
    for (const s of subscribers) s.close();
    await d.stop();
  });

  async function sameEvents(sorted: boolean): Promise<void> {
    await sleep(100);
    const [ours, redis] = subscribers.map(messages) as [string[][], string[][]];
    const show = (m: string[][]) => m.map((x) => JSON.stringify(x));
    if (sorted) expect(show(ours).sort()).toEqual(show(redis).sort());
    else expect(show(ours)).toEqual(show(redis));
    expect(ours.length).toBeGreaterThan(0);
  }

  it('DEL, RENAME, COPY, MOVE, EXPIRE and PERSIST publish what Redis publishes, in order', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['SET', 'b\u0000\u00ff', '1'],
      ['DEL', 'a', 'b\u0000\u00ff', 'missing'],
      ['UNLINK', 'missing'],
      ['SET', 'a', '1'],
      ['RENAME', 'a', 'b'],
      ['RENAME', 'b', 'b'],
      ['RENAMENX', 'b', 'c'],
      ['SET', 'x', '1'],
      ['RENAMENX', 'c', 'x'],
      ['COPY', 'c', 'd'],
      ['COPY', 'c', 'd'],
      ['COPY', 'c', 'd', 'REPLACE'],
      ['COPY', 'c', 'c', 'DB', '2'],
      ['MOVE', 'd', '1'],
      ['MOVE', 'd', '1'],
      ['EXPIRE', 'c', '100'],
      ['PEXPIREAT', 'c', '4102444800000', 'GT'],
      ['PEXPIREAT', 'c', '4102444800000', 'NX'],
      ['PERSIST', 'c'],
      ['PERSIST', 'c'],
      ['EXPIRE', 'c', '-1'],
      ['EXPIRE', 'missing', '10'],
    ]);
    await sameEvents(false);
  });

  it('keys that expire unread publish expired when they are removed', async () => {
    await d.checkPipeline([
      ['SET', 'e1', 'v'],
      ['SET', 'e2', 'v'],
      ['SET', 'e3', 'v'],
      ['PEXPIRE', 'e1', '10'],
      ['PEXPIRE', 'e2', '10'],
      ['PEXPIRE', 'e3', '10'],
    ]);
    await sleep(50);
    // A write finds e1 expired; the cycles of both servers remove e2 and e3 (order unspecified).
    await d.check([['DEL', 'e1']]);
    await sleep(1000);
    await d.check([['DBSIZE']]);
    await sameEvents(true);
  });
});
