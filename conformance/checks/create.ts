// Create and validation.
import { randomBytes } from 'node:crypto';
import { agentUrlOf, check } from '../check.js';
import type { Check, CheckContext, Doc } from '../check.js';
import { answerOf, expectEqual, expectEveError, expectIssue, expectRule, expectStatus, expectThat, show } from '../expect.js';
import { locationOfCreated } from '../rules/answers.js';

const HEX24 = /^[0-9a-f]{24}$/;
const HEX40 = /^[0-9a-f]{40}$/;
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** POSTs a body the server must refuse with 422, then checks that nothing named so was stored. */
async function expectRefused(t: CheckContext, body: Doc, issuePath: string[], message?: RegExp) {
  const answer = await t.api.create('kubeclusters', body);
  expectStatus(answer, 422);
  expectThat(answer.body?._status === 'ERR', '_status "ERR"', () => answerOf(answer), answer);
  expectIssue(answer, issuePath, message);
  if (typeof body['name'] === 'string') await expectNoneNamed(t, body['name']);
  return answer;
}

async function expectNoneNamed(t: CheckContext, name: string, expected = 0) {
  const found = await t.api.list('kubeclusters', { where: JSON.stringify({ name }) });
  expectStatus(found, 200);
  expectEqual(found.body?._meta?.total, expected, `how many clusters are named ${name}`, found);
}

export const createChecks: Check[] = [
  check('KC-CREATE-1', 'POST answers 201 and a Location naming the new item', ['writes'], async (t) => {
    const answer = await t.api.createCluster({ name: t.name('location') });
    expectStatus(answer, 201);
    expectRule(answer, locationOfCreated);
  }),

  check('KC-CREATE-2', 'the POST answer holds the meta fields, _status OK and the stored fields', ['writes'], async (t) => {
    const input = { name: t.name('envelope'), description: 'Created for testing purposes', tags: { testkey: 'testval' }, image_pull_secret_name: 'myregistrykey' };
    const answer = await t.api.createCluster(input);
    expectStatus(answer, 201);
    const body = answer.body as Doc;
    expectThat(HEX24.test(body['_id']), '_id of 24 hex digits', show(body['_id']), answer);
    expectThat(HEX40.test(body['_etag']), '_etag of 40 hex digits', show(body['_etag']), answer);
    expectThat(RFC1123.test(body['_created']) && RFC1123.test(body['_updated']), '_created and _updated as RFC 1123 dates', `${body['_created']} / ${body['_updated']}`, answer);
    expectEqual(body['_status'], 'OK', '_status', answer);
    expectEqual(body['_links']?.self?.title, 'Kubecluster', '_links.self.title', answer);
    expectThat(String(body['_links']?.self?.href ?? '').endsWith(`kubeclusters/${body['_id']}`), '_links.self.href ending in kubeclusters/<_id>', show(body['_links']), answer);
    for (const [field, value] of Object.entries(input)) expectEqual(body[field], value, field, answer);
    await t.expectStored(answer);
  }),

  check('KC-CREATE-3', 'the POST answer carries status.agentURL', ['writes'], async (t) => {
    const answer = await t.api.createCluster({ name: t.name('agent-url'), description: 'as the Rancher extension sends it' });
    expectStatus(answer, 201);
    const url = agentUrlOf(answer.body);
    expectThat(url !== undefined && /^https?:\/\//.test(url), 'status.agentURL (any case) holding an http(s) URL', show(answer.body?.status), answer);
    expectEqual(agentUrlOf(await t.read(answer.body?._id)), url, 'status.agentURL read back');
  }),

  check('KC-CREATE-4', 'kublet_pods_dir defaults to /var/lib/kubelet/pods', ['writes'], async (t) => {
    const created = await t.createCluster();
    expectEqual(created['kublet_pods_dir'], '/var/lib/kubelet/pods', 'kublet_pods_dir in the POST answer');
    expectEqual((await t.read(created['_id']))['kublet_pods_dir'], '/var/lib/kubelet/pods', 'kublet_pods_dir when read back');
  }),

  check('KC-CREATE-5', 'a client cannot set status on create, nor send a malformed _id', ['writes'], async (t) => {
    await expectRefused(t, { name: t.name('own-status'), status: { state: 'ACTIVE' } }, ['status'], /read-only/);
    await expectRefused(t, { name: t.name('bad-id'), _id: 'not-an-object-id' }, ['_id']);
  }),

  check('KC-CREATE-6', 'a JSON array creates all documents or none', ['writes'], async (t) => {
    const names = [t.name('bulk'), t.name('bulk')];
    const both = await t.api.create('kubeclusters', names.map((name) => ({ name })));
    expectStatus(both, 201);
    expectEqual(both.body?._items?.map((item: Doc) => item['_status']), ['OK', 'OK'], '_items[]._status', both);
    for (const name of names) await expectNoneNamed(t, name, 1);
    const mixedName = t.name('bulk-mixed');
    const mixed = await t.api.create('kubeclusters', [{ name: mixedName }, { description: 'no name' }]);
    expectStatus(mixed, 422);
    await expectNoneNamed(t, mixedName);
    expectEveError(await t.api.create('kubeclusters', []), 400);
  }),

  check('KC-CREATE-7', 'the bodies real clients send are accepted', ['writes'], async (t) => {
    await t.create('kubeclusters', { name: t.name('rancher'), description: 'from the Rancher extension' });
    const store = await t.createObjectstore();
    const terraform = await t.create('kubeclusters', { name: t.name('terraform'), backup_provider: { user_objectstore: store['_id'] } });
    expectEqual(terraform['backup_provider'], { user_objectstore: store['_id'] }, 'backup_provider');
    expectEqual((await t.read(terraform['_id']))['backup_provider'], { user_objectstore: store['_id'] }, 'backup_provider read back');
  }),

  check('KC-CREATE-8', 'a client-chosen _id is stored as given, or refused with 422', ['writes'], async (t) => {
    const id = randomBytes(12).toString('hex');
    const name = t.name('own-id');
    const answer = await t.api.create('kubeclusters', { name, _id: id });
    expectStatus(answer, 201, 422);
    if (answer.status === 422) {
      expectIssue(answer, ['_id']);
      return expectNoneNamed(t, name);
    }
    expectEqual(answer.body?._id, id, '_id in the POST answer', answer);
    expectEqual((await t.read(id))['name'], name, `the name of the cluster read back at /kubeclusters/${id}`);
    await t.expectStored(answer);
  }),

  check('KC-CREATE-9', 'a form-encoded body is stored as sent, or refused with 400 or 415', ['writes'], async (t) => {
    const fields = { name: t.name('form'), description: 'sent as a form' };
    const form = { rawBody: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
    const answer = await t.api.request('POST', '/api/v1/kubeclusters', form);
    expectStatus(answer, 201, 400, 415);
    if (answer.status !== 201) {
      expectEveError(answer, answer.status);
      return expectNoneNamed(t, fields.name);
    }
    const stored = await t.expectStored(answer);
    for (const [field, value] of Object.entries(fields)) expectEqual(stored[field], value, `${field} read back`);
  }),
];

export const validationChecks: Check[] = [
  check('KC-VALID-1', 'a missing name answers 422 "required field" with _error.code 422', ['writes'], async (t) => {
    const answer = await t.api.create('kubeclusters', { description: t.name('nameless') });
    expectStatus(answer, 422);
    expectIssue(answer, ['name'], /required/);
    expectEqual(answer.body?._error?.code, 422, '_error.code', answer);
  }),

  check('KC-VALID-2', 'a wrong type answers 422 naming the field', ['writes'], async (t) => {
    await expectRefused(t, { name: t.name('typed'), description: 123 }, ['description'], /string/);
    await expectRefused(t, { name: t.name('typed'), tags: 'not-a-map' }, ['tags']);
  }),

  check('KC-VALID-3', 'an unknown field answers 422 "unknown field"', ['writes'], async (t) => {
    await expectRefused(t, { name: t.name('unknown'), colour: 'blue' }, ['colour'], /unknown/);
  }),

  check('KC-VALID-4', 'backup_provider.type must be aws or azure', ['writes'], async (t) => {
    await expectRefused(t, { name: t.name('gcp'), backup_provider: { type: 'gcp', region: 'us-east-1' } }, ['backup_provider', 'type'], /unallowed|gcp/);
  }),

  check('KC-VALID-5', 'type and region come together', ['writes'], async (t) => {
    await expectRefused(t, { name: t.name('type-only'), backup_provider: { type: 'aws' } }, ['backup_provider']);
    await expectRefused(t, { name: t.name('region-only'), backup_provider: { region: 'us-east-1' } }, ['backup_provider']);
  }),

  check('KC-VALID-6', 'the region must belong to the chosen cloud', ['writes'], async (t) => {
    await expectRefused(t, { name: t.name('wrong-region'), backup_provider: { type: 'aws', region: 'westeurope' } }, ['backup_provider']);
    await expectRefused(t, { name: t.name('no-region'), backup_provider: { type: 'azure', region: 'atlantis-1' } }, ['backup_provider']);
    await t.createCluster({ backup_provider: { type: 'azure', region: 'westeurope' } });
  }),

  check('KC-VALID-7', 'user_objectstore must name an existing objectstore', ['writes'], async (t) => {
    await expectRefused(t, { name: t.name('dangling'), backup_provider: { user_objectstore: 'ffffffffffffffffffffffff' } }, ['backup_provider']);
  }),

  check('KC-VALID-8', 'a second cluster with the same name answers 422 "not unique"', ['writes'], async (t) => {
    const first = await t.createCluster({}, 'twin');
    const second = await t.api.create('kubeclusters', { name: first['name'] });
    expectStatus(second, 422);
    expectIssue(second, ['name'], /unique/);
    await expectNoneNamed(t, first['name'], 1);
  }),

  check('KC-VALID-9', 'malformed JSON answers 400, a body that is not JSON 400 or 415', ['writes'], async (t) => {
    const name = t.name('malformed');
    expectEveError(await t.api.request('POST', '/api/v1/kubeclusters', { rawBody: `{"name": "${name}"` }), 400);
    expectEveError(await t.api.request('POST', '/api/v1/kubeclusters', { rawBody: `name=${name}`, headers: { 'Content-Type': 'text/plain' } }), 400, 415);
    await expectNoneNamed(t, name);
  }),
];
