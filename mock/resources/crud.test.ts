import { describe, expect, it } from 'vitest';
import { startMockServer } from '../node/server.js';
import { testApi } from '../test-support/api.js';

const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const seedBody = {
  name: 'testcluster',
  description: 'Created for testing purposes',
  tags: { testkey: 'testval' },
  image_pull_secret_name: 'myregistrykey',
  container_registry: 'registry.example.com/cloudcasa',
};

describe('POST /api/v1/kubeclusters', () => {
  it('answers 201 with Location and the full resource in REGISTERED state; the etag only in the body, as Eve does', async () => {
    const api = testApi();
    const res = await api.call('POST', '/api/v1/kubeclusters', { body: seedBody });
    expect(res.status).toBe(201);
    const body = res.body;
    expect(body._id).toMatch(/^[0-9a-f]{24}$/);
    expect(body._etag).toMatch(/^[0-9a-f]{40}$/);
    expect(body._created).toMatch(RFC1123);
    expect(body._updated).toBe(body._created);
    expect(body._status).toBe('OK');
    expect(body._links.self).toEqual({ title: 'Kubecluster', href: `kubeclusters/${body._id}` });
    expect(res.headers.get('location')).toBe(`http://localhost/api/v1/kubeclusters/${body._id}`);
    expect(res.headers.get('etag')).toBeNull();
    expect(body).toMatchObject({ ...seedBody, kublet_pods_dir: '/var/lib/kubelet/pods' });
    expect(body.status.state).toBe('REGISTERED');
    expect(body.status.agentURL).toMatch(/^http:\/\/localhost\/kubeclusteragents\/agent-[a-z0-9]{5}\/[A-Za-z0-9_-]+=*\.yaml$/);
  });

  it('stores what it answered: GET returns the same document', async () => {
    const api = testApi();
    const created = await api.createCluster(seedBody);
    const res = await api.call('GET', `/api/v1/kubeclusters/${created._id}`);
    expect(res.status).toBe(200);
    const { _status, _links, ...stored } = created;
    expect(res.body).toMatchObject(stored);
    expect(res.body._links).toEqual({
      self: { title: 'Kubecluster', href: `kubeclusters/${created._id}` },
      parent: { title: 'home', href: '/' },
      collection: { title: 'kubeclusters', href: 'kubeclusters' },
    });
    expect(res.headers.get('etag')).toBe(`"${created._etag}"`);
    expect(res.headers.get('last-modified')).toBe(created._updated);
  });

  it('uses the seed profile: Location with the doubled /api/v1/v1 prefix and /v1/ self links', async () => {
    const api = testApi({ profile: 'seed' });
    const res = await api.call('POST', '/api/v1/kubeclusters', { body: { name: 'a' } });
    expect(res.headers.get('location')).toBe(`http://localhost/api/v1/v1/kubeclusters/${res.body._id}`);
    expect(res.body._links.self.href).toBe(`/v1/kubeclusters/${res.body._id}`);
  });

  it('writes status.agentUrl when the agentUrlKey option asks for that spelling', async () => {
    const api = testApi({ profile: { agentUrlKey: 'agentUrl' } });
    const created = await api.createCluster();
    expect(created.status.agentUrl).toMatch(/\.yaml$/);
    expect(created.status).not.toHaveProperty('agentURL');
  });

  it('creates a JSON array of clusters at once (bulk insert)', async () => {
    const api = testApi();
    const res = await api.call('POST', '/api/v1/kubeclusters', { body: [{ name: 'a' }, { name: 'b' }] });
    expect(res.status).toBe(201);
    expect(res.body._status).toBe('OK');
    expect(res.body._items.map((i: { name: string }) => i.name)).toEqual(['a', 'b']);
    expect(res.headers.get('location')).toBe(`http://localhost/api/v1/kubeclusters/${res.body._items[0]._id}`);
    const list = await api.call('GET', '/api/v1/kubeclusters');
    expect(list.body._meta.total).toBe(2);
  });

  it('answers a one-document array exactly as a single document, as Eve does', async () => {
    const api = testApi();
    const created = await api.call('POST', '/api/v1/kubeclusters', { body: [{ name: 'only' }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ _status: 'OK', name: 'only' });
    expect(created.body).not.toHaveProperty('_items');
    const refused = await api.call('POST', '/api/v1/kubeclusters', { body: [{ name: 5 }] });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({ _status: 'ERR', _issues: { name: 'must be of string type' }, _error: { code: 422, message: 'Insertion failure: 1 document(s) contain(s) error(s)' } });
  });

  it('stores nothing of a bulk insert when one document is bad, and says which', async () => {
    const api = testApi();
    const res = await api.call('POST', '/api/v1/kubeclusters', { body: [{ name: 'a' }, { name: 7 }, { name: 'a' }] });
    expect(res.status).toBe(422);
    expect(res.body._status).toBe('ERR');
    expect(res.body._items).toEqual([
      { _status: 'OK' },
      { _status: 'ERR', _issues: { name: 'must be of string type' } },
      { _status: 'ERR', _issues: { name: "value 'a' is not unique" } },
    ]);
    expect(res.body._error).toEqual({ code: 422, message: 'Insertion failure: 2 document(s) contain(s) error(s)' });
    expect((await api.call('GET', '/api/v1/kubeclusters')).body._meta.total).toBe(0);
  });

  it('answers 400 to an empty array', async () => {
    const api = testApi();
    const res = await api.call('POST', '/api/v1/kubeclusters', { body: [] });
    expect(res.status).toBe(400);
    expect(res.body._error.message).toMatch(/empty list/);
  });
});

describe('GET /api/v1/kubeclusters/{id}', () => {
  it('answers 404 with the Eve body for an unknown id', async () => {
    const api = testApi();
    const res = await api.call('GET', '/api/v1/kubeclusters/5eb599e603f7a77d5223efee');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      _status: 'ERR',
      _error: { code: 404, message: expect.stringMatching(/^The requested URL was not found on the server/) },
    });
  });

  it('answers 404 for an id that is not 24 hex digits', async () => {
    const api = testApi();
    for (const id of ['xyz', '5EB599E603F7A77D5223EFEE', '5eb599e603f7a77d5223efe']) {
      const res = await api.call('GET', `/api/v1/kubeclusters/${id}`);
      expect(res.status, id).toBe(404);
    }
  });

  it('answers 404 for an unknown route, with the Eve body', async () => {
    const api = testApi();
    const res = await api.call('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body._status).toBe('ERR');
  });
});

describe('methods a route does not support', () => {
  it.each([
    ['DELETE', '/api/v1/kubeclusters'],
    ['PUT', '/api/v1/kubeclusters'],
    ['PATCH', '/api/v1/kubeclusters'],
    ['POST', '/api/v1/kubeclusters/5eb599e603f7a77d5223efee'],
    ['POST', '/api/v1/kubeclusters/cloudcasa-images'],
    ['POST', '/api-docs'],
  ])('%s %s answers 405 with the Eve body', async (method, path) => {
    const api = testApi();
    const res = await api.call(method, path);
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ _status: 'ERR', _error: { code: 405, message: 'The method is not allowed for the requested URL.' } });
  });
});

describe('DELETE /api/v1/kubeclusters/{id}', () => {
  it('answers 204 with no body, after which the cluster is gone', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const res = await api.call('DELETE', `/api/v1/kubeclusters/${created._id}`, { headers: { 'If-Match': created._etag } });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.call('GET', `/api/v1/kubeclusters/${created._id}`)).status).toBe(404);
  });

  it('needs If-Match in the strict profile (428) and not in the lenient one', async () => {
    const strict = testApi();
    const a = await strict.createCluster();
    const refused = await strict.call('DELETE', `/api/v1/kubeclusters/${a._id}`);
    expect(refused.status).toBe(428);
    expect((await strict.call('GET', `/api/v1/kubeclusters/${a._id}`)).body._etag).toBe(a._etag);

    const lenient = testApi({ profile: 'lenient' });
    const b = await lenient.createCluster();
    expect((await lenient.call('DELETE', `/api/v1/kubeclusters/${b._id}`)).status).toBe(204);
  });

  it('answers 204 and deletes nothing for an id the tenant does not have, as Eve does; If-Match is not checked then', async () => {
    const api = testApi();
    const kept = await api.createCluster();
    for (const id of ['ffffffffffffffffffffffff', kept._id]) {
      const token = id === kept._id ? 't2' : 't1';
      const res = await api.call('DELETE', `/api/v1/kubeclusters/${id}`, { token, headers: { 'If-Match': 'stale' } });
      expect(res.status, id).toBe(204);
      expect(res.text).toBe('');
    }
    expect((await api.call('GET', `/api/v1/kubeclusters/${kept._id}`)).body._etag).toBe(kept._etag);
    expect((await api.call('DELETE', '/api/v1/kubeclusters/not-an-id')).status).toBe(404);
  });

  it('still refuses a stale If-Match in the lenient profile (412)', async () => {
    const api = testApi({ profile: 'lenient' });
    const created = await api.createCluster();
    const res = await api.call('DELETE', `/api/v1/kubeclusters/${created._id}`, { headers: { 'If-Match': '0'.repeat(40) } });
    expect(res.status).toBe(412);
    expect((await api.call('GET', `/api/v1/kubeclusters/${created._id}`)).status).toBe(200);
  });
});

describe('X-HTTP-Method-Override', () => {
  it("makes a POST a PATCH, as Eve's ALLOW_OVERRIDE_HTTP_METHOD does", async () => {
    const api = testApi();
    const created = await api.createCluster();
    const res = await api.mock.app.request(`/api/v1/kubeclusters/${created._id}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t1', 'Content-Type': 'application/json', 'If-Match': created._etag, 'X-HTTP-Method-Override': 'patch' },
      body: JSON.stringify({ description: 'patched through POST' }),
    });
    expect(res.status).toBe(200);
    expect((await api.call('GET', `/api/v1/kubeclusters/${created._id}`)).body.description).toBe('patched through POST');
  });

  it('keeps the body of the overridden request over HTTP, where the body is read from Node\'s stream', async () => {
    const mock = await startMockServer({ port: 0, tokens: ['t1'] });
    try {
      const headers = { Authorization: 'Bearer t1', 'Content-Type': 'application/json' };
      const created = await (await fetch(`${mock.url}/api/v1/kubeclusters`, { method: 'POST', headers, body: JSON.stringify({ name: 'overridden' }) })).json();
      const res = await fetch(`${mock.url}/api/v1/kubeclusters/${created._id}`, {
        method: 'POST',
        headers: { ...headers, 'If-Match': created._etag, 'X-HTTP-Method-Override': 'PATCH' },
        body: JSON.stringify({ description: 'patched through POST' }),
      });
      expect(res.status).toBe(200);
      const read = await (await fetch(`${mock.url}/api/v1/kubeclusters/${created._id}`, { headers })).json();
      expect(read.description).toBe('patched through POST');
    } finally {
      await mock.close();
    }
  });
});

describe('OPTIONS', () => {
  it('answers 200 with no body and the Allow header Flask gives each route, without a token', async () => {
    const api = testApi();
    const allow = async (path: string) => {
      const res = await api.call('OPTIONS', path, { token: null });
      expect(res.status, path).toBe(200);
      expect(res.text, path).toBe('');
      return res.headers.get('allow');
    };
    expect(await allow('/api/v1/kubeclusters')).toBe('GET, POST, OPTIONS, HEAD');
    expect(await allow('/api/v1/kubeclusters/ffffffffffffffffffffffff')).toBe('PUT, GET, POST, PATCH, OPTIONS, DELETE, HEAD');
    expect(await allow('/api/v1/kubeclusters/cloudcasa-images')).toBe('GET, OPTIONS, HEAD');
    expect(await allow('/api-docs')).toBe('GET, OPTIONS, HEAD');
    expect(await allow('/api/v1/kubeclusters/not-an-id')).toBeNull();
    expect(await allow('/nothing/here')).toBeNull();
  });
});

describe('root routes', () => {
  it("GET /api/v1 is Eve's home endpoint: a link to every resource, behind the token", async () => {
    const api = testApi();
    for (const path of ['/api/v1', '/api/v1/']) {
      const res = await api.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.body._links.child).toContainEqual({ href: 'kubeclusters', title: 'kubeclusters' });
      expect((await api.call('GET', path, { token: null })).status, path).toBe(401);
    }
  });

  it('GET /api-docs serves the spec as JSON without a token', async () => {
    const api = testApi();
    const res = await api.call('GET', '/api-docs', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/kubeclusters/{id}');
  });

  it('GET /api/v1/kubeclusters/cloudcasa-images lists the agent images by name and tag', async () => {
    const api = testApi();
    const res = await api.call('GET', '/api/v1/kubeclusters/cloudcasa-images');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(2);
    for (const image of res.body as Array<{ name: string; tag: string }>) {
      expect(image.name).toMatch(/\S/);
      expect(image.tag).toMatch(/\S/);
    }
  });
});
