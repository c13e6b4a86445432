import { describe, expect, it } from 'vitest';
import { createMock, createMockApp } from '../node/mock.js';
import { fillTemplate, html } from './html.js';

const page = async (app: ReturnType<typeof createMockApp>, path: string) => {
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

describe('the pages for people (/, /docs, /__mock/ui)', () => {
  it('GET / is an HTML page saying what runs: API URL, profile, tokens, activation, tenants, links', async () => {
    const { app, runtime } = createMock({ tokens: ['alpha', 'beta'], profile: 'lenient', activationDelayMs: 500, cors: ['http://localhost:5173'] });
    await app.request('/api/v1/kubeclusters', { method: 'POST', headers: { Authorization: 'Bearer alpha', 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'c1' }) });
    const landing = await page(app, '/');
    expect(landing.status).toBe(200);
    expect(landing.type).toBe('text/html; charset=utf-8');
    expect(landing.text).toContain('<code>http://localhost/api/v1</code>');
    expect(landing.text).toContain('<dd>lenient</dd>');
    expect(landing.text).toContain('2 accepted tokens (--tokens)');
    expect(landing.text).toContain('500 ms after the agent manifest is fetched');
    expect(landing.text).toContain('<dd>http://localhost:5173</dd>');
    expect(landing.text).toMatch(/<td><code>alpha<\/code><\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td>/);
    for (const href of ['/docs', '/__mock/ui', '/api-docs']) expect(landing.text).toContain(`href="${href}"`);
    expect(landing.text).toContain("curl -s -H &#39;Authorization: Bearer alpha&#39; http://localhost/api/v1/kubeclusters");
    expect(runtime.control.journal()).toHaveLength(1);
  });

  it('names a profile whose single options were overridden "custom"', async () => {
    const landing = await page(createMockApp({ profile: { base: 'strict', upsertOnPut: true } }), '/');
    expect(landing.text).toContain('<dd>custom</dd>');
    expect((await page(createMockApp({ profile: { base: 'seed' } }), '/')).text).toContain('<dd>seed</dd>');
  });

  it('escapes what it shows: a tenant named like markup stays text', async () => {
    const { app } = createMock();
    await app.request('/__mock/fixtures', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ seed: true, tenant: '<img src=x onerror=alert(1)>' }) });
    const landing = await page(app, '/');
    expect(landing.text).not.toContain('<img');
    expect(landing.text).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('with --no-control: no dashboard, no link to it, no tenant list (tenants are tokens)', async () => {
    const app = createMockApp({ control: false });
    const landing = await page(app, '/');
    expect(landing.status).toBe(200);
    expect(landing.text).not.toContain('href="/__mock/ui"');
    expect(landing.text).toContain('Listed when the control API is on');
    expect(landing.text).toContain('off (--no-control)');
    expect((await page(app, '/__mock/ui')).status).toBe(404);
    expect((await page(app, '/__mock/ui/js/ui/client/dashboard.js')).status).toBe(404);
    expect((await page(app, '/docs')).status).toBe(200);
  });

  it('GET /docs renders the served spec with Redoc from node_modules, which never reaches the network', async () => {
    const app = createMockApp();
    const docs = await page(app, '/docs');
    expect(docs.text).toContain('<redoc spec-url="/api-docs"');
    expect(docs.text).toContain('<script src="/assets/redoc.standalone.js"></script>');
    const bundle = await page(app, '/assets/redoc.standalone.js');
    expect(bundle.status).toBe(200);
    expect(bundle.type).toBe('text/javascript; charset=utf-8');
    expect(bundle.text.length).toBeGreaterThan(500_000);
    expect(bundle.text).not.toContain('cdn.redoc.ly');
    expect((await page(app, '/assets/ui.css')).type).toBe('text/css; charset=utf-8');
  });

  it('serves the dashboard and its built modules, and nothing else from dist', async () => {
    const app = createMockApp();
    const dashboard = await page(app, '/__mock/ui');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('src="/__mock/ui/js/ui/client/dashboard.js"');
    for (const module of ['ui/client/dashboard.js', 'ui/client/views.js', 'ui/client/dom.js', 'control/client.js']) {
      const script = await page(app, `/__mock/ui/js/${module}`);
      expect(script.status, module).toBe(200);
      expect(script.type, module).toBe('text/javascript; charset=utf-8');
    }
    for (const other of ['options.js', 'control/routes.js', 'ui/client/../../options.js', 'ui/client/dashboard.d.ts', '..%2F..%2Fpackage.json']) {
      expect((await page(app, `/__mock/ui/js/${other}`)).status, other).toBe(404);
    }
  });

  it('keeps pages out of the journal and away from injected faults: they are not API traffic', async () => {
    const { app, runtime } = createMock();
    runtime.control.addFault({ path: '*', status: 503 });
    for (const path of ['/', '/docs', '/assets/ui.css', '/__mock/ui']) expect((await page(app, path)).status, path).toBe(200);
    expect(runtime.control.journal()).toEqual([]);
    expect((await app.request('/api-docs')).status).toBe(503);
  });

  it('answers 405 for a method a page does not offer', async () => {
    const res = await createMockApp().request('/', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ _status: 'ERR', _error: { code: 405 } });
  });

  it('fills a page template, escaping values and refusing an unknown placeholder', () => {
    expect(fillTemplate('<p>{{a}} {{b}}</p>', { a: '<x>', b: html`<i>${'&'}</i>` })).toBe('<p>&#60;x&#62; <i>&#38;</i></p>');
    expect(() => fillTemplate('{{missing}}', {})).toThrow(/needs a value for \{\{missing\}\}/);
  });
});
