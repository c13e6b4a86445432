// Every writable resource checked alike (KC-RES-<resource>-<n>), from its declaration in
// resource-contracts.ts: the same eight behaviours, each verified by reading the store back.
// No check relies on a write that changes nothing: in Eve 2.3 such a write in the same second answers 412.
import { check } from '../check.js';
import type { Check, Doc } from '../check.js';
import { expectEqual, expectEveError, expectIssue, expectStatus, expectThat, idsOf, show } from '../expect.js';
import { resourceContracts } from './resource-contracts.js';
import { ResourceUnderTest } from './resource-subject.js';

const HEX24 = /^[0-9a-f]{24}$/;
const HEX40 = /^[0-9a-f]{40}$/;
const WRONG_ETAG = '0123456789abcdef0123456789abcdef01234567';
const UNKNOWN_FIELD = { colour: 'blue' };

interface Behaviour {
  n: number;
  title: string;
  run(s: ResourceUnderTest): Promise<void>;
}

function without(doc: Doc, fields: readonly string[]): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !fields.includes(field)));
}

function expectLater(after: Doc, before: Doc, what: string, exchange: Parameters<typeof expectThat>[3]): void {
  const moved = Date.parse(after['_updated']) > Date.parse(before['_updated']);
  expectThat(moved, `_updated read back later than before the ${what}`, `${before['_updated']} → ${after['_updated']}`, exchange);
}

async function createAndReadBack(s: ResourceUnderTest): Promise<void> {
  const { sent, answer } = await s.post();
  const body = answer.body as Doc;
  expectThat(HEX24.test(body['_id']) && HEX40.test(body['_etag']), '_id of 24 and _etag of 40 hex digits', show([body['_id'], body['_etag']]), answer);
  expectEqual(body['_status'], 'OK', '_status', answer);
  const href = String(body['_links']?.self?.href ?? '');
  expectThat(href.endsWith(`${s.resource}/${body['_id']}`), `_links.self.href ending in ${s.resource}/<_id>`, show(body['_links']), answer);
  const stored = await s.t.expectStored(answer, s.resource);
  s.expectFields(stored, sent, 'after the POST', answer);
}

async function patchEachField(s: ResourceUnderTest): Promise<void> {
  const { doc, refs } = await s.post();
  await s.t.letTimePass();
  let current = doc;
  for (const [field, value] of Object.entries(s.changes(refs))) {
    const answer = await s.t.api.patch(s.resource, doc['_id'], { [field]: value }, current['_etag']);
    expectStatus(answer, 200);
    expectEqual(answer.body?.[field], value, `${field} in the PATCH answer`, answer);
    const stored = await s.t.expectStored(answer, s.resource);
    expectEqual(s.clientView(stored), { ...s.clientView(current), [field]: value }, `the fields read back after PATCH {"${field}": …} (it changed, the others kept)`, answer);
    expectThat(stored['_etag'] !== current['_etag'], 'a new _etag read back', show(stored['_etag']), answer);
    expectEqual(stored['_created'], doc['_created'], '_created read back (kept)', answer);
    expectLater(stored, doc, 'PATCH', answer);
    current = stored;
  }
}

async function putAndReadBack(s: ResourceUnderTest): Promise<void> {
  const { doc, sent, refs } = await s.post();
  await s.t.letTimePass();
  const replacement = without({ ...sent, ...s.changes(refs) }, s.contract.leftOutOfPut);
  const answer = await s.t.api.put(s.resource, doc['_id'], replacement, doc['_etag']);
  expectStatus(answer, 200);
  const stored = await s.t.expectStored(answer, s.resource);
  s.expectFields(stored, replacement, 'after the PUT', answer);
  for (const field of s.contract.leftOutOfPut) expectThat(stored[field] === undefined, `no ${field} read back after a PUT without it`, show(stored[field]), answer);
  expectEqual([stored['_id'], stored['_created']], [doc['_id'], doc['_created']], '[_id, _created] read back (kept)', answer);
  expectLater(stored, doc, 'PUT', answer);
}

async function conditionalWrites(s: ResourceUnderTest): Promise<void> {
  const { doc, sent, refs } = await s.post();
  const changes = s.changes(refs);
  const attempts = [
    ['PATCH', undefined, 428],
    ['PUT', undefined, 428],
    ['PATCH', WRONG_ETAG, 412],
    ['PUT', `"${WRONG_ETAG}"`, 412],
  ] as const;
  for (const [method, etag, status] of attempts) {
    const answer =
      method === 'PATCH' ? await s.t.api.patch(s.resource, doc['_id'], changes, etag) : await s.t.api.put(s.resource, doc['_id'], { ...sent, ...changes }, etag);
    expectEveError(answer, status);
    await s.t.expectUnchanged(doc, answer, s.resource);
  }
}

async function deleteAndGone(s: ResourceUnderTest): Promise<void> {
  const { doc } = await s.post();
  const answer = await s.t.api.delete(s.resource, doc['_id'], doc['_etag']);
  expectStatus(answer, 204);
  expectThat(answer.text === '', 'no body', answer.text, answer);
  expectEveError(await s.t.api.get(s.resource, doc['_id']), 404);
  await s.expectNamed(doc['name'], 0, answer);
}

async function listAndWhere(s: ResourceUnderTest): Promise<void> {
  const refs = await s.refs();
  const [first, second] = [await s.post('listed', { refs }), await s.post('listed', { refs })];
  const byName = await s.t.api.list(s.resource, { where: JSON.stringify({ name: first.doc['name'] }) });
  expectStatus(byName, 200);
  expectEqual(idsOf(byName), [first.doc['_id']], `_id of every ${s.resource} item where name is ${first.doc['name']}`, byName);
  expectEqual(s.clientView(byName.body._items[0]), s.clientView(first.doc), 'the listed item (as read by its id)', byName);
  const mine = await s.t.api.list(s.resource, { where: s.t.scopedWhere(`${s.contract.key.toLowerCase()}-listed-`) });
  expectStatus(mine, 200);
  expectEqual(idsOf(mine).sort(), [first.doc['_id'], second.doc['_id']].sort(), `_id of every ${s.resource} item named <prefix>${s.contract.key.toLowerCase()}-listed-*`, mine);
}

async function refuseInvalid(s: ResourceUnderTest): Promise<void> {
  const refs = await s.refs();
  const invalid: Array<{ extra: Doc; issue: string; message: RegExp }> = [
    { extra: UNKNOWN_FIELD, issue: 'colour', message: /unknown/ },
    ...Object.keys(s.contract.wrongType).map((field) => ({ extra: s.contract.wrongType, issue: field, message: /type/ })),
  ];
  for (const { extra, issue, message } of invalid) {
    const sent = { ...s.body(refs, 'invalid'), ...extra };
    const answer = await s.t.api.create(s.resource, sent);
    expectStatus(answer, 422);
    expectIssue(answer, [issue], message);
    await s.expectNamed(sent['name'], 0, answer);
  }
  const { doc } = await s.post('kept', { refs });
  for (const { extra, issue, message } of invalid) {
    const answer = await s.t.api.patch(s.resource, doc['_id'], extra, doc['_etag']);
    expectStatus(answer, 422);
    expectIssue(answer, [issue], message);
    await s.t.expectUnchanged(doc, answer, s.resource);
  }
}

async function refuseRepeatedValues(s: ResourceUnderTest): Promise<void> {
  const refs = await s.refs();
  for (const field of s.contract.unique) {
    const first = await s.post('unique', { refs });
    const taken = first.doc[field];
    const repeat = await s.t.api.create(s.resource, { ...s.body(refs, 'unique'), [field]: taken });
    expectStatus(repeat, 422);
    expectIssue(repeat, [field], /unique/);
    await s.expectNamed(taken, 1, repeat, field);
    const other = await s.post('unique', { refs });
    const renamed = await s.t.api.patch(s.resource, other.doc['_id'], { [field]: taken }, other.doc['_etag']);
    expectStatus(renamed, 422);
    expectIssue(renamed, [field], /unique/);
    await s.t.expectUnchanged(other.doc, renamed, s.resource);
  }
}

/** The behaviours, numbered as the requirements are (KC-RES-<resource>-<n>). */
const behaviours: readonly Behaviour[] = [
  { n: 1, title: 'POST answers 201 and the envelope; read back, every field sent is stored as sent', run: createAndReadBack },
  { n: 2, title: 'PATCH of each field a client changes: read back, that field changed, the rest kept, _updated moved, _created kept', run: patchEachField },
  { n: 3, title: 'PUT replaces: read back, every field sent, the left-out ones gone, _created kept, _updated moved', run: putAndReadBack },
  { n: 4, title: 'PATCH and PUT without If-Match answer 428, with a wrong one 412; nothing changes', run: conditionalWrites },
  { n: 5, title: 'DELETE with If-Match answers 204; then GET answers 404 and where by name finds nothing', run: deleteAndGone },
  { n: 6, title: 'where by name finds exactly that item, as read by its id; a regex on names lists exactly the ones made', run: listAndWhere },
  { n: 7, title: 'an unknown field or a wrong type answers 422 naming it, on POST (nothing stored) and PATCH (nothing changed)', run: refuseInvalid },
  { n: 8, title: 'a repeated name (each unique field) answers 422 "not unique", on POST and on a PATCH of another; nothing stored or changed', run: refuseRepeatedValues },
];

export const resourceChecks: Check[] = resourceContracts.flatMap((contract) =>
  behaviours.map((behaviour) =>
    check(`KC-RES-${contract.key}-${behaviour.n}`, `${contract.resource}: ${behaviour.title}`, ['writes'], async (t) => {
      const subject = new ResourceUnderTest(t, contract);
      await subject.requireServed();
      await behaviour.run(subject);
    }),
  ),
);
