import { describe, expect, it } from 'vitest';
import { createMockApp } from '../app.js';

const ID = '5eb599e603f7a77d5223efee';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Path → the status of GET, HEAD, POST, PUT, PATCH and DELETE (authenticated, no body, nothing
 * stored), and the `Allow` OPTIONS answers. Flask's routing: a route matches with one trailing slash
 * (so a method it does not serve is 405), but Eve's endpoints answer only without it (404).
 */
const ROUTES: Array<[string, string, string]> = [
  ['/api/v1', '200 200 405 405 405 405', ''],
  ['/api/v1/', '200 200 405 405 405 405', 'OPTIONS, GET, HEAD'],
  ['/api/v1x', '404 404 404 404 404 404', ''],
  ['/api/v1//', '404 404 404 404 404 404', ''],
  ['/api/v1/kubeclusters', '200 200 400 405 405 405', 'GET, POST, OPTIONS, HEAD'],
  ['/api/v1/kubeclusters/', '404 404 404 405 405 405', 'GET, POST, OPTIONS, HEAD'],
  ['/api/v1/kubeclusters//', '404 404 404 404 404 404', ''],
  ['/api/v1/kubeclusters//x', '404 404 404 404 404 404', ''],
  [`/api/v1/kubeclusters/${ID}`, '404 404 405 400 400 204', 'PUT, GET, POST, PATCH, OPTIONS, DELETE, HEAD'],
  [`/api/v1/kubeclusters/${ID}/`, '404 404 405 404 404 404', 'PUT, GET, POST, PATCH, OPTIONS, DELETE, HEAD'],
  [`/api/v1/kubeclusters/${ID}//`, '404 404 404 404 404 404', ''],
  [`/api/v1/kubeclusters/${ID}/x`, '404 404 404 404 404 404', ''],
  ['/api/v1/kubeclusters/cloudcasa-images', '200 200 405 405 405 405', 'GET, OPTIONS, HEAD'],
  ['/api/v1/kubeclusters/cloudcasa-images/', '404 404 405 405 405 405', 'GET, OPTIONS, HEAD'],
  ['/api/v1/kubebackups/cloudcasa-images', '404 404 405 400 400 404', 'PUT, GET, POST, PATCH, OPTIONS, DELETE, HEAD'],
  [`/api/v1/kubebackups/${ID}/action/run`, '405 405 400 405 405 405', 'POST, OPTIONS'],
  [`/api/v1/kubebackups/${ID}/action/run/`, '404 404 404 404 404 404', ''],
  [`/api/v1/kubeclusters/${ID}/action/run`, '404 404 404 404 404 404', ''],
  [`/api/v1/kubebackups/${ID}/action`, '404 404 404 404 404 404', ''],
  [`/api/v1/kubebackups/${ID}/action/run/x`, '404 404 404 404 404 404', ''],
  ['/api/v1/nothing', '404 404 404 404 404 404', ''],
  [`/api/v1/nothing/${ID}`, '404 404 404 404 404 404', ''],
  ['/api/v1/kubeclusters/abc', '404 404 405 400 400 404', ''],
  ['/api/v1/kubeclusters/%7A', '404 404 405 400 400 404', ''],
  ['/api/v1/jobs', '200 200 405 405 405 405', 'GET, OPTIONS, HEAD'],
  [`/api/v1/jobs/${ID}`, '404 404 405 405 405 405', 'GET, OPTIONS, HEAD'],
  ['/api/v1/jobs/', '404 404 405 405 405 405', 'GET, OPTIONS, HEAD'],
  ['/api/v1/KubeClusters', '404 404 404 404 404 404', ''],
  ['/api/v1/kubeclusters?x=1', '200 200 400 405 405 405', 'GET, POST, OPTIONS, HEAD'],
  [`/api/v1/policies/${ID}/action/run`, '404 404 404 404 404 404', ''],
];

describe('routing under /api/v1', () => {
  const app = createMockApp({ tokens: ['t1'] });
  it.each(ROUTES)('%s answers %s, and OPTIONS allows "%s"', async (path, statuses, allow) => {
    const seen: number[] = [];
    for (const method of METHODS) seen.push((await app.request(path, { method, headers: { Authorization: 'Bearer t1' } })).status);
    expect(seen.join(' ')).toBe(statuses);
    expect((await app.request(path, { method: 'OPTIONS' })).headers.get('allow') ?? '').toBe(allow);
  });
});

/** The same route under the seed's doubled prefix, as its `Location` and its image list print it. */
const seedPath = (path: string) => path.replace(/^\/api\/v1/, '/api/v1/v1');

describe('routing under /api/v1/v1 (the seed profile)', () => {
  const seed = createMockApp({ tokens: ['t1'], profile: 'seed' });
  const strict = createMockApp({ tokens: ['t1'] });
  const statusesOf = async (app: typeof seed, path: string) => {
    const seen: number[] = [];
    for (const method of METHODS) seen.push((await app.request(path, { method, headers: { Authorization: 'Bearer t1' } })).status);
    return seen.join(' ');
  };

  it.each(ROUTES)('%s under /api/v1/v1 answers as under /api/v1 (%s), and OPTIONS allows "%s"', async (path, statuses, allow) => {
    expect(await statusesOf(seed, seedPath(path))).toBe(statuses);
    expect((await seed.request(seedPath(path), { method: 'OPTIONS' })).headers.get('allow') ?? '').toBe(allow);
  });

  it('resolves the Location of a created cluster to that cluster, and the image list the seed names', async () => {
    const headers = { Authorization: 'Bearer t1', 'Content-Type': 'application/json' };
    const created = await seed.request('/api/v1/kubeclusters', { method: 'POST', headers, body: JSON.stringify({ name: 'followed' }) });
    const location = created.headers.get('location') ?? '';
    expect(new URL(location).pathname).toMatch(/^\/api\/v1\/v1\/kubeclusters\/[0-9a-f]{24}$/);
    const followed = await seed.request(location, { headers });
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ _id: ((await created.json()) as { _id: string })._id, name: 'followed' });
    const images = await seed.request('/api/v1/v1/kubeclusters/cloudcasa-images', { headers });
    expect(images.status).toBe(200);
    expect(await images.json()).toEqual(await (await seed.request('/api/v1/kubeclusters/cloudcasa-images', { headers })).json());
  });

  it('stays 404 under the strict and lenient profiles, whose links never name it', async () => {
    const lenient = createMockApp({ tokens: ['t1'], profile: 'lenient' });
    for (const app of [strict, lenient]) {
      expect(await statusesOf(app, '/api/v1/v1/kubeclusters')).toBe('404 404 404 404 404 404');
      expect(await statusesOf(app, '/api/v1/v1/kubeclusters/cloudcasa-images')).toBe('404 404 404 404 404 404');
      expect((await app.request('/api/v1/v1/kubeclusters', { method: 'OPTIONS' })).headers.get('allow')).toBeNull();
    }
  });
});
