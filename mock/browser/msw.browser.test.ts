// The browser bundle in real Chromium: a page on 127.0.0.1 registers MSW's worker with the mock's
// handlers and calls the API with its own fetch; no server answers the API's host.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, readmeScreenshot } from '../test-support/browser.js';
import type { TestBrowser } from '../test-support/browser.js';

interface Step {
  name: string;
  status: number | string;
  etag: string | null;
  body: Record<string, unknown> & { _id?: string; _items?: unknown[]; status?: { state: string; agentURL?: string } };
}

/** The bundle as the build made it (`npm test` builds first), MSW's worker script from the msw package, and the test page. */
const files: Record<string, () => string> = {
  '/': () => readFileSync(new URL('./test-page/index.html', import.meta.url), 'utf8'),
  '/steps.js': () => readFileSync(new URL('./test-page/steps.js', import.meta.url), 'utf8'),
  '/kubeclusters-mock.js': () => readFileSync(new URL('../../dist/browser/kubeclusters-mock.js', import.meta.url), 'utf8'),
  '/mockServiceWorker.js': () => readFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), 'utf8'),
};

const server = createServer((request, response) => {
  const file = files[request.url ?? ''];
  if (!file) return void response.writeHead(404).end();
  const type = request.url === '/' ? 'text/html' : 'text/javascript';
  response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(file());
});
let chromium: TestBrowser;
let origin: string;

beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  chromium = await launchBrowser();
}, 660_000);
afterAll(async () => {
  await chromium?.close();
  await new Promise((closed) => server.close(closed));
});

describe('the browser bundle in Chromium', { timeout: 60_000 }, () => {
  it('MSW-BROWSER-1 the page creates, lists, PATCHes (412 stale, 200 right), fetches the agent URL, and reads the cluster ACTIVE after the clock moves', async () => {
    const { page, errors } = await openPage(chromium.browser, 'msw-browser');
    const offPage: string[] = [];
    // Answers from the network: the page's own files only; every API answer comes from the Service Worker.
    const fromWorker: string[] = [];
    page.on('response', (response) => {
      if (response.fromServiceWorker()) fromWorker.push(response.url());
      else if (!response.url().startsWith(origin)) offPage.push(response.url());
    });
    await page.goto(origin);
    await page.waitForFunction(() => (window as unknown as { stepsDone?: boolean; stepsError?: string }).stepsDone || (window as unknown as { stepsError?: string }).stepsError);
    expect(await page.evaluate(() => (window as unknown as { stepsError?: string }).stepsError)).toBeUndefined();
    const steps = await page.evaluate(() => (window as unknown as { steps: Step[] }).steps);
    const [created, listed, stale, read, patched, agent, manifest, pending, , active] = steps as [Step, Step, Step, Step, Step, Step, Step, Step, Step, Step];
    expect(created).toMatchObject({ status: 201, body: { _status: 'OK', _id: expect.stringMatching(/^[0-9a-f]{24}$/) } });
    expect(listed).toMatchObject({ status: 200, body: { _items: [expect.objectContaining({ _id: created.body._id, name: 'browser-cluster' })] } });
    expect(stale).toMatchObject({ status: 412, body: { _status: 'ERR', _error: { code: 412 } } });
    expect(read.etag).toBe(`"${created.body['_etag']}"`);
    expect(patched).toMatchObject({ status: 200, body: { _status: 'OK', _id: created.body._id } });
    expect(patched.body['_etag']).not.toBe(created.body['_etag']);
    expect(agent.body.status).toMatchObject({ state: 'REGISTERED', agentURL: expect.stringMatching(/^https:\/\/api\.cloudcasa\.io\/kubeclusteragents\//) });
    expect(manifest.status).toBe(200);
    expect(String(manifest.body)).toContain('kind: ');
    expect(pending.body.status?.state).toBe('PENDING');
    expect(active).toMatchObject({ status: 200, body: { name: 'renamed', status: { state: 'ACTIVE' } } });
    expect(offPage).toEqual([]);
    expect(fromWorker.filter((url) => url.startsWith('https://api.cloudcasa.io/'))).toHaveLength(9);
    // Chromium logs every 4xx answer to the console: the stale PATCH's 412 is the one expected.
    expect(errors.filter((line) => !line.includes('status of 412'))).toEqual([]);
    await readmeScreenshot(page, 'msw-browser.png');
  });
});
