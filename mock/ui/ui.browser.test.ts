// The pages in a real browser (Debian's Chromium, headless), used the way a person would.
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadSeedFixtures } from '../../fixtures/seed.js';
import { startMockServer } from '../node/server.js';
import type { RunningMock, StartOptions } from '../node/server.js';
import { launchBrowser, openPage, readmeScreenshot } from '../test-support/browser.js';
import type { TestBrowser, WatchedPage } from '../test-support/browser.js';

let chromium: TestBrowser;
const running: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  chromium = await launchBrowser();
}, 660_000);
afterAll(async () => {
  await chromium?.close();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function mock(options: StartOptions = {}): Promise<RunningMock> {
  const started = await startMockServer({ port: 0, activationDelayMs: 'never', ...options });
  running.push(started);
  return started;
}

/** Opens `url` and records every request the page makes, to prove none leaves 127.0.0.1. */
async function visit(url: string, name: string): Promise<WatchedPage & { requested: string[] }> {
  const watched = await openPage(chromium.browser, name);
  const requested: string[] = [];
  watched.page.on('request', (request) => requested.push(request.url()));
  await watched.page.goto(url);
  return { ...watched, requested };
}

/** Requests that would leave this machine (blob: and data: URLs are the page's own). */
function offMachine(requested: readonly string[], origin: string): string[] {
  return requested.filter((url) => /^https?:/.test(url) && !url.startsWith(`${origin}/`));
}

function api(base: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { _id: string; status: { state: string } } };
  };
}

/** The dashboard polls once a second; a busy machine gets a few seconds' grace. */
const eventually = { timeout: 8000, interval: 100 };
const clusterRow = (page: Page, tenant: string, name: string) => page.locator(`section[data-tenant="${tenant}"] tr[data-name="${name}"]`);

describe('in a browser', { timeout: 40_000 }, () => {
  it('UI-1 the landing page says what is running and leads to the docs and the dashboard', async () => {
    const server = await mock({ fixtures: loadSeedFixtures(), activationDelayMs: 3000 });
    const { page, errors, requested } = await visit(`${server.url}/`, 'landing');
    await expect.poll(() => page.locator('h1').textContent(), eventually).toBe('The mock is running');
    expect(await page.locator('dl.facts').innerText()).toMatch(/API\s+http:\/\/127\.0\.0\.1:\d+\/api\/v1\s+Profile\s+strict/);
    expect(await page.locator('table tbody tr').first().innerText()).toMatch(/^demo\s+2\s+1\s+1$/);
    await readmeScreenshot(page, 'landing.png');
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.waitForURL(`${server.url}/__mock/ui`);
    await page.getByRole('link', { name: 'API reference' }).first().click();
    await page.waitForURL(`${server.url}/docs`);
    expect(errors).toEqual([]);
    expect(offMachine(requested, server.url)).toEqual([]);
  });

  it('UI-2 /docs renders the kubeclusters API with Redoc, offline', async () => {
    const server = await mock();
    const { page, errors, requested } = await visit(`${server.url}/docs`, 'docs');
    await page.getByRole('heading', { name: /CloudCasa kubeclusters API/ }).waitFor();
    await page.getByText('kubeclusters', { exact: true }).first().click();
    await page.getByText('Register a cluster').first().click();
    await expect.poll(() => page.locator('body').innerText(), eventually).toMatch(/\/kubeclusters\/\{id\}/);
    expect(await page.locator('body').innerText()).toMatch(/\/kubeclusters\b/);
    expect(errors).toEqual([]);
    expect(offMachine(requested, server.url)).toEqual([]);
  });

  it('UI-3 the dashboard shows a cluster registered through the API, connects its agent, moves the clock, grows the journal', async () => {
    const server = await mock({ fixtures: loadSeedFixtures() });
    const call = api(server.url, 'alice');
    const { page, errors } = await visit(`${server.url}/__mock/ui`, 'dashboard');
    await clusterRow(page, 'demo', 'testcluster').waitFor();
    expect(await page.locator('section[data-tenant="alice"]').count()).toBe(0);

    const created = await call('POST', '/kubeclusters', { name: 'browser-cluster', description: 'made by the browser test' });
    expect(created.status).toBe(201);
    const row = clusterRow(page, 'alice', 'browser-cluster');
    await expect.poll(() => row.locator('.badge').textContent(), eventually).toBe('REGISTERED');
    const agentUrl = await row.locator('input').inputValue();
    expect(agentUrl).toMatch(new RegExp(`^${server.url}/kubeclusteragents/`));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await row.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Copied' }).count(), eventually).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(agentUrl);

    await row.getByRole('button', { name: 'Connect agent' }).click();
    await expect.poll(() => row.locator('.badge').textContent(), eventually).toBe('ACTIVE');
    expect((await call('GET', `/kubeclusters/${created.body._id}`)).body.status.state).toBe('ACTIVE');
    await expect.poll(() => row.getByRole('button', { name: 'Disconnect agent' }).count(), eventually).toBe(1);

    await page.getByRole('button', { name: 'Freeze' }).click();
    await expect.poll(() => page.locator('#clock-frozen').isVisible(), eventually).toBe(true);
    const frozenAt = (await server.control.clock()).now;
    await page.locator('#advance-seconds').fill('3600');
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await expect.poll(async () => (await server.control.clock()).now, eventually).toBe(frozenAt + 3_600_000);
    const shown = `${new Date(frozenAt + 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    await expect.poll(() => page.locator('#clock-now').textContent(), eventually).toBe(shown);

    const journalRows = page.locator('#journal tbody tr');
    const expectedRows = (await server.control.journal()).length + 3;
    for (const path of ['/kubeclusters?max_results=1', '/objectstores', '/kubebackups']) await call('GET', path);
    await expect.poll(() => journalRows.count(), eventually).toBe(expectedRows);
    expect(await journalRows.first().innerText()).toMatch(/GET \/kubebackups\s+200/);
    await readmeScreenshot(page, 'dashboard.png');
    expect(errors).toEqual([]);
  });

  it('UI-4 the dashboard injects a fault, loads fixtures and resets', async () => {
    const server = await mock();
    const { page, errors } = await visit(`${server.url}/__mock/ui`, 'dashboard-controls');
    await page.locator('#fixtures-tenant').fill('bob');
    await page.getByRole('button', { name: 'Load fixtures' }).click();
    await clusterRow(page, 'bob', 'testcluster').waitFor();

    await page.locator('#fault-path').fill('/api/v1/objectstores');
    await page.locator('#fault-status').fill('418');
    await page.getByRole('button', { name: 'Inject fault' }).click();
    await expect.poll(() => page.locator('#faults').innerText(), eventually).toMatch(/any \/api\/v1\/objectstores answers 418, 1 more time/);
    expect((await api(server.url, 'bob')('GET', '/objectstores')).status).toBe(418);
    await expect.poll(() => page.locator('#journal tbody tr').first().innerText(), eventually).toMatch(/GET \/objectstores\s+418/);
    await expect.poll(() => page.locator('#faults').innerText(), eventually).toMatch(/No faults/);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset everything' }).click();
    await page.getByText('No tenant yet').waitFor();
    expect(await server.control.tenants()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('UI-6 the dashboard lists the job a run starts, and shows it end when the control API finishes it', async () => {
    const server = await mock({ jobDurationMs: 'never' });
    const call = api(server.url, 'tf');
    const cluster = await call('POST', '/kubeclusters', { name: 'jobs-cluster' });
    const backup = await call('POST', '/kubebackups', { name: 'nightly', cluster: cluster.body._id, source: { all_namespaces: true } });
    expect((await call('POST', `/kubebackups/${backup.body._id}/action/run`, { retention: { retainDays: 7 } })).status).toBe(200);
    const { page, errors } = await visit(`${server.url}/__mock/ui`, 'dashboard-jobs');
    const row = page.locator('section[data-tenant="tf"] table[data-table="jobs"] tbody tr').first();
    await expect.poll(() => row.locator('.badge').textContent(), eventually).toBe('RUNNING');
    expect(await row.innerText()).toMatch(/KUBE_BACKUP[\s\S]*jobs-cluster/);
    const jobId = (await row.getAttribute('data-id')) as string;
    await server.control.finishJob(jobId, 'FAILED');
    await expect.poll(() => row.locator('.badge').textContent(), eventually).toBe('FAILED');
    expect(errors).toEqual([]);
  });

  it('UI-5 a page on another origin calls the API with --cors, and is refused without it', async () => {
    const pageServer = await servePage('<!doctype html><title>front-end</title><link rel="icon" href="data:,"><p>another origin</p>');
    const withCors = await mock({ cors: [pageServer.url] });
    const without = await mock();
    const { page, errors } = await visit(`${pageServer.url}/`, 'cors');
    const crossOrigin = await page.evaluate(async (base) => {
      const headers = { Authorization: 'Bearer carol', 'Content-Type': 'application/json' };
      const created = await fetch(`${base}/api/v1/kubeclusters`, { method: 'POST', headers, body: JSON.stringify({ name: 'from-the-browser' }) });
      const location = created.headers.get('Location') ?? '';
      const { _etag: createdEtag } = (await created.json()) as { _etag: string };
      const patched = await fetch(location, { method: 'PATCH', headers: { ...headers, 'If-Match': createdEtag }, body: JSON.stringify({ description: 'patched cross-origin' }) });
      const stale = await fetch(location, { method: 'PATCH', headers: { ...headers, 'If-Match': createdEtag }, body: JSON.stringify({ description: 'again' }) });
      const list = await fetch(`${base}/api/v1/kubeclusters`, { headers });
      return { created: created.status, location, patched: patched.status, etag: patched.headers.get('ETag'), stale: stale.status, staleBody: await stale.json(), total: list.headers.get('X-Total-Count') };
    }, withCors.url);
    expect(crossOrigin).toMatchObject({ created: 201, patched: 200, stale: 412, staleBody: { _status: 'ERR' }, total: '1' });
    expect(crossOrigin.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(crossOrigin.location).toMatch(new RegExp(`^${withCors.url}/api/v1/kubeclusters/[0-9a-f]{24}$`));
    // Chromium logs every 4xx it receives; the page read this one (the 412 body above), so it is the only line.
    expect(errors).toEqual([expect.stringMatching(/status of 412 \(Precondition Failed\)/)]);

    const refused = await page.evaluate(async (base) => fetch(`${base}/api/v1/kubeclusters`, { headers: { Authorization: 'Bearer carol' } }).then(() => 'answered', (error: Error) => error.name), without.url);
    expect(refused).toBe('TypeError');
    expect(errors.slice(1).join('\n')).toMatch(/blocked by CORS policy/);
  });
});

async function servePage(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  running.push(handle);
  return handle;
}
