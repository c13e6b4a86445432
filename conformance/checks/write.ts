// ETag rules, update, replace and delete.
import { randomBytes } from 'node:crypto';
import { check } from '../check.js';
import type { Check, Doc } from '../check.js';
import { answerOf, expectEqual, expectEveError, expectIssue, expectStatus, expectThat, idsOf, show } from '../expect.js';

const HEX40 = /^[0-9a-f]{40}$/;
const WRONG_ETAG = '0123456789abcdef0123456789abcdef01234567';

/** What a client may send back on PUT: the resource without the fields the overview says to drop. */
function replacementOf(doc: Doc): Doc {
  const { _created, _updated, _links, _etag, _status, ...rest } = doc;
  return rest;
}

export const etagChecks: Check[] = [
  check('KC-ETAG-1', '_etag is 40 hex digits and changes with every stored change', ['writes'], async (t) => {
    const created = await t.createCluster();
    expectThat(HEX40.test(created['_etag']), '_etag of 40 hex digits', show(created['_etag']));
    const patched = await t.api.patch('kubeclusters', created['_id'], { description: 'one' }, created['_etag']);
    expectStatus(patched, 200);
    expectThat(patched.body?._etag !== created['_etag'] && HEX40.test(patched.body?._etag), 'a new 40-hex _etag after PATCH', show(patched.body?._etag), patched);
    await t.expectStored(patched);
  }),

  check('KC-ETAG-2', 'PATCH and PUT without If-Match answer 428 and change nothing', ['writes'], async (t) => {
    const created = await t.createCluster();
    const patch = await t.api.patch('kubeclusters', created['_id'], { description: 'no etag' }, undefined);
    expectEveError(patch, 428);
    await t.expectUnchanged(created, patch);
    const put = await t.api.put('kubeclusters', created['_id'], { name: created['name'], description: 'no etag' }, undefined);
    expectEveError(put, 428);
    await t.expectUnchanged(created, put);
  }),

  check('KC-ETAG-3', 'PATCH and PUT with a wrong If-Match answer 412 and change nothing', ['writes'], async (t) => {
    const created = await t.createCluster();
    const patch = await t.api.patch('kubeclusters', created['_id'], { description: 'wrong etag' }, WRONG_ETAG);
    expectEveError(patch, 412);
    await t.expectUnchanged(created, patch);
    const put = await t.api.put('kubeclusters', created['_id'], { name: created['name'] }, `"${WRONG_ETAG}"`);
    expectEveError(put, 412);
    await t.expectUnchanged(created, put);
  }),

  check('KC-ETAG-4', 'If-Match is accepted bare, quoted and weak', ['writes'], async (t) => {
    let current = await t.createCluster();
    for (const form of [(e: string) => e, (e: string) => `"${e}"`, (e: string) => `W/"${e}"`]) {
      const header = form(current['_etag']);
      const answer = await t.api.patch('kubeclusters', current['_id'], { description: `If-Match: ${header}` }, header);
      expectStatus(answer, 200);
      current = await t.expectStored(answer);
    }
  }),

  check('KC-ETAG-5', 'of two writers with the same If-Match exactly one wins', ['writes'], async (t) => {
    const created = await t.createCluster();
    const [a, b] = await Promise.all(
      ['writer A', 'writer B'].map((description) => t.api.patch('kubeclusters', created['_id'], { description }, created['_etag'])),
    );
    const statuses = [a!.status, b!.status].sort();
    expectEqual(statuses, [200, 412], 'the two statuses', a!.status === 200 ? b : a);
    const winner = a!.status === 200 ? a! : b!;
    const stored = await t.read(created['_id']);
    expectEqual([stored['description'], stored['_etag']], [winner.body?.description, winner.body?._etag], "[description, _etag] read back (the winner's)");
  }),
];

export const updateChecks: Check[] = [
  check('KC-UPDATE-1', 'PATCH answers the full resource with a new _etag; read back, it is stored, _updated moved, _created kept', ['writes'], async (t) => {
    const created = await t.createCluster({ description: 'before', tags: { keep: 'me' } });
    await t.letTimePass();
    const name = t.name('renamed');
    const answer = await t.api.patch('kubeclusters', created['_id'], { name, description: 'New description' }, created['_etag']);
    expectStatus(answer, 200);
    const body = answer.body as Doc;
    expectEqual([body['name'], body['description']], [name, 'New description'], '[name, description]', answer);
    expectEqual(body['tags'], { keep: 'me' }, 'tags (untouched by the PATCH)', answer);
    expectThat(body['_etag'] !== created['_etag'], 'a new _etag', show(body['_etag']), answer);
    const stored = await t.expectStored(answer);
    expectEqual(stored['_created'], created['_created'], '_created read back (kept)', answer);
    expectThat(Date.parse(stored['_updated']) > Date.parse(created['_updated']), '_updated read back later than before the PATCH', `${created['_updated']} → ${stored['_updated']}`, answer);
  }),

  check('KC-UPDATE-2', 'PATCH merges nested objects; a nested patch invalid on its own is refused as sent or merged first', ['writes'], async (t) => {
    const store = await t.createObjectstore();
    const created = await t.createCluster({ tags: { a: '1' }, backup_provider: { type: 'aws', region: 'us-east-1', user_objectstore: store['_id'] } });
    const merged = await t.api.patch('kubeclusters', created['_id'], { tags: { b: '2' }, backup_provider: { type: 'azure', region: 'westeurope' } }, created['_etag']);
    expectStatus(merged, 200);
    expectEqual(merged.body?.backup_provider, { type: 'azure', region: 'westeurope', user_objectstore: store['_id'] }, 'backup_provider (user_objectstore kept)', merged);
    expectEqual(merged.body?.tags, { a: '1', b: '2' }, 'tags (a kept)', merged);
    const stored = await t.expectStored(merged);
    // Eve validates the patch as sent (region needs type there: 422); a server that merges first keeps type.
    const partial = await t.api.patch('kubeclusters', created['_id'], { backup_provider: { region: 'westus' } }, stored['_etag']);
    expectStatus(partial, 200, 422);
    if (partial.status === 422) {
      expectIssue(partial, ['backup_provider']);
      return void (await t.expectUnchanged(stored, partial));
    }
    expectEqual(partial.body?.backup_provider, { type: 'azure', region: 'westus', user_objectstore: store['_id'] }, 'backup_provider merged', partial);
    await t.expectStored(partial);
  }),

  check('KC-UPDATE-3', 'PUT replaces the document and keeps _id, _created and status; read back, it is the replacement', ['writes'], async (t) => {
    const created = await t.createCluster({ description: 'goes away', tags: { gone: 'yes' }, kublet_pods_dir: '/data/pods' });
    await t.letTimePass();
    const name = t.name('replaced');
    const answer = await t.api.put('kubeclusters', created['_id'], { name }, created['_etag']);
    expectStatus(answer, 200);
    const body = answer.body as Doc;
    expectEqual(body['name'], name, 'name', answer);
    expectThat(body['description'] === undefined && body['tags'] === undefined, 'description and tags gone after PUT', show(body), answer);
    expectEqual(body['kublet_pods_dir'], '/var/lib/kubelet/pods', 'kublet_pods_dir back to its default', answer);
    expectEqual([body['_id'], body['_created']], [created['_id'], created['_created']], '[_id, _created]', answer);
    expectEqual(body['status']?.state, created['status']?.state, 'status.state after PUT', answer);
    const stored = await t.expectStored(answer);
    expectThat(stored['description'] === undefined && stored['tags'] === undefined, 'no description and no tags read back', show(stored), answer);
    expectThat(Date.parse(stored['_updated']) > Date.parse(created['_updated']), '_updated read back later than before the PUT', `${created['_updated']} → ${stored['_updated']}`, answer);
  }),

  check('KC-UPDATE-4', 'GET, drop the meta fields, change, PUT works with status sent back', ['writes'], async (t) => {
    const created = await t.createCluster({ description: 'recipe' });
    const current = await t.read(created['_id']);
    const body = { ...replacementOf(current), description: 'changed by the recipe' };
    const answer = await t.api.put('kubeclusters', created['_id'], body, current['_etag']);
    expectStatus(answer, 200);
    expectEqual(answer.body?.description, 'changed by the recipe', 'description', answer);
    await t.expectStored(answer);
  }),

  check('KC-UPDATE-5', 'a read-only field with a new value answers 422 and changes nothing', ['writes'], async (t) => {
    const created = await t.createCluster();
    const patch = await t.api.patch('kubeclusters', created['_id'], { status: { state: 'ACTIVE' } }, created['_etag']);
    expectStatus(patch, 422);
    expectIssue(patch, ['status'], /read-only/);
    await t.expectUnchanged(created, patch);
    const put = await t.api.put('kubeclusters', created['_id'], { name: created['name'], _created: 'Fri, 08 May 2020 17:41:58 GMT', status: { state: 'ACTIVE' } }, created['_etag']);
    expectStatus(put, 422);
    expectIssue(put, ['status'], /read-only/);
    await t.expectUnchanged(created, put);
  }),

  check('KC-UPDATE-6', 'PATCH and PUT validate the result: 422 and nothing changed', ['writes'], async (t) => {
    const created = await t.createCluster();
    const patch = await t.api.patch('kubeclusters', created['_id'], { backup_provider: { type: 'gcp', region: 'x' } }, created['_etag']);
    expectStatus(patch, 422);
    expectIssue(patch, ['backup_provider']);
    await t.expectUnchanged(created, patch);
    const put = await t.api.put('kubeclusters', created['_id'], { description: 'a PUT without a name' }, created['_etag']);
    expectStatus(put, 422);
    expectIssue(put, ['name'], /required/);
    await t.expectUnchanged(created, put);
  }),

  check('KC-UPDATE-7', 'PUT to an id that does not exist follows the profile (upsertOnPut)', ['writes'], async (t) => {
    const id = randomBytes(12).toString('hex');
    const name = t.name('upsert');
    const answer = await t.api.put('kubeclusters', id, { name }, WRONG_ETAG);
    if (!t.profile.upsertOnPut) {
      expectEveError(answer, 404);
      return expectEveError(await t.api.getCluster(id), 404);
    }
    expectStatus(answer, 201);
    const stored = await t.read(id);
    await t.api.removeOne('kubeclusters', id);
    expectEqual(stored['name'], name, `the name read back at /kubeclusters/${id}`);
  }),
];

export const deleteChecks: Check[] = [
  check('KC-DELETE-1', 'DELETE with If-Match answers 204 and the cluster is gone', ['writes'], async (t) => {
    const created = await t.createCluster();
    const answer = await t.api.delete('kubeclusters', created['_id'], created['_etag']);
    expectStatus(answer, 204);
    expectThat(answer.text === '', 'no body', answer.text, answer);
    expectEveError(await t.api.getCluster(created['_id']), 404);
    const listed = await t.api.list('kubeclusters', { where: JSON.stringify({ name: created['name'] }) });
    expectEqual(idsOf(listed), [], 'clusters listed under the deleted name', listed);
  }),

  check('KC-DELETE-2', 'DELETE without If-Match follows the profile (deleteRequiresIfMatch)', ['writes'], async (t) => {
    const created = await t.createCluster();
    const answer = await t.api.delete('kubeclusters', created['_id'], undefined);
    if (t.profile.deleteRequiresIfMatch) {
      expectEveError(answer, 428);
      await t.expectUnchanged(created, answer);
    } else {
      expectStatus(answer, 204);
      expectEveError(await t.api.getCluster(created['_id']), 404);
    }
  }),

  check('KC-DELETE-3', 'DELETE with a stale If-Match answers 412 and the cluster stays', ['writes'], async (t) => {
    const created = await t.createCluster();
    const answer = await t.api.delete('kubeclusters', created['_id'], WRONG_ETAG);
    expectEveError(answer, 412);
    await t.expectUnchanged(created, answer);
  }),

  check('KC-DELETE-4', 'a cluster a backup definition refers to cannot be deleted', ['writes'], async (t) => {
    const cluster = await t.createCluster();
    await t.createKubebackup(cluster['_id']);
    const answer = await t.api.delete('kubeclusters', cluster['_id'], cluster['_etag']);
    expectThat(answer.status >= 400 && answer.status < 500, 'a 4xx refusal', () => answerOf(answer), answer);
    expectEveError(answer, answer.status);
    await t.expectUnchanged(cluster, answer);
  }),

  check('KC-DELETE-5', 'DELETE of an id the tenant does not have answers 204 or 404 and deletes nothing', ['writes'], async (t) => {
    const kept = await t.createCluster({}, 'kept');
    const gone = await t.createCluster({}, 'gone');
    expectStatus(await t.api.delete('kubeclusters', gone['_id'], gone['_etag']), 204);
    for (const id of [gone['_id'], randomBytes(12).toString('hex')]) {
      const answer = await t.api.delete('kubeclusters', id, gone['_etag']);
      expectStatus(answer, 204, 404);
      if (answer.status === 404) expectEveError(answer, 404);
      await t.expectUnchanged(kept, answer);
      expectEveError(await t.api.getCluster(id), 404);
    }
  }),
];

export const relatedChecks: Check[] = [
  check('KC-RELATED-1', 'objectstores: Terraform body, envelopes and If-Match', ['writes'], async (t) => {
    const body = { name: t.name('store'), private: true, provider_type: 's3', bucket_name: 'backups', region: 'us-east-1', s3provider: { credentials: {} } };
    const created = await t.create('objectstores', body);
    expectEqual(created['_status'], 'OK', '_status');
    const noEtag = await t.api.put('objectstores', created['_id'], { ...body, bucket_name: 'other' }, undefined);
    expectEveError(noEtag, 428);
    await t.expectUnchanged(created, noEtag, 'objectstores');
    const replaced = await t.api.put('objectstores', created['_id'], { ...body, bucket_name: 'other' }, created['_etag']);
    expectStatus(replaced, 200);
    expectEqual(replaced.body?.bucket_name, 'other', 'bucket_name after PUT', replaced);
    await t.expectStored(replaced, 'objectstores');
  }),

  check('KC-RELATED-2', 'kubebackups: Terraform body with an empty status {}', ['writes'], async (t) => {
    const cluster = await t.createCluster();
    const backup = await t.create('kubebackups', {
      name: t.name('backup'),
      cluster: cluster['_id'],
      source: { all_namespaces: true, snapshotPersistentVolumes: true },
      status: {},
      trigger_type: 'ADHOC',
    });
    expectEqual(backup['cluster'], cluster['_id'], 'cluster of the backup definition');
    expectEqual((await t.read(backup['_id'], 'kubebackups'))['cluster'], cluster['_id'], 'cluster of the backup definition read back');
  }),
];
