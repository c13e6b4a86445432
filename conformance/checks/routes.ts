// Routes, documents and authentication.
import { check } from '../check.js';
import type { Check } from '../check.js';
import type { Exchange } from '../client.js';
import { answerOf, expectEqual, expectEveBody, expectEveError, expectHeader, expectIssue, expectStatus, expectThat, idsOf, show } from '../expect.js';

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

  check('KC-AUTH-3', "another tenant cannot read, change or delete a cluster; its owner reads it back unchanged", ['writes', 'token2'], async (t) => {
    const mine = await t.createCluster({ description: 'mine' }, 'isolated');
    const other = t.other;
    expectEveError(await other.getCluster(mine['_id']), 404);
    // Eve checks the precondition first, then ownership: PUT finds the document (403), PATCH and DELETE do not.
    const attempts: Array<[() => Promise<Exchange>, number[]]> = [
      [() => other.patch('kubeclusters', mine['_id'], { description: 'taken over' }, mine['_etag']), [404]],
      [() => other.put('kubeclusters', mine['_id'], { name: `${mine['name']}-taken` }, mine['_etag']), [403, 404]],
      [() => other.delete('kubeclusters', mine['_id'], mine['_etag']), [204, 404]],
    ];
    for (const [send, statuses] of attempts) {
      const attempt = await send();
      expectStatus(attempt, ...statuses);
      if (attempt.status === 204) expectThat(attempt.text === '', 'no body with 204', attempt.text, attempt);
      else expectEveBody(attempt);
      await t.expectUnchanged(mine, attempt);
    }
    const listed = await other.list('kubeclusters', { where: JSON.stringify({ name: mine['name'] }) });
    expectStatus(listed, 200);
    expectEqual(idsOf(listed), [], "the other tenant's list for that name", listed);
  }),

  check('KC-AUTH-4', "a name one tenant uses: another tenant gets its own cluster or 422 not unique, and the first is untouched", ['writes', 'token2'], async (t) => {
    const mine = await t.createCluster({ description: 'first' }, 'shared-name');
    const theirs = await t.other.create('kubeclusters', { name: mine['name'], description: 'second' });
    expectStatus(theirs, 201, 422);
    if (theirs.status === 422) {
      expectIssue(theirs, ['name'], /unique/);
      const found = await t.other.list('kubeclusters', { where: JSON.stringify({ name: mine['name'] }) });
      expectEqual(idsOf(found), [], "the second tenant's clusters of that name after the 422", found);
    } else {
      expectThat(theirs.body?._id !== mine['_id'], 'a cluster of its own (another _id)', show(theirs.body?._id), theirs);
      const own = await t.other.getCluster(theirs.body?._id);
      expectStatus(own, 200);
      expectEqual(own.body?.description, 'second', "the second tenant's cluster read back: description", own);
      const mineListed = await t.api.list('kubeclusters', { where: JSON.stringify({ name: mine['name'] }) });
      expectEqual(idsOf(mineListed), [mine['_id']], "the first tenant's clusters of that name", mineListed);
    }
    await t.expectUnchanged(mine, theirs);
  }),
];
