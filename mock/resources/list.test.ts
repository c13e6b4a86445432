import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';
import type { Json, TestApi } from '../test-support/api.js';

const clusters = '/api/v1/kubeclusters';

async function withClusters(count: number): Promise<TestApi> {
  const api = testApi();
  const names = Array.from({ length: count }, (_, i) => ({ name: `c${String(i).padStart(2, '0')}`, tags: { n: String(i % 3) } }));
  const res = await api.call('POST', clusters, { body: names });
  expect(res.status).toBe(201);
  return api;
}

function query(params: Record<string, string>): string {
  return `${clusters}?${new URLSearchParams(params).toString()}`;
}

function names(body: Json): string[] {
  return (body._items as Array<{ name: string }>).map((c) => c.name);
}

describe('list envelope and paging', () => {
  it('answers _items, _meta and _links with Eve defaults (25 a page)', async () => {
    const api = await withClusters(30);
    const res = await api.call('GET', clusters);
    expect(res.status).toBe(200);
    expect(res.body._items).toHaveLength(25);
    expect(res.body._meta).toEqual({ page: 1, max_results: 25, total: 30 });
    expect(res.body._links).toEqual({
      parent: { title: 'home', href: '/' },
      self: { title: 'kubeclusters', href: 'kubeclusters' },
      next: { title: 'next page', href: 'kubeclusters?page=2' },
      last: { title: 'last page', href: 'kubeclusters?page=2' },
    });
  });

  it('pages with max_results and page, without gaps or repeats', async () => {
    const api = await withClusters(7);
    const seen: string[] = [];
    for (const page of ['1', '2', '3']) {
      const res = await api.call('GET', query({ max_results: '3', page }));
      seen.push(...names(res.body));
      expect(res.body._meta).toEqual({ page: Number(page), max_results: 3, total: 7 });
    }
    expect(seen).toEqual(['c00', 'c01', 'c02', 'c03', 'c04', 'c05', 'c06']);
    const middle = await api.call('GET', query({ max_results: '3', page: '2' }));
    expect(middle.body._links.prev.title).toBe('previous page');
    expect(middle.body._links.next.title).toBe('next page');
    const lastPage = await api.call('GET', query({ max_results: '3', page: '3' }));
    expect(lastPage.body._links).not.toHaveProperty('next');
    expect(lastPage.body._links).not.toHaveProperty('last');
  });

  it('carries X-Total-Count and the latest _updated of the page as Last-Modified, on GET and HEAD', async () => {
    const api = await withClusters(3);
    const newest = await api.call('GET', query({ sort: '-_updated', max_results: '1' }));
    for (const method of ['GET', 'HEAD']) {
      const res = await api.call(method, query({ max_results: '2' }));
      expect(res.headers.get('x-total-count'), method).toBe('3');
      expect(res.headers.get('last-modified'), method).toBe(newest.body._items[0]._updated);
    }
    const empty = await api.call('GET', query({ page: '9' }));
    expect(empty.headers.get('x-total-count')).toBe('3');
    expect(empty.headers.get('last-modified')).toBeNull();
  });

  it('answers a page past the end with 200 and no items', async () => {
    const api = await withClusters(2);
    const res = await api.call('GET', query({ page: '9' }));
    expect(res.status).toBe(200);
    expect(res.body._items).toEqual([]);
    expect(res.body._meta.total).toBe(2);
  });

  it('follows Eve for odd paging values: caps max_results at 50, falls back to 25 and page 1, never 400', async () => {
    const api = await withClusters(60);
    expect((await api.call('GET', query({ max_results: '500' }))).body._meta.max_results).toBe(50);
    expect((await api.call('GET', query({ max_results: 'abc' }))).body._meta.max_results).toBe(25);
    expect((await api.call('GET', query({ max_results: '0' }))).body._meta.max_results).toBe(25);
    expect((await api.call('GET', query({ page: 'x' }))).body._meta.page).toBe(1);
    expect((await api.call('GET', query({ page: '0' }))).body._meta.page).toBe(1);
    expect((await api.call('GET', query({ page: '-2' }))).body._meta.page).toBe(2);
  });
});

describe('where, sort and projection', () => {
  it('filters by name equality and by $regex, as real clients do', async () => {
    const api = await withClusters(12);
    expect(names((await api.call('GET', query({ where: '{"name":"c03"}' }))).body)).toEqual(['c03']);
    expect(names((await api.call('GET', query({ where: '{"name":{"$regex":"^c1"}}' }))).body)).toEqual(['c10', 'c11']);
    expect(names((await api.call('GET', query({ where: '{"name":{"$regex":"C1","$options":"i"}}' }))).body)).toEqual(['c10', 'c11']);
  });

  it('filters on dotted paths such as status.state and tags.n, with $in, $ne and $or', async () => {
    const api = await withClusters(6);
    const all = await api.call('GET', query({ where: '{"status.state":"REGISTERED"}' }));
    expect(all.body._meta.total).toBe(6);
    expect((await api.call('GET', query({ where: '{"status.state":"ACTIVE"}' }))).body._meta.total).toBe(0);
    expect(names((await api.call('GET', query({ where: '{"tags.n":{"$in":["0"]}}' }))).body)).toEqual(['c00', 'c03']);
    expect((await api.call('GET', query({ where: '{"tags.n":{"$ne":"0"}}' }))).body._meta.total).toBe(4);
    expect(names((await api.call('GET', query({ where: '{"$or":[{"name":"c01"},{"name":"c05"}]}' }))).body)).toEqual(['c01', 'c05']);
  });

  it('reads a sort that is Python but not a literal in comma form (200, natural order), as Eve does', async () => {
    const api = await withClusters(3);
    const res = await api.call('GET', query({ sort: '[("name", sideways)]' }));
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['c00', 'c01', 'c02']);
  });

  it('sorts in both Eve forms', async () => {
    const api = await withClusters(4);
    expect(names((await api.call('GET', query({ sort: '-name' }))).body)).toEqual(['c03', 'c02', 'c01', 'c00']);
    expect(names((await api.call('GET', query({ sort: '[("name", -1)]' }))).body)).toEqual(['c03', 'c02', 'c01', 'c00']);
    expect(names((await api.call('GET', query({ sort: 'tags.n,-name' }))).body)).toEqual(['c03', 'c00', 'c01', 'c02']);
  });

  it('projects fields in and out, always keeping the meta fields', async () => {
    const api = await withClusters(1);
    const only = (await api.call('GET', query({ projection: '{"name":1}' }))).body._items[0];
    expect(Object.keys(only).sort()).toEqual(['_created', '_etag', '_id', '_links', '_updated', 'name']);
    const without = (await api.call('GET', query({ projection: '{"tags":0}' }))).body._items[0];
    expect(without).not.toHaveProperty('tags');
    expect(without).toHaveProperty('status');
  });

  it.each([
    ['where', 'not json', 'where'],
    ['where', '{"$where":"sleep(1000)"}', '$where'],
    ['where', '{"name":{"$foo":1}}', '$foo'],
    ['sort', '[(', 'sort'],
    ['projection', '{"name":1,"tags":0}', 'projection'],
  ])('answers 400 to a bad %s, naming the parameter', async (param, value, mentioned) => {
    const api = await withClusters(1);
    const res = await api.call('GET', query({ [param]: value }));
    expect(res.status).toBe(400);
    expect(res.body._error.message).toContain(`Invalid ${param}`);
    expect(res.body._error.message).toContain(mentioned);
  });

  it('answers a hostile $regex at once: (a+)+$ against a long name', async () => {
    const api = testApi();
    await api.createCluster({ name: `${'a'.repeat(200)}!` });
    const started = performance.now();
    const res = await api.call('GET', query({ where: '{"name":{"$regex":"(a+)+$"}}' }));
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body._meta.total).toBe(0);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('answers kept as bytes between writes', () => {
  it('answers a page read again with the same bytes, and a page after any write with the change', async () => {
    const api = await withClusters(3);
    const first = await api.call('GET', query({ where: '{"tags.n":"0"}' }));
    const again = await api.call('GET', query({ where: '{"tags.n":"0"}' }));
    expect(again.text).toBe(first.text);
    expect(again.headers.get('x-total-count')).toBe('1');
    await api.createCluster({ name: 'late', tags: { n: '0' } });
    const after = await api.call('GET', query({ where: '{"tags.n":"0"}' }));
    expect(names(after.body)).toEqual(['c00', 'late']);
    expect(after.headers.get('x-total-count')).toBe('2');
  });

  it('never answers a page kept from before a reset, even when the new data took as many writes', async () => {
    const api = testApi();
    await api.createCluster({ name: 'before' });
    expect(names((await api.call('GET', clusters)).body)).toEqual(['before']);
    await api.control.reset();
    await api.createCluster({ name: 'after' });
    expect(names((await api.call('GET', clusters)).body)).toEqual(['after']);
  });

  it('answers an item read again, then its new content once it is patched', async () => {
    const api = testApi();
    const created = await api.createCluster({ name: 'polled', description: 'one' });
    const first = await api.call('GET', `${clusters}/${created._id}`);
    expect((await api.call('GET', `${clusters}/${created._id}`)).text).toBe(first.text);
    const patched = await api.call('PATCH', `${clusters}/${created._id}`, { body: { description: 'two' }, headers: { 'If-Match': first.body._etag } });
    expect(patched.status).toBe(200);
    const read = await api.call('GET', `${clusters}/${created._id}`);
    expect(read.body.description).toBe('two');
    expect(read.headers.get('etag')).toBe(`"${patched.body._etag}"`);
  });
});
