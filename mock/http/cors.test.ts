import { describe, expect, it } from 'vitest';
import { createMockApp } from '../app.js';
import { parseCorsOrigins } from './cors.js';

const PAGE = 'http://localhost:5173';
const preflight = (origin: string, method = 'PATCH') => ({
  method: 'OPTIONS',
  headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization,if-match,content-type' },
});

describe('CORS (serve --cors, Eve X_DOMAINS)', () => {
  it("answers a preflight from a listed origin as Eve does: 200, the route's Allow as the allowed methods, headers and max age", async () => {
    const app = createMockApp({ cors: [PAGE] });
    const res = await app.request('/api/v1/kubeclusters/5eb599e603f7a77d5223efee', preflight(PAGE));
    expect(res.status).toBe(200);
    expect(res.headers.get('allow')).toBe('PUT, GET, POST, PATCH, OPTIONS, DELETE, HEAD');
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-allow-methods')).toBe('PUT,GET,POST,PATCH,OPTIONS,DELETE,HEAD');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type,If-Match,If-None-Match');
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag,Location,X-Total-Count');
    expect(res.headers.get('access-control-max-age')).toBe('21600');
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(await res.text()).toBe('');
  });

  it('adds the headers to normal answers and to errors, so the page can read a 401, a 404 or an ETag', async () => {
    const app = createMockApp({ cors: '*', activationDelayMs: 'never' });
    const headers = { Origin: 'http://other.test', Authorization: 'Bearer t', 'Content-Type': 'application/json' };
    const created = await app.request('/api/v1/kubeclusters', { method: 'POST', headers, body: JSON.stringify({ name: 'c1' }) });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe('http://other.test');
    expect(created.headers.get('access-control-expose-headers')).toBe('ETag,Location,X-Total-Count');
    const read = await app.request(created.headers.get('location') ?? '', { headers });
    expect(read.headers.get('access-control-allow-origin')).toBe('http://other.test');
    expect(read.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    for (const [path, init, status] of [
      ['/api/v1/kubeclusters', { headers: { Origin: 'http://other.test' } }, 401],
      ['/api/v1/nothing-here', { headers: { Origin: 'http://other.test' } }, 404],
    ] as const) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('http://other.test');
      expect(((await res.json()) as { _status: string })._status).toBe('ERR');
    }
    await app.request('/__mock/faults', { method: 'POST', headers, body: JSON.stringify({ path: '/api/v1/kubeclusters', status: 503, count: 1 }) });
    const injected = await app.request('/api/v1/kubeclusters', { headers });
    expect(injected.status).toBe(503);
    expect(injected.headers.get('access-control-allow-origin')).toBe('http://other.test');
  });

  it('gives an unlisted origin no Access-Control-Allow-Origin, so its browser refuses the answer', async () => {
    const app = createMockApp({ cors: [PAGE] });
    const res = await app.request('/api/v1/kubeclusters', preflight('http://evil.test', 'GET'));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await app.request('/api/v1/kubeclusters', { headers: { Origin: 'http://evil.test', Authorization: 'Bearer t' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is off by default: no CORS headers, and OPTIONS is left to the routes', async () => {
    const app = createMockApp();
    const withCors = createMockApp({ cors: '*' });
    const res = await app.request('/api/v1/kubeclusters', preflight(PAGE, 'GET'));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.status).not.toBe(204);
    const get = await app.request('/api/v1/kubeclusters', { headers: { Origin: PAGE, Authorization: 'Bearer t' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    // Without an Origin (curl, a server) --cors changes nothing either: the routes answer OPTIONS.
    const plain = [await app.request('/api/v1/kubeclusters', { method: 'OPTIONS' }), await withCors.request('/api/v1/kubeclusters', { method: 'OPTIONS' })];
    expect(plain[1]?.status).toBe(plain[0]?.status);
    expect(plain[1]?.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reads --cors as * or a list of bare origins, and refuses anything else naming it', () => {
    expect(parseCorsOrigins('*')).toBe('*');
    expect(parseCorsOrigins('http://localhost:5173, https://app.example.com')).toEqual(['http://localhost:5173', 'https://app.example.com']);
    expect(() => parseCorsOrigins('localhost:5173')).toThrow(/"localhost:5173" is not an origin/);
    expect(() => parseCorsOrigins('http://localhost:5173/app')).toThrow(/is not an origin/);
    expect(() => parseCorsOrigins(' , ')).toThrow(/expected \*/);
  });
});
