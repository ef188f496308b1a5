import { afterAll, beforeAll, describe, it } from 'vitest';
import { Differential } from '../support/differential.js';

describe('differential smoke', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('PING, ECHO, SET and GET answer as Redis does', async () => {
    await d.check([
      ['PING'],
      ['ping', 'hello'],
      ['ECHO', 'x\r\ny'],
      ['SET', 'k', 'v\u00ff\u0000'],
      ['GET', 'k'],
      ['GET', 'missing'],
      ['get'],
      ['nosuchcommand', 'a', 'b'],
    ]);
  });
});
