import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { useNodeFastPaths } from '../node/fast-paths.js';
import { requestHeader } from './headers.js';
import { hostRequestReader } from './host-request.js';

// On a Node port the raw header list is read (the Node host's fast path): installed as the Node host does.
useNodeFastPaths();

const NAMES = ['authorization', 'content-type', 'if-match', 'if-none-match', 'x-http-method-override', 'if-modified-since', 'absent'];

/** What `requestHeader` and Hono's `c.req.header` read of each name, for one request sent with `headers`. */
async function bothReadings(headers: Record<string, string | string[]>): Promise<{ ours: unknown[]; hono: unknown[] }> {
  const app = new Hono();
  app.get('/', (c) => {
    if (hostRequestReader()?.rawHeaders(c.env) === undefined) throw new Error('the raw header list was not at hand: the fast path is not what this test reads');
    return c.json({ ours: NAMES.map((name) => requestHeader(c, name) ?? null), hono: NAMES.map((name) => c.req.header(name) ?? null) });
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(JSON.parse(body) as { ours: unknown[]; hono: unknown[] }));
      })
        .on('error', reject)
        .end();
    });
  } finally {
    server.close();
  }
}

describe('requestHeader', () => {
  it('reads a header from Node\'s raw headers as Hono does: any case, trimmed, repeats joined with ", "', async () => {
    const { ours, hono } = await bothReadings({
      AUTHORIZATION: 'Bearer t1',
      'Content-Type': '  application/json ',
      'If-Match': ['"a"', ' "b"'],
      'if-none-match': '"c"',
      'X-Http-Method-Override': 'patch',
      'If-Modified-Since': ['Fri, 08 May 2020 17:41:58 GMT', 'Sat, 09 May 2020 17:41:58 GMT'],
    });
    expect(ours).toEqual(hono);
    expect(ours).toEqual(['Bearer t1', 'application/json', '"a", "b"', '"c"', 'patch', 'Fri, 08 May 2020 17:41:58 GMT, Sat, 09 May 2020 17:41:58 GMT', null]);
  });

  it('answers as Hono in-process, where there is no Node request', async () => {
    const app = new Hono();
    app.get('/', (c) => c.text(String(requestHeader(c, 'if-match'))));
    const res = await app.request('/', { headers: { 'If-Match': '"x"' } });
    expect(await res.text()).toBe('"x"');
  });
});
