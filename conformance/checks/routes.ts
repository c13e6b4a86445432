// Routes, documents and authentication.
import { check } from '../check.js';
import type { Check } from '../check.js';
import { answerOf, expectEqual, expectEveError, expectHeader, expectStatus, expectThat, idsOf, show } from '../expect.js';

export const routeChecks: Check[] = [
  check('KC-ROUTE-1', 'the collection and the item answer under /api/v1', ['writes'], async (t) => {
    const list = await t.api.list('kubeclusters', { max_results: 1 });
    expectStatus(list, 200);
    const created = await t.createCluster();
    const item = await t.api.getCluster(created['_id']);
    expectStatus(item, 200);
    expectEqual(item.body._id, created['_id'], '_id of GET /api/v1/kubeclusters/{_id}', item);
  }),

  check('KC-ROUTE-2', 'GET /api-docs serves an OpenAPI document describing /kubeclusters', [], async (t) => {
    const docs = await t.api.request('GET', '/api-docs');
    expectStatus(docs, 200);
    const paths = Object.keys(docs.body?.paths ?? {});
    expectThat(typeof (docs.body?.openapi ?? docs.body?.swagger) === 'string', 'an OpenAPI (or Swagger) document', () => answerOf(docs), docs);
    expectThat(paths.some((path) => path.includes('kubeclusters')), 'paths naming kubeclusters', show(paths), docs);
  }),

  check('KC-ROUTE-3', 'a method a route does not offer answers 405 with the Eve error body', [], async (t) => {
    expectEveError(await t.api.request('DELETE', '/api/v1/kubeclusters'), 405);
    expectEveError(await t.api.request('POST', '/api/v1/kubeclusters/5eb599e603f7a77d5223efee', { body: { name: 'x' } }), 405);
  }),

  check('KC-ROUTE-4', 'an unknown route answers 404 with the Eve error body', [], async (t) => {
    expectEveError(await t.api.request('GET', '/api/v1/no-such-resource'), 404);
  }),

  check('KC-ROUTE-5', 'GET /kubeclusters/cloudcasa-images lists images as {name, tag}', [], async (t) => {
    const images = await t.api.request('GET', '/api/v1/kubeclusters/cloudcasa-images');
    expectStatus(images, 200);
    const list = images.body as Array<Record<string, unknown>>;
    const wellFormed = Array.isArray(list) && list.length > 0 && list.every((i) => typeof i['name'] === 'string' && typeof i['tag'] === 'string');
    expectThat(wellFormed, 'a non-empty list of {name, tag}', () => answerOf(images), images);
  }),
];

export const authChecks: Check[] = [
  check('KC-AUTH-1', 'a request without a bearer token answers 401 with a challenge', [], async (t) => {
    const anonymous = await t.api.list('kubeclusters', {}, { token: null });
    expectEveError(anonymous, 401);
    expectHeader(anonymous, 'WWW-Authenticate', /\S/, 'a challenge');
  }),

  check('KC-AUTH-2', 'a malformed or unknown token is refused with 401 or 403 and cannot write', ['writes'], async (t) => {
    const tokens = ['not<a>token', `unknown-${t.target.config.runId}`];
    // A mock started without --tokens takes any well-formed token as a tenant; only the malformed one is wrong there.
    if ((await t.target.control?.config().catch(() => undefined))?.tokens === 'any') tokens.pop();
    for (const token of tokens) {
      expectEveError(await t.api.list('kubeclusters', { max_results: 1 }, { token }), 401, 403);
      const name = t.name('wrong-token');
      expectEveError(await t.api.create('kubeclusters', { name }, { token }), 401, 403);
      const found = await t.api.list('kubeclusters', { where: JSON.stringify({ name }) });
      expectStatus(found, 200);
      expectEqual(found.body._meta?.total, 0, `clusters named ${name} after the refused POST`, found);
    }
  }),

  check('KC-AUTH-3', "another tenant's cluster is invisible: 404 to GET, PATCH and DELETE, absent from lists", ['writes', 'token2'], async (t) => {
    const mine = await t.createCluster({}, 'isolated');
    const other = t.other;
    expectEveError(await other.getCluster(mine['_id']), 404);
    expectEveError(await other.patch('kubeclusters', mine['_id'], { description: 'taken over' }, mine['_etag']), 404);
    expectEveError(await other.delete('kubeclusters', mine['_id'], mine['_etag']), 404);
    const listed = await other.list('kubeclusters', { where: JSON.stringify({ name: mine['name'] }) });
    expectStatus(listed, 200);
    expectEqual(idsOf(listed), [], "the other tenant's list for that name", listed);
    const after = await t.read(mine['_id']);
    expectEqual(after['_etag'], mine['_etag'], '_etag after the other tenant tried to write');
  }),

  check('KC-AUTH-4', 'the same name may exist once in each tenant', ['writes', 'token2'], async (t) => {
    const mine = await t.createCluster({}, 'shared-name');
    const theirs = await t.other.create('kubeclusters', { name: mine['name'] });
    expectStatus(theirs, 201);
  }),
];
