// Profile option noopWriteConflict: Eve 2.3's 412 to a PUT that repeats the previous PUT's document
// within the same second (off in every built-in profile).
import { describe, expect, it } from 'vitest';
import { profiles } from '../options.js';
import { testApi } from '../test-support/api.js';
import type { Json, TestApi } from '../test-support/api.js';

const item = (id: string) => `/api/v1/kubeclusters/${id}`;
const body = { name: 'prod-x', description: 'replaced' };
const eveConflict = { _status: 'ERR', _error: { code: 412, message: "Client and server etags don't match" } };

const write = (api: TestApi, method: 'PUT' | 'PATCH', doc: Json, sent: Json) =>
  api.call(method, item(doc._id), { body: sent, headers: { 'If-Match': doc._etag } });

describe('noopWriteConflict (Eve 2.3 same-second no-op PUT)', () => {
  it('is off in every built-in profile', () => {
    expect(Object.values(profiles).map((profile) => profile.noopWriteConflict)).toEqual([false, false, false]);
  });

  it('answers 412 to a PUT repeating the previous PUT in the same second, and changes nothing', async () => {
    const api = testApi({ profile: { base: 'strict', noopWriteConflict: true } });
    const created = await api.createCluster({ name: 'prod-x' });
    const first = await write(api, 'PUT', created, body);
    expect(first.status).toBe(200);
    const again = await write(api, 'PUT', first.body, body);
    expect(again.status).toBe(412);
    expect(again.body).toEqual(eveConflict);
    const read = await api.call('GET', item(created._id));
    expect(read.body).toMatchObject({ ...body, _etag: first.body._etag, _updated: first.body._updated });
  });

  it('takes the same PUT a second later, a PUT after a POST or a PATCH, a PUT that changes a field, and every PATCH', async () => {
    const api = testApi({ profile: { base: 'strict', noopWriteConflict: true } });
    const created = await api.createCluster({ name: 'prod-x', description: 'replaced' });
    const afterPost = await write(api, 'PUT', created, body);
    expect(afterPost.status, 'a PUT equal to what the POST stored').toBe(200);
    const changed = await write(api, 'PUT', afterPost.body, { ...body, description: 'other' });
    expect(changed.status, 'a PUT that changes a field').toBe(200);
    api.clock.advance(1000);
    const later = await write(api, 'PUT', changed.body, { ...body, description: 'other' });
    expect(later.status, 'the same PUT a second later').toBe(200);
    const patched = await write(api, 'PATCH', later.body, { description: 'other' });
    const patchedAgain = await write(api, 'PATCH', patched.body, { description: 'other' });
    expect([patched.status, patchedAgain.status], 'PATCHes with the stored value').toEqual([200, 200]);
    expect((await write(api, 'PUT', patchedAgain.body, { ...body, description: 'other' })).status, 'a PUT equal to what a PATCH stored').toBe(200);
  });

  it('is off by default: the repeated PUT succeeds with a new etag', async () => {
    const api = testApi();
    const created = await api.createCluster({ name: 'prod-x' });
    const first = await write(api, 'PUT', created, body);
    const again = await write(api, 'PUT', first.body, body);
    expect(again.status).toBe(200);
    expect(again.body._etag).not.toBe(first.body._etag);
  });
});
