// Consumer groups against a real redis-server: XGROUP and its subcommands, XREADGROUP (new
// entries, history, NOACK, several streams), XACK, XPENDING, XCLAIM, XAUTOCLAIM and XINFO, with
// Redis 7.0's read counters and lag. Delivery times are fixed with XCLAIM ... TIME where the
// output shows them; idle and seen times are compared within a tolerance.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { consumerInfos, decode, fullStreamInfo, pendingRows, timedDifference, type TimedFields } from '../support/timed-replies.js';

const TOLERANCE_MS = 1500;

describe('stream consumer groups against redis-server', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  /** Sends each command to both servers; replies must agree, times within the tolerance. */
  async function checkTimed(commands: string[][], fields: TimedFields): Promise<void> {
    for (const c of commands) {
      const [a, b] = await Promise.all([d.ours.call(...c), d.redis.call(...c)]);
      const diff = timedDifference(fields(decode(a)), fields(decode(b)), TOLERANCE_MS);
      expect(diff, `${c.join(' ')}\n  ours:  ${a.toString('latin1')}\n  redis: ${b.toString('latin1')}`).toBeNull();
    }
  }

  function entries(key: string, from: number, to: number): string[][] {
    const out: string[][] = [];
    for (let i = from; i <= to; i++) out.push(['XADD', key, `${i}-0`, 'n', String(i)]);
    return out;
  }

  it('creates, sets, destroys groups and consumers, with Redis errors', async () => {
    await d.check([
      ['XGROUP', 'CREATE', 's', 'g', '$'],
      ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
      ['XINFO', 'STREAM', 's'],
      ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
      ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', '5'],
      ['XGROUP', 'CREATE', 's', 'g3', '-'],
      ['XGROUP', 'CREATE', 's', 'g3', '+'],
      ['XGROUP', 'CREATE', 's', 'g3', 'bad'],
      ['XGROUP', 'CREATE', 's', 'g3', '0', 'ENTRIESREAD', '-2'],
      ['XGROUP', 'CREATE', 's', 'g3', '0', 'ENTRIESREAD', '-1'],
      ['XGROUP', 'CREATE', 's', 'g4', '0', 'ENTRIESREAD', 'x'],
      ['XGROUP', 'CREATE', 's', 'g4', '0', 'ENTRIESREAD'],
      ['XGROUP', 'CREATE', 's', 'g4', '0', 'FOO'],
      ['XGROUP', 'CREATE', 's', 'g4', '0', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM'],
      ['XGROUP', 'CREATE', 'nokey', 'g4', '0', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM'],
      ['EXISTS', 'nokey'],
      ['XGROUP', 'create', 's', 'g5', '3-3', 'mkstream', 'entriesread', '0'],
      ['XGROUP', 'CREATE', 's', 'g6'],
      ['XINFO', 'GROUPS', 's'],
      ['XGROUP', 'SETID', 's', 'g', '5-5'],
      ['XGROUP', 'SETID', 's', 'g', '$', 'ENTRIESREAD', '3'],
      ['XGROUP', 'SETID', 's', 'g', '-'],
      ['XGROUP', 'SETID', 's', 'g2', '+'],
      ['XGROUP', 'SETID', 's', 'g2', '1', 'ENTRIESREAD'],
      ['XGROUP', 'SETID', 's', 'g2', '1', 'MKSTREAM'],
      ['XGROUP', 'SETID', 's', 'nog', '1'],
      ['XGROUP', 'SETID', 'nokey2', 'g', '1'],
      ['XGROUP', 'SETID', 's', 'g', 'bad'],
      ['XINFO', 'GROUPS', 's'],
      ['XGROUP', 'CREATECONSUMER', 's', 'g', 'alice'],
      ['XGROUP', 'CREATECONSUMER', 's', 'g', 'alice'],
      ['XGROUP', 'CREATECONSUMER', 's', 'g', 'bob'],
      ['XGROUP', 'CREATECONSUMER', 's', 'nog', 'bob'],
      ['XGROUP', 'CREATECONSUMER', 'nokey2', 'g', 'bob'],
      ['XGROUP', 'CREATECONSUMER', 's', 'g'],
      ['XGROUP', 'DELCONSUMER', 's', 'g', 'alice'],
      ['XGROUP', 'DELCONSUMER', 's', 'g', 'alice'],
      ['XGROUP', 'DELCONSUMER', 's', 'nog', 'alice'],
      ['XGROUP', 'DESTROY', 's', 'g'],
      ['XGROUP', 'DESTROY', 's', 'g'],
      ['XGROUP', 'DESTROY', 'nokey2', 'g'],
      ['XGROUP', 'DESTROY', 's', 'g', 'x'],
      ['XGROUP', 'HELP'],
      ['XGROUP', 'help'],
      ['XGROUP', 'HELP', 'x'],
      ['XGROUP', 'NOPE', 's', 'g'],
      ['XGROUP'],
      ['SET', 'str', 'x'],
      ['XGROUP', 'CREATE', 'str', 'g', '$'],
      ['XGROUP', 'CREATE', 'str', 'g', '$', 'MKSTREAM'],
      ['XGROUP', 'DESTROY', 'str', 'g'],
      ['XINFO', 'GROUPS', 's'],
    ]);
  });

  it('delivers new entries with XREADGROUP and serves each consumer its history', async () => {
    await d.check(entries('s', 1, 12));
    await d.check([
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '3', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '2', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '1', 'STREAMS', 's', '1-0'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '4'],
      ['XREADGROUP', 'GROUP', 'g', 'carol', 'STREAMS', 's', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'carol', 'NOACK', 'COUNT', '2', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'carol', 'STREAMS', 's', '0'],
      ['XDEL', 's', '2-0'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '0'],
      ['XPENDING', 's', 'g'],
      ['XINFO', 'GROUPS', 's'],
      ['XREADGROUP', 'GROUP', 'g', 'dave', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'dave', 'STREAMS', 's', '>'],
      ['XINFO', 'GROUPS', 's'],
      ['XPENDING', 's', 'g'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '18446744073709551615-18446744073709551615'],
      ['XADD', 's', '13-0', 'n', '13'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '18446744073709551615-18446744073709551615'],
    ]);
  });

  it('reads several streams and the same stream twice', async () => {
    await d.check([...entries('a', 1, 5), ...entries('b', 1, 3)]);
    await d.check([
      ['XGROUP', 'CREATE', 'a', 'g', '0'],
      ['XGROUP', 'CREATE', 'b', 'g', '$'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '>', '>'],
      ['XADD', 'b', '4-0', 'n', '4'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'b', 'a', '>', '0'],
      ['XGROUP', 'SETID', 'a', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '2', 'STREAMS', 'a', 'a', '>', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '2', 'STREAMS', 'a', 'a', '0', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'a', '>', '>'],
      ['XREAD', 'STREAMS', 'a', 'b', '0', '0'],
      ['XREAD', 'COUNT', '2', 'STREAMS', 'a', 'b', 'nokey', '3', '$', '0'],
      ['XREAD', 'STREAMS', 'a', 'a', '0', '4'],
      ['XREAD', 'STREAMS', 'a', '5'],
      ['XREAD', 'COUNT', '0', 'STREAMS', 'a', '4'],
      ['XREAD', 'COUNT', '-3', 'STREAMS', 'a', '4'],
      ['XREAD', 'BLOCK', '0', 'STREAMS', 'a', '3'],
      ['XREAD', 'STREAMS', 'nokey', '0'],
    ]);
  });

  it('answers XREAD and XREADGROUP errors as Redis 7.0', async () => {
    await d.check([
      ['XADD', 's', '1-0', 'f', 'v'],
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['SET', 'str', 'x'],
      ['XREAD', 'STREAMS', 's'],
      ['XREAD', 'STREAMS', 's', 's', '0'],
      ['XREAD', 'COUNT', '1', 'STREAMS', 's'],
      ['XREAD', 'COUNT', 'x', 'STREAMS', 's', '0'],
      ['XREAD', 'BLOCK', 'x', 'STREAMS', 's', '0'],
      ['XREAD', 'BLOCK', '-1', 'STREAMS', 's', '0'],
      ['XREAD', 'BLOCK', '1.5', 'STREAMS', 's', '0'],
      ['XREAD', 'FOO', 'STREAMS', 's', '0'],
      ['XREAD', 'GROUP', 'g', 'c', 'STREAMS', 's', '0'],
      ['XREAD', 'NOACK', 'STREAMS', 's', '0'],
      ['XREAD', 'STREAMS', 's', '>'],
      ['XREAD', 'STREAMS', 's', 'bad'],
      ['XREAD', 'STREAMS', 's', '-'],
      ['XREAD', 'STREAMS', 'str', '0'],
      ['XREAD', 'STREAMS', 's', 'str', '0', 'bad'],
      ['XREAD', 'COUNT', '1', 'BLOCK'],
      ['XREAD', 'COUNT', '1', 'STREAMS'],
      ['XREAD', 'COUNT'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', 's', '>'],
      ['XREADGROUP', 'STREAMS', 's', 's', '>', '>'],
      ['XREADGROUP', 'COUNT', '1', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '$'],
      ['XREADGROUP', 'GROUP', 'nog', 'c', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'nokey', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'str', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', 'bad'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', 'nokey', '>', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', 'x', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'FOO', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g\x00x', 'c', 'STREAMS', 'k\x00y', '>'],
      ['XINFO', 'CONSUMERS', 's', 'g'],
    ]);
  });

  it('keeps the read counter and lag of Redis 7.0 through deletes, trims and SETID', async () => {
    await d.check(entries('s', 1, 10));
    await d.check([
      ['XGROUP', 'CREATE', 's', 'a', '0'],
      ['XGROUP', 'CREATE', 's', 'b', '$'],
      ['XGROUP', 'CREATE', 's', 'c', '5-0'],
      ['XGROUP', 'CREATE', 's', 'd', '0', 'ENTRIESREAD', '0'],
      ['XINFO', 'GROUPS', 's'],
      ['XREADGROUP', 'GROUP', 'a', 'x', 'COUNT', '4', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'c', 'x', 'COUNT', '1', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'd', 'x', 'COUNT', '2', 'STREAMS', 's', '>'],
      ['XINFO', 'GROUPS', 's'],
      ['XDEL', 's', '8-0'],
      ['XINFO', 'GROUPS', 's'],
      ['XREADGROUP', 'GROUP', 'a', 'x', 'COUNT', '2', 'STREAMS', 's', '>'],
      ['XINFO', 'GROUPS', 's'],
      ['XREADGROUP', 'GROUP', 'a', 'x', 'STREAMS', 's', '>'],
      ['XINFO', 'GROUPS', 's'],
      ['XDEL', 's', '1-0'],
      ['XINFO', 'GROUPS', 's'],
      ['XTRIM', 's', 'MAXLEN', '3'],
      ['XINFO', 'GROUPS', 's'],
      ['XADD', 's', '11-0', 'n', '11'],
      ['XINFO', 'GROUPS', 's'],
      ['XGROUP', 'SETID', 's', 'b', '0'],
      ['XINFO', 'GROUPS', 's'],
      ['XGROUP', 'SETID', 's', 'b', '9-0', 'ENTRIESREAD', '9'],
      ['XINFO', 'GROUPS', 's'],
      ['XREADGROUP', 'GROUP', 'b', 'x', 'STREAMS', 's', '>'],
      ['XINFO', 'GROUPS', 's'],
      ['XSETID', 's', '20-0', 'ENTRIESADDED', '30'],
      ['XINFO', 'GROUPS', 's'],
      ['XGROUP', 'SETID', 's', 'c', '$'],
      ['XINFO', 'GROUPS', 's'],
      ['XGROUP', 'SETID', 's', 'c', '100-0'],
      ['XINFO', 'GROUPS', 's'],
      ['XTRIM', 's', 'MAXLEN', '0'],
      ['XINFO', 'GROUPS', 's'],
      ['XINFO', 'STREAM', 's'],
    ]);
  });

  it('acknowledges with XACK, all or nothing', async () => {
    await d.check(entries('s', 1, 6));
    await d.check([
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
      ['XACK', 's', 'g', '1-0', '2', '2-0', '99-0'],
      ['XACK', 's', 'g', '3-0', 'bad'],
      ['XACK', 's', 'g', '3-0', '-'],
      ['XPENDING', 's', 'g'],
      ['XACK', 's', 'nog', '3-0'],
      ['XACK', 'nokey', 'g', 'bad'],
      ['XACK', 's', 'nog', 'bad'],
      ['SET', 'str', 'x'],
      ['XACK', 'str', 'g', '1-0'],
      ['XACK', 's', 'g', '3-0', '4-0', '5-0', '6-0'],
      ['XPENDING', 's', 'g'],
    ]);
    await checkTimed([['XINFO', 'CONSUMERS', 's', 'g']], consumerInfos);
  });

  it('lists pending entries with XPENDING', async () => {
    await d.check(entries('s', 1, 8));
    await d.check([
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['XPENDING', 's', 'g'],
      ['XPENDING', 's', 'g', '-', '+', '10'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '3', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '3', 'STREAMS', 's', '>'],
      ['XPENDING', 's', 'g'],
      ['XPENDING', 's', 'g', '-', '+', '0'],
      ['XPENDING', 's', 'g', '-', '+', '-1'],
      ['XPENDING', 's', 'g', '-', '+', '5', 'nobody'],
      ['XPENDING', 's', 'g', 'x', '+', '5'],
      ['XPENDING', 's', 'g', '-', 'x', '5'],
      ['XPENDING', 's', 'g', '-', '+', 'x'],
      ['XPENDING', 's', 'g', 'IDLE', 'x', '-', '+', '5'],
      ['XPENDING', 's', 'g', 'IDLE', '10', '-', '+'],
      ['XPENDING', 's', 'g', '-', '+'],
      ['XPENDING', 's', 'g', '-'],
      ['XPENDING', 's', 'g', '-', '+', '1', 'a', 'b', 'c', 'd'],
      ['XPENDING', 's', 'g', '(' + '18446744073709551615-18446744073709551615', '+', '5'],
      ['XPENDING', 's', 'g', '-', '(0-0', '5'],
      ['XPENDING', 's', 'nog'],
      ['XPENDING', 'nokey', 'g'],
      ['XPENDING', 'nokey', 'g', 'x', '+', '5'],
      ['SET', 'str', 'x'],
      ['XPENDING', 'str', 'g'],
      ['XPENDING', 's', 'g', 'IDLE', '999999999', '-', '+', '5'],
    ]);
    await checkTimed(
      [
        ['XPENDING', 's', 'g', '-', '+', '10'],
        ['XPENDING', 's', 'g', '(1-0', '(6-0', '10'],
        ['XPENDING', 's', 'g', '2', '5', '2'],
        ['XPENDING', 's', 'g', '-', '+', '10', 'alice'],
        ['XPENDING', 's', 'g', 'IDLE', '0', '-', '+', '10', 'bob'],
        ['XPENDING', 's', 'g', 'idle', '-5', '-', '+', '10'],
      ],
      pendingRows,
    );
  });

  it('claims with XCLAIM: TIME, IDLE, RETRYCOUNT, FORCE, JUSTID, LASTID, deleted entries', async () => {
    await d.check(entries('s', 1, 8));
    await d.check([
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '5', 'STREAMS', 's', '>'],
      ['XCLAIM', 's', 'g', 'alice', '0', '1-0', '2-0', 'TIME', '1000000000000'],
      ['XCLAIM', 's', 'g', 'alice', '0', '3-0', 'TIME', '1000000000001', 'RETRYCOUNT', '7', 'JUSTID'],
      ['XCLAIM', 's', 'g', 'carol', '3600000', '1-0', '4-0', 'JUSTID'],
      ['XCLAIM', 's', 'g', 'carol', '0', '6-0', '7-0', 'JUSTID'],
      ['XCLAIM', 's', 'g', 'carol', '0', '6-0', '7-0', 'FORCE', 'JUSTID', 'TIME', '1000000000002'],
      ['XCLAIM', 's', 'g', 'carol', '0', '99-0', 'FORCE'],
      ['XDEL', 's', '2-0'],
      ['XCLAIM', 's', 'g', 'carol', '0', '2-0', '3-0', 'TIME', '1000000000003'],
      ['XPENDING', 's', 'g'],
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'LASTID', '7-0', 'JUSTID', 'TIME', '1000000000004'],
      ['XINFO', 'GROUPS', 's'],
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'LASTID', '1-0', 'JUSTID', 'TIME', '1000000000004'],
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'TIME', '-5', 'JUSTID'],
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'TIME', '1000000000005', 'RETRYCOUNT', '9007199254740993', 'JUSTID'],
    ]);
    // Delivery counts past 2^53 stay exact (idle times compared within the tolerance).
    await checkTimed([['XPENDING', 's', 'g', 'IDLE', '0', '5-0', '5-0', '1']], pendingRows);
    await d.check([
      ['XREADGROUP', 'GROUP', 'g', 'dave', 'STREAMS', 's', '5'],
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'TIME', '1000000000005', 'JUSTID'],
    ]);
    await checkTimed([['XINFO', 'STREAM', 's', 'FULL']], fullStreamInfo);
    await d.check([
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'TIME', '1000000000005', 'RETRYCOUNT', '9223372036854775807', 'IDLE', '9223372036854775807', 'JUSTID'],
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'TIME', '1000000000005', 'RETRYCOUNT', '1', 'JUSTID'],
      ['XCLAIM', 's', 'g', 'dave', '0', '5-0', 'TIME', '99999999999999999', 'JUSTID'],
      ['XCLAIM', 's', 'g', 'erin', '-10', '5-0', 'IDLE', '99999999999999', 'JUSTID'],
      ['XPENDING', 's', 'g'],
      ['XCLAIM', 's', 'g', 'x', 'bad', '1-0'],
      ['XCLAIM', 's', 'g', 'x', '0', '1-0', 'FOO'],
      ['XCLAIM', 's', 'g', 'x', '0', '1-0', 'IDLE'],
      ['XCLAIM', 's', 'g', 'x', '0', '1-0', 'IDLE', 'x'],
      ['XCLAIM', 's', 'g', 'x', '0', '1-0', 'TIME', 'x'],
      ['XCLAIM', 's', 'g', 'x', '0', '1-0', 'RETRYCOUNT', 'x'],
      ['XCLAIM', 's', 'g', 'x', '0', '1-0', 'LASTID', 'bad'],
      ['XCLAIM', 's', 'g', 'x', '0', 'bad', '1-0'],
      ['XCLAIM', 's', 'g', 'x', '0', '1-0', 'bad', 'JUSTID'],
      ['XCLAIM', 's', 'nog', 'x', 'bad', '1-0'],
      ['XCLAIM', 'nokey', 'g', 'x', '0', '1-0'],
      ['SET', 'str', 'x'],
      ['XCLAIM', 'str', 'g', 'x', '0', '1-0'],
      ['XINFO', 'CONSUMERS', 's', 'nog'],
    ]);
    await checkTimed([['XINFO', 'STREAM', 's', 'FULL'], ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '0']], fullStreamInfo);
    await checkTimed([['XINFO', 'CONSUMERS', 's', 'g']], consumerInfos);
    await checkTimed(
      [
        ['XCLAIM', 's', 'g', 'frank', '0', '1-0', '3-0', 'IDLE', '5000', 'JUSTID'],
        ['XPENDING', 's', 'g', '-', '+', '10'],
        ['XPENDING', 's', 'g', 'IDLE', '4000', '-', '+', '10'],
      ],
      pendingRows,
    );
  });

  it('claims with XAUTOCLAIM: cursor, COUNT, JUSTID and the deleted entries', async () => {
    await d.check(entries('s', 1, 12));
    await d.check([
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '>'],
      ['XAUTOCLAIM', 's', 'g', 'alice', '3600000', '0'],
      ['XAUTOCLAIM', 's', 'g', 'alice', '0', '0', 'COUNT', '3'],
      ['XAUTOCLAIM', 's', 'g', 'alice', '0', '4-0', 'COUNT', '3', 'JUSTID'],
      ['XAUTOCLAIM', 's', 'g', 'alice', '0', '(6-0', 'COUNT', '2', 'JUSTID'],
      ['XDEL', 's', '9-0', '10-0', '11-0'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '9-0', 'COUNT', '1'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '9-0', 'COUNT', '2'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '100', 'JUSTID'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '12-0'],
      ['XPENDING', 's', 'g'],
      ['XAUTOCLAIM', 's', 'g', 'carol', 'x', '0'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', 'bad'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '(18446744073709551615-18446744073709551615'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '0'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '-1'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '2199023255552', 'JUSTID'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '100000000000000', 'JUSTID'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '576460752303423487', 'JUSTID'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '576460752303423488'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT'],
      ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'FOO'],
      ['XAUTOCLAIM', 's', 'nog', 'carol', '0', '0'],
      ['XAUTOCLAIM', 'nokey', 'g', 'carol', 'x', '0'],
      ['XAUTOCLAIM', 'nokey', 'g', 'carol', '0', '0'],
      ['SET', 'str', 'x'],
      ['XAUTOCLAIM', 'str', 'g', 'carol', '0', '0'],
      ['XINFO', 'GROUPS', 's'],
    ]);
    // Deleted entries count towards COUNT.
    await d.check([
      ['XADD', 't', '1-0', 'f', 'v'],
      ['XADD', 't', '2-0', 'f', 'v'],
      ['XADD', 't', '3-0', 'f', 'v'],
      ['XGROUP', 'CREATE', 't', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 't', '>'],
      ['XDEL', 't', '1-0'],
      ['XAUTOCLAIM', 't', 'g', 'alice', '0', '0', 'COUNT', '1'],
      ['XAUTOCLAIM', 't', 'g', 'alice', '0', '0', 'COUNT', '1'],
    ]);
  });

  it('describes streams, groups and consumers with XINFO', async () => {
    await d.check([
      ['XINFO', 'STREAM', 'nokey'],
      ['XINFO', 'GROUPS', 'nokey'],
      ['XINFO', 'CONSUMERS', 'nokey', 'g'],
      ['SET', 'str', 'x'],
      ['XINFO', 'STREAM', 'str'],
      ['XINFO', 'HELP'],
      ['XINFO', 'help', 'x'],
      ['XINFO', 'NOPE', 's'],
      ['XINFO'],
      ['XINFO', 'STREAM'],
      ['XADD', 's', '1-0', 'a', '1'],
      ['XINFO', 'STREAM', 's', 'FULL', 'COUNT'],
      ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', 'x'],
      ['XINFO', 'STREAM', 's', 'FULL', 'LIMIT', '1'],
      ['XINFO', 'STREAM', 's', 'PARTIAL'],
      ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '1', 'x'],
      ['XINFO', 'GROUPS', 's', 'x'],
      ['XINFO', 'CONSUMERS', 's'],
    ]);
    await d.check(entries('s', 2, 30));
    await d.check([
      ['XINFO', 'STREAM', 's'],
      ['XINFO', 'STREAM', 's', 'FULL'],
      ['XINFO', 'STREAM', 's', 'full', 'count', '3'],
      ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '0'],
      ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '-1'],
      ['XGROUP', 'CREATE', 's', 'zeta', '0'],
      ['XGROUP', 'CREATE', 's', 'alpha', '$'],
      ['XGROUP', 'CREATE', 's', 'Beta', '10'],
      ['XINFO', 'GROUPS', 's'],
      ['XINFO', 'STREAM', 's'],
    ]);
    await d.check([
      ['XREADGROUP', 'GROUP', 'zeta', 'c2', 'COUNT', '12', 'STREAMS', 's', '>'],
      ['XCLAIM', 's', 'zeta', 'c1', '0', '1-0', '2-0', '3-0', 'TIME', '1500000000000', 'JUSTID'],
      ['XCLAIM', 's', 'zeta', 'c2', '0', '4-0', '5-0', '6-0', '7-0', '8-0', '9-0', '10-0', '11-0', '12-0', 'TIME', '1500000000001', 'JUSTID'],
    ]);
    await checkTimed(
      [
        ['XINFO', 'STREAM', 's', 'FULL'],
        ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '2'],
        ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '0'],
      ],
      fullStreamInfo,
    );
    await checkTimed([['XINFO', 'CONSUMERS', 's', 'zeta'], ['XINFO', 'CONSUMERS', 's', 'alpha']], consumerInfos);
  });
});
