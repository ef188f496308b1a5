// XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM and XSETID against a real redis-server: IDs in every
// form (explicit, `*`, `ms-*`, incomplete, beyond 2^53, odd spellings strtoull accepts), ranges
// with exclusive bounds, deletion, trimming exact and approximate (Redis's node layout, so the
// lengths after `~` agree), XINFO's counters after each, and errors word for word.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';

const U64_MAX = '18446744073709551615';

describe('stream entries against redis-server', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  it('adds with explicit IDs and reads ranges', async () => {
    await d.check([
      ['XADD', 's', '1-1', 'f', 'v'],
      ['XADD', 's', '1-2', 'f', 'v2', 'g', 'w'],
      ['XADD', 's', '2-0', 'a', '1'],
      ['XLEN', 's'],
      ['XRANGE', 's', '-', '+'],
      ['XREVRANGE', 's', '+', '-'],
      ['XRANGE', 's', '1', '1'],
      ['XRANGE', 's', '(1-1', '+'],
      ['XRANGE', 's', '-', '(2-0'],
      ['XRANGE', 's', '(1-1', '(2-0'],
      ['XREVRANGE', 's', '(2-0', '(1-1'],
      ['XREVRANGE', 's', '2', '1-2'],
      ['XRANGE', 's', '-', '+', 'COUNT', '2'],
      ['XREVRANGE', 's', '+', '-', 'COUNT', '1'],
      ['XRANGE', 's', '-', '+', 'COUNT', '0'],
      ['XRANGE', 's', '-', '+', 'COUNT', '-5'],
      ['XRANGE', 's', '-', '+', 'count', '1', 'COUNT', '3'],
      ['XRANGE', 's', '3', '+'],
      ['XRANGE', 's', '2-1', '1'],
      ['XRANGE', 'missing', '-', '+'],
      ['XRANGE', 'missing', '-', '+', 'COUNT', '0'],
      ['XLEN', 'missing'],
      ['OBJECT', 'ENCODING', 's'],
      ['TYPE', 's'],
    ]);
  });

  it('generates IDs for * and ms-*, refusing IDs at or below the top', async () => {
    await d.check([
      ['XADD', 's', '5-5', 'f', 'v'],
      ['XADD', 's', '5-*', 'f', 'v'],
      ['XADD', 's', '6-*', 'f', 'v'],
      ['XADD', 's', '6-*', 'f', 'v'],
      ['XADD', 's', '4-*', 'f', 'v'],
      ['XADD', 's', '6-1', 'f', 'v'],
      ['XADD', 's', '6', 'f', 'v'],
      ['XADD', 's', '7', 'f', 'v'],
      ['XADD', 's', '0-0', 'f', 'v'],
      ['XADD', 'n', '0-0', 'f', 'v'],
      ['EXISTS', 'n'],
      ['XADD', 'n', '0-*', 'f', 'v'],
      ['XADD', 'n', '0-*', 'f', 'v'],
      ['XRANGE', 's', '-', '+'],
      ['XADD', 'big', `${U64_MAX}-${U64_MAX}`, 'f', 'v'],
      ['XADD', 'big', '*', 'f', 'v'],
      ['XADD', 'big', `${U64_MAX}-*`, 'f', 'v'],
      ['XLEN', 'big'],
      ['XADD', 'b2', `${U64_MAX}-5`, 'f', 'v'],
      ['XADD', 'b2', `${U64_MAX}-*`, 'f', 'v'],
      ['XADD', 'b2', '9007199254740993-9007199254740993', 'f', 'v'],
      ['XADD', 'b3', '9007199254740993-9007199254740993', 'f', 'v'],
      ['XADD', 'b3', '9007199254740993-*', 'f', 'v'],
      ['XADD', 'b3', '9007199254740994', 'f', 'v'],
      ['XRANGE', 'b3', '9007199254740993', '9007199254740993'],
      ['XRANGE', 'b3', '(9007199254740993-9007199254740994', '+'],
      ['XADD', 'b4', `18446744073709551614-${U64_MAX}`, 'f', 'v'],
      ['XADD', 'b4', '*', 'f', 'v'],
      ['XRANGE', 'b4', '-', '+'],
    ]);
    // `*` IDs come from the time: compare their shape, and that they increase.
    const a = (await d.ours.call('XADD', 'auto', '*', 'f', 'v')).toString('latin1');
    const b = (await d.ours.call('XADD', 'auto', '*', 'f', 'v')).toString('latin1');
    expect(a).toMatch(/^\$\d+\r\n\d{13}-0\r\n$/);
    expect(b).toMatch(/^\$\d+\r\n\d{13}-\d+\r\n$/);
    await d.check([
      ['XADD', 'past', '99999999999999-0', 'f', 'v'],
      ['XADD', 'past', '*', 'f', 'v'],
      ['XADD', 'past', '*', 'f', 'v'],
    ]);
  });

  it('parses IDs as Redis does (string2ull, C strings, 127 bytes)', async () => {
    await d.check([['XADD', 's', '100-100', 'f', 'v']]);
    const ids = [
      '-', '+', '', '-1', '1-', '-1-1', '1--1', '1--0', '1--05', '1-+5', '+5', ' 5', '5 ', '1- 5', '00', '0005-0001', '1-2-3',
      'abc', '1-abc', '1.5', '1e3', `${U64_MAX}`, '18446744073709551616', `1-${U64_MAX}`, '1-18446744073709551616',
      '9223372036854775807', '9223372036854775808', '-0', '1-*', '*', '(', '(1', '((1', '(-', '(+', '5\x000', '1-5\x00x',
      '1'.repeat(127), `1-${'0'.repeat(125)}`, `1-${'0'.repeat(126)}`, '\t7', '\n7-\x0b3',
    ];
    const commands: string[][] = [];
    for (const id of ids) {
      commands.push(['XRANGE', 's', id, '+'], ['XRANGE', 's', '-', id], ['XREVRANGE', 's', id, '-'], ['XDEL', 's', id], ['XADD', 'x', id, 'f', 'v']);
    }
    await d.check(commands);
  });

  it('validates XADD options and arity', async () => {
    await d.check([
      ['XADD', 's'],
      ['XADD', 's', '*'],
      ['XADD', 's', '*', 'f'],
      ['XADD', 's', '*', 'f', 'v', 'g'],
      ['XADD', 's', 'MAXLEN', '*', 'f', 'v'],
      ['XADD', 's', 'MAXLEN', '1', '1-1', 'f'],
      ['XADD', 's', 'MAXLEN', 'x', '1-1', 'f', 'v'],
      ['XADD', 's', 'MAXLEN', '-1', '1-1', 'f', 'v'],
      ['XADD', 's', 'MAXLEN', '~', '-1', '1-1', 'f', 'v'],
      ['XADD', 's', 'MAXLEN', '=', '1', '1-1', 'f', 'v'],
      ['XADD', 's', 'MAXLEN', '1', 'MINID', '1', '1-2', 'f', 'v'],
      ['XADD', 's', 'MINID', '1', 'MAXLEN', '1', '1-2', 'f', 'v'],
      ['XADD', 's', 'MINID', '-', '1-2', 'f', 'v'],
      ['XADD', 's', 'MINID', 'x', '1-2', 'f', 'v'],
      ['XADD', 's', 'LIMIT', '5', '1-3', 'f', 'v'],
      ['XADD', 's', 'LIMIT', '0', '1-3', 'f', 'v'],
      ['XADD', 's', 'LIMIT', '-1', '1-3', 'f', 'v'],
      ['XADD', 's', 'LIMIT', 'x', '1-3', 'f', 'v'],
      ['XADD', 's', 'MAXLEN', '1', 'LIMIT', '5', '1-4', 'f', 'v'],
      ['XADD', 's', 'MAXLEN', '~', '1', 'LIMIT', '5', '1-4', 'f', 'v'],
      ['XADD', 's', 'NOMKSTREAM', '1-5', 'f', 'v'],
      ['XADD', 'nokey', 'NOMKSTREAM', '*', 'f', 'v'],
      ['XADD', 'nokey', 'NOMKSTREAM', 'MAXLEN', '5', '*', 'f', 'v'],
      ['EXISTS', 'nokey'],
      ['XADD', 's', 'nomkstream', 'maxlen', '~', '10', 'limit', '3', '1-6', 'f', 'v'],
      ['XADD', 's', 'MAXLEN'],
      ['XADD', 's', 'MAXLEN', '1'],
      ['XADD', 's', 'FOO', 'f', 'v'],
      ['XADD', 's', '1-7', '*', 'v'],
      ['SET', 'str', 'x'],
      ['XADD', 'str', '*', 'f', 'v'],
      ['XADD', 'str', 'NOMKSTREAM', '*', 'f', 'v'],
      ['XLEN', 'str'],
      ['XRANGE', 'str', '-', '+'],
      ['XRANGE', 'str', 'bad', '+'],
      ['XRANGE', 's', '-', '+', 'COUNT'],
      ['XRANGE', 's', '-', '+', 'COUNT', 'x'],
      ['XRANGE', 's', '-', '+', 'LIMIT', '1'],
      ['XRANGE', 's', '(' + U64_MAX + '-' + U64_MAX, '+'],
      ['XRANGE', 's', '-', '(0-0'],
      ['XRANGE', 's', '(0-0', '+'],
      ['XREVRANGE', 's', '(0', '-'],
      ['XRANGE', 's', '-'],
    ]);
  });

  it('keeps fields, values and binary data exactly', async () => {
    const bin = 'a\x00b\xff\x80\r\n';
    await d.check([
      ['XADD', 's', '1-1', bin, bin, '', ''],
      ['XADD', 's', '1-2', bin, 'other', '', 'x'],
      ['XADD', 's', '1-3', '12345', '-7', '9223372036854775808', '0'],
      ['XADD', 's', '1-4', 'f', 'x'.repeat(70), 'g', 'y'.repeat(5000)],
      ['XADD', 's', '1-5', 'f', 'v', 'f', 'dup'],
      ['XADD', 's', '1-6', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5'],
      ['XRANGE', 's', '-', '+'],
      ['XREVRANGE', 's', '+', '-', 'COUNT', '3'],
    ]);
  });

  it('deletes entries, tracking the first ID and the largest deleted one', async () => {
    const adds: string[][] = [];
    for (let i = 1; i <= 250; i++) adds.push(['XADD', 's', `${i}-1`, 'f', String(i)]);
    await d.check(adds);
    await d.check([
      ['XDEL', 's', '1-1'],
      ['XINFO', 'STREAM', 's'],
      ['XDEL', 's', '1-1', '2-1', '50-1', '999-1', '250-1'],
      ['XINFO', 'STREAM', 's'],
      ['XDEL', 's', '7-1', 'bad', '8-1'],
      ['XLEN', 's'],
      ['XRANGE', 's', '-', '+', 'COUNT', '3'],
      ['XREVRANGE', 's', '+', '-', 'COUNT', '3'],
      ['XRANGE', 's', '49', '51'],
      ['XDEL', 'missing', '1-1'],
      ['XDEL', 'missing', 'bad'],
      ['XDEL', 's', '-'],
    ]);
    // Deleting every entry of a node removes it; the stream stays, empty.
    const dels: string[][] = [];
    for (let i = 101; i <= 200; i++) dels.push(['XDEL', 's', `${i}-1`]);
    await d.check(dels);
    await d.check([['XINFO', 'STREAM', 's'], ['XRANGE', 's', '99', '202']]);
    const rest: string[][] = [['XRANGE', 's', '-', '+', 'COUNT', '1']];
    for (let i = 1; i <= 250; i++) rest.push(['XDEL', 's', `${i}-1`]);
    rest.push(['XINFO', 'STREAM', 's'], ['EXISTS', 's'], ['XLEN', 's'], ['XRANGE', 's', '-', '+'], ['XADD', 's', '250-1', 'f', 'v'], ['XADD', 's', '250-2', 'f', 'v']);
    rest.push(['XINFO', 'STREAM', 's']);
    await d.check(rest);
  });

  it('trims exactly and approximately as Redis (node layout, LIMIT, MINID)', async () => {
    const fill = (key: string, n: number, from = 1): string[][] => {
      const out: string[][] = [];
      for (let i = from; i < from + n; i++) out.push(['XADD', key, `${i}-0`, 'field', `value-${i}`]);
      return out;
    };
    await d.check(fill('s', 1000));
    await d.check([
      ['XTRIM', 's', 'MAXLEN', '~', '950'],
      ['XLEN', 's'],
      ['XTRIM', 's', 'MAXLEN', '~', '850'],
      ['XLEN', 's'],
      ['XINFO', 'STREAM', 's'],
      ['XTRIM', 's', 'MAXLEN', '~', '10', 'LIMIT', '150'],
      ['XLEN', 's'],
      ['XTRIM', 's', 'MAXLEN', '~', '10', 'LIMIT', '50'],
      ['XTRIM', 's', 'MAXLEN', '=', '555'],
      ['XLEN', 's'],
      ['XINFO', 'STREAM', 's'],
      ['XTRIM', 's', 'MAXLEN', '~', '500'],
      ['XLEN', 's'],
      ['XTRIM', 's', 'MINID', '~', '700'],
      ['XLEN', 's'],
      ['XTRIM', 's', 'MINID', '750-1'],
      ['XLEN', 's'],
      ['XRANGE', 's', '-', '+', 'COUNT', '2'],
      ['XTRIM', 's', 'MINID', '=', '1'],
      ['XTRIM', 's', 'MAXLEN', '0'],
      ['XLEN', 's'],
      ['XINFO', 'STREAM', 's'],
      ['EXISTS', 's'],
      ['XTRIM', 'missing', 'MAXLEN', '0'],
      ['XTRIM', 's'],
      ['XTRIM', 's', 'LIMIT', '5'],
      ['XTRIM', 's', 'MAXLEN', '5', 'LIMIT', '1'],
      ['XTRIM', 's', 'MAXLEN', '~', '5', 'LIMIT', '-1'],
      ['XTRIM', 's', 'MAXLEN', '5', 'MINID', '5'],
      ['XTRIM', 's', 'MAXLEN', '5', 'FOO'],
      ['XTRIM', 's', 'NOMKSTREAM', 'MAXLEN', '5'],
      ['XTRIM', 's', '*', 'MAXLEN', '5'],
      ['XTRIM', 's', 'MAXLEN', 'x'],
      ['XTRIM', 's', 'MINID', '+'],
      ['SET', 'str', 'x'],
      ['XTRIM', 'str', 'MAXLEN', '1'],
    ]);
    // XADD's own trimming, with deleted entries inside nodes (they count towards a node's size).
    await d.check(fill('t', 300));
    const mixed: string[][] = [];
    for (let i = 3; i <= 300; i += 7) mixed.push(['XDEL', 't', `${i}-0`]);
    mixed.push(['XADD', 't', 'MAXLEN', '~', '200', '301-0', 'field', 'v'], ['XLEN', 't'], ['XINFO', 'STREAM', 't']);
    mixed.push(['XADD', 't', 'MAXLEN', '150', '302-0', 'field', 'v'], ['XLEN', 't'], ['XINFO', 'STREAM', 't']);
    mixed.push(['XADD', 't', 'MINID', '~', '250', '303-0', 'field', 'v'], ['XLEN', 't'], ['XINFO', 'STREAM', 't']);
    mixed.push(['XADD', 't', 'MINID', '260', 'LIMIT', '0', '304-0', 'field', 'v'], ['XINFO', 'STREAM', 't']);
    await d.check(mixed);
  });

  it('starts nodes where Redis does: by entries and by listpack bytes, with both settings', async () => {
    const configs: Array<[string, string]> = [
      ['100', '4096'],
      ['7', '4096'],
      ['0', '300'],
      ['1000', '0'],
      ['3', '1'],
      ['200', '4096'],
    ];
    for (const [entries, bytes] of configs) {
      await d.reset();
      await d.check([
        ['CONFIG', 'SET', 'stream-node-max-entries', entries],
        ['CONFIG', 'SET', 'stream-node-max-bytes', bytes],
      ]);
      const cmds: string[][] = [];
      for (let i = 1; i <= 400; i++) {
        const fields = i % 5 === 0 ? ['other', 'x'.repeat(i % 90)] : ['field', String(i * 37), 'n', String(-i * 1000)];
        cmds.push(['XADD', 's', `${i * 1000}-${i % 3}`, ...fields]);
        if (i % 50 === 0) cmds.push(['XINFO', 'STREAM', 's']);
      }
      cmds.push(['XDEL', 's', '5000-2', '6000-0'], ['XTRIM', 's', 'MAXLEN', '~', '333'], ['XLEN', 's'], ['XINFO', 'STREAM', 's']);
      cmds.push(['XTRIM', 's', 'MINID', '~', '200000'], ['XLEN', 's'], ['XINFO', 'STREAM', 's']);
      cmds.push(['XTRIM', 's', 'MAXLEN', '~', '0'], ['XLEN', 's'], ['XINFO', 'STREAM', 's']);
      await d.check(cmds);
    }
    await d.check([
      ['CONFIG', 'SET', 'stream-node-max-entries', '100'],
      ['CONFIG', 'SET', 'stream-node-max-bytes', '4096'],
    ]);
  });

  it('copies, renames and expires streams like other keys', async () => {
    await d.check([
      ['XADD', 's', '1-1', 'f', 'v'],
      ['XADD', 's', '2-1', 'f', 'v', 'g', 'w'],
      ['XDEL', 's', '1-1'],
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
      ['COPY', 's', 'copy'],
      ['XADD', 's', '3-1', 'f', 'v'],
      ['XACK', 's', 'g', '2-1'],
      ['XRANGE', 'copy', '-', '+'],
      ['XINFO', 'STREAM', 'copy'],
      ['XINFO', 'GROUPS', 'copy'],
      ['XPENDING', 'copy', 'g'],
      ['XADD', 'copy', '2-5', 'f', 'v'],
      ['XINFO', 'STREAM', 's'],
      ['RENAME', 'copy', 'renamed'],
      ['TYPE', 'renamed'],
      ['XLEN', 'renamed'],
      ['PEXPIRE', 's', '100000'],
      ['XADD', 's', '4-1', 'f', 'v'],
      ['TTL', 's'],
      ['PEXPIRE', 's', '1'],
    ]);
    await d.check([['SCAN', '0', 'TYPE', 'stream']], { sorted: true });
    await new Promise((r) => setTimeout(r, 20));
    await d.check([['XLEN', 's'], ['XRANGE', 's', '-', '+'], ['XADD', 's', '1-1', 'f', 'v'], ['XINFO', 'STREAM', 's'], ['TTL', 's']]);
  });

  it('sets the last ID and counters with XSETID', async () => {
    await d.check([
      ['XSETID', 'missing', '1-1'],
      ['XADD', 's', '5-5', 'f', 'v'],
      ['XADD', 's', '6-0', 'f', 'v'],
      ['XSETID', 's', '5-9'],
      ['XSETID', 's', '6-0'],
      ['XINFO', 'STREAM', 's'],
      ['XSETID', 's', '10-0'],
      ['XADD', 's', '11-0', 'f', 'v'],
      ['XADD', 's', '10-0', 'f', 'v'],
      ['XADD', 's', '10-*', 'f', 'v'],
      ['XSETID', 's', '20-0', 'ENTRIESADDED', '1'],
      ['XSETID', 's', '20-0', 'ENTRIESADDED', '100', 'MAXDELETEDID', '15-0'],
      ['XINFO', 'STREAM', 's'],
      ['XSETID', 's', '20-0', 'MAXDELETEDID', '25-0'],
      ['XSETID', 's', '14-0'],
      ['XSETID', 's', '20-0', 'ENTRIESADDED', '-1'],
      ['XSETID', 's', '20-0', 'ENTRIESADDED', 'x'],
      ['XSETID', 's', '20-0', 'MAXDELETEDID', 'x'],
      ['XSETID', 's', '20-0', 'FOO', '1'],
      ['XSETID', 's', '20-0', 'ENTRIESADDED'],
      ['XSETID', 's', '+'],
      ['XSETID', 's', 'bad'],
      ['XSETID', 's', '$'],
      ['XDEL', 's', '5-5', '6-0', '10-1'],
      ['XINFO', 'STREAM', 's'],
      ['XSETID', 's', '0-1'],
      ['XSETID', 's', `${U64_MAX}-${U64_MAX}`],
      ['XADD', 's', '*', 'f', 'v'],
      ['XADD', 's', `${U64_MAX}-*`, 'f', 'v'],
      ['XINFO', 'STREAM', 's'],
      ['SET', 'str', 'x'],
      ['XSETID', 'str', '1-1'],
      ['XGROUP', 'CREATE', 'e', 'g', '$', 'MKSTREAM'],
      ['XSETID', 'e', '0-0'],
      ['XSETID', 'e', '3-3', 'ENTRIESADDED', '0', 'MAXDELETEDID', '3-3'],
      ['XINFO', 'STREAM', 'e'],
      ['XSETID', 'e', '4-0', 'ENTRIESADDED', '9007199254740993'],
      ['XADD', 'e', '5-0', 'f', 'v'],
      ['XINFO', 'STREAM', 'e'],
      ['XGROUP', 'CREATE', 'e', 'big', '0', 'ENTRIESREAD', '9007199254740990'],
      ['XGROUP', 'CREATE', 'e', 'max', '5-0', 'ENTRIESREAD', '9223372036854775807'],
      ['XINFO', 'GROUPS', 'e'],
      ['XREADGROUP', 'GROUP', 'big', 'c', 'STREAMS', 'e', '>'],
      ['XINFO', 'GROUPS', 'e'],
      ['XSETID', 'e', '6-0', 'ENTRIESADDED', '9223372036854775807'],
      ['XINFO', 'STREAM', 'e'],
      ['XINFO', 'GROUPS', 'e'],
      ['XSETID', 'e', '6-0', 'ENTRIESADDED', '9223372036854775808'],
    ]);
  });
});
