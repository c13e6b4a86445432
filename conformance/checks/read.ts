// Read, conditional GET, lists, paging, where, sort and projection.
import { check } from '../check.js';
import type { Check, CheckContext, Doc } from '../check.js';
import { expectEqual, expectEveError, expectRule, expectStatus, expectThat, idsOf, namesOf, show } from '../expect.js';
import { etagHeader, lastModified } from '../rules/answers.js';
import { listCounts, listEnvelope, listHeaders, listLinks, listPaging } from '../rules/lists.js';

/** Creates `count` clusters named <prefix><label>-<n> in one go, in order. */
async function createMany(t: CheckContext, label: string, count: number, fields: (index: number) => Doc = () => ({})): Promise<Doc[]> {
  const created: Doc[] = [];
  for (let index = 0; index < count; index++) created.push(await t.create('kubeclusters', { name: `${t.prefix}${label}-${String(index).padStart(2, '0')}`, ...fields(index) }));
  return created;
}

/** Lists with `query` and expects exactly these names, in this order. */
async function expectListed(t: CheckContext, query: Record<string, string | number>, names: string[], what: string): Promise<void> {
  const answer = await t.api.list('kubeclusters', query);
  expectStatus(answer, 200);
  expectEqual(namesOf(answer), names, what, answer);
}

export const readChecks: Check[] = [
  check('KC-READ-1', 'GET item answers the full resource and an ETag equal to _etag', ['writes'], async (t) => {
    const created = await t.createCluster({ description: 'read me', tags: { team: 'conformance' } });
    const answer = await t.api.getCluster(created['_id']);
    expectStatus(answer, 200);
    expectRule(answer, etagHeader);
    for (const field of ['name', 'description', 'tags', '_created']) expectEqual(answer.body?.[field], created[field], field, answer);
  }),

  check('KC-READ-2', 'an unknown or malformed id answers 404 with the Eve error body', [], async (t) => {
    expectEveError(await t.api.getCluster('ffffffffffffffffffffffff'), 404);
    expectEveError(await t.api.getCluster('not-an-id'), 404);
  }),

  check('KC-READ-3', 'If-None-Match with the current ETag answers 304 with no body', ['writes'], async (t) => {
    const created = await t.createCluster();
    const current = await t.api.getCluster(created['_id'], { headers: { 'If-None-Match': `"${created['_etag']}"` } });
    expectStatus(current, 304);
    expectThat(current.text === '', 'no body', current.text, current);
    const stale = await t.api.getCluster(created['_id'], { headers: { 'If-None-Match': '"0000000000000000000000000000000000000000"' } });
    expectStatus(stale, 200);
  }),

  check('KC-READ-4', 'Last-Modified equals _updated and If-Modified-Since honours it', ['writes'], async (t) => {
    const created = await t.createCluster();
    const answer = await t.api.getCluster(created['_id']);
    expectStatus(answer, 200);
    expectRule(answer, lastModified);
    expectStatus(await t.api.getCluster(created['_id'], { headers: { 'If-Modified-Since': answer.headers.get('Last-Modified') ?? '' } }), 304);
    expectStatus(await t.api.getCluster(created['_id'], { headers: { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' } }), 200);
  }),
];

export const listChecks: Check[] = [
  check('KC-LIST-1', 'the collection answers _items, _meta and _links', [], async (t) => {
    const answer = await t.api.list('kubeclusters', { max_results: 2 });
    expectStatus(answer, 200);
    expectRule(answer, listEnvelope);
    expectRule(answer, listPaging);
  }),

  check('KC-LIST-2', 'max_results and page walk a filtered collection without gaps or repeats', ['writes'], async (t) => {
    const created = await createMany(t, 'page', 5);
    const where = t.scopedWhere('page-');
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const answer = await t.api.list('kubeclusters', { where, max_results: 2, page });
      expectStatus(answer, 200);
      expectEqual(answer.body?._meta, { page, max_results: 2, total: 5 }, `_meta of page ${page}`, answer);
      expectRule(answer, listCounts);
      seen.push(...idsOf(answer));
    }
    expectEqual([...seen].sort(), created.map((c) => c['_id']).sort(), 'the ids seen over pages 1–3', undefined);
  }),

  check('KC-LIST-3', 'next and last while pages follow, prev after page 1', ['writes'], async (t) => {
    await createMany(t, 'links', 3);
    const where = t.scopedWhere('links-');
    const links = async (page: number) => {
      const answer = await t.api.list('kubeclusters', { where, max_results: 1, page });
      expectStatus(answer, 200);
      return { answer, links: answer.body?._links ?? {} };
    };
    const first = await links(1);
    expectThat(first.links.next && first.links.last && !first.links.prev, 'next and last but no prev on page 1', show(first.links), first.answer);
    for (const page of [1, 2, 3]) expectRule((await links(page)).answer, listLinks);
  }),

  check('KC-LIST-4', 'max_results defaults to 25, is capped at 50, and odd values fall back', [], async (t) => {
    const meta = async (query: Record<string, string>) => {
      const answer = await t.api.list('kubeclusters', query);
      expectStatus(answer, 200);
      return answer.body?._meta;
    };
    expectEqual((await meta({}))?.max_results, 25, 'the default max_results');
    expectEqual((await meta({ max_results: '500' }))?.max_results, 50, 'max_results when 500 is asked');
    expectEqual((await meta({ max_results: 'many' }))?.max_results, 25, 'max_results when "many" is asked');
    expectEqual((await meta({ page: '0' }))?.page, 1, 'page when 0 is asked');
    expectEqual((await meta({ page: 'x' }))?.page, 1, 'page when "x" is asked');
  }),

  check('KC-LIST-5', 'a page past the end answers 200 with no items', ['writes'], async (t) => {
    await createMany(t, 'end', 1);
    const answer = await t.api.list('kubeclusters', { where: t.scopedWhere('end-'), page: 9 });
    expectStatus(answer, 200);
    expectEqual(answer.body?._items, [], '_items of page 9', answer);
    expectEqual(answer.body?._meta?.total, 1, '_meta.total', answer);
  }),

  check('KC-LIST-6', 'X-Total-Count and Last-Modified, when sent, tell the truth', ['writes'], async (t) => {
    await createMany(t, 'count', 2);
    const answer = await t.api.list('kubeclusters', { where: t.scopedWhere('count-'), max_results: 1 });
    expectStatus(answer, 200);
    expectEqual(answer.body?._meta?.total, 2, '_meta.total', answer);
    expectRule(answer, listHeaders);
  }),
];

export const queryChecks: Check[] = [
  check('KC-QUERY-1', 'where={"name": …} finds exactly that cluster', ['writes'], async (t) => {
    const [, second] = await createMany(t, 'exact', 3);
    const answer = await t.api.list('kubeclusters', { where: JSON.stringify({ name: second?.['name'] }) });
    expectStatus(answer, 200);
    expectEqual(idsOf(answer), [second?.['_id']], 'the ids found', answer);
  }),

  check('KC-QUERY-2', 'where with $regex and $options "i"', ['writes'], async (t) => {
    await createMany(t, 'rx', 3, (i) => ({ description: i === 1 ? 'Production' : 'staging' }));
    const scoped = (extra: Doc) => t.scopedWhere('rx-', extra);
    await expectListed(t, { where: JSON.stringify({ name: { $regex: `^${t.prefix}rx-0[12]$` } }) }, [`${t.prefix}rx-01`, `${t.prefix}rx-02`], 'names matching ^…rx-0[12]$');
    await expectListed(t, { where: scoped({ description: { $regex: 'PROD', $options: 'i' } }) }, [`${t.prefix}rx-01`], 'names whose description matches /PROD/i');
  }),

  check('KC-QUERY-3', 'where supports $ne, $in, $nin, $exists, $or and dotted paths', ['writes'], async (t) => {
    await createMany(t, 'ops', 4, (i) => ({ tags: { tier: `t${i % 2}` }, ...(i === 3 ? { description: 'has one' } : {}) }));
    const name = (i: number) => `${t.prefix}ops-0${i}`;
    const scoped = (extra: Doc) => ({ where: t.scopedWhere('ops-', extra), sort: 'name' });
    await expectListed(t, scoped({ 'tags.tier': 't1' }), [name(1), name(3)], 'tags.tier = t1');
    await expectListed(t, scoped({ 'tags.tier': { $ne: 't1' } }), [name(0), name(2)], 'tags.tier $ne t1');
    await expectListed(t, scoped({ name: { $in: [name(0), name(3)] } }), [name(0), name(3)], 'name $in');
    await expectListed(t, scoped({ name: { $nin: [name(0), name(3)] } }), [name(1), name(2)], 'name $nin');
    await expectListed(t, scoped({ description: { $exists: true } }), [name(3)], 'description $exists');
    await expectListed(t, scoped({ $or: [{ name: name(0) }, { name: name(2) }] }), [name(0), name(2)], '$or of two names');
    await expectListed(t, scoped({ 'status.state': 'REGISTERED', name: { $gte: name(2) } }), [name(2), name(3)], 'status.state REGISTERED and name $gte');
  }),

  check('KC-QUERY-4', 'a bad where, an unknown operator or $where answers 400', [], async (t) => {
    for (const where of ['{"name": ', '{"name": {"$nosuch": 1}}', '{"$where": "sleep(100)"}']) {
      expectEveError(await t.api.list('kubeclusters', { where }), 400);
    }
  }),

  check('KC-QUERY-5', 'sort in both Eve forms; a bad sort answers 400', ['writes'], async (t) => {
    await createMany(t, 'sort', 3, (i) => ({ tags: { rank: String(2 - i) } }));
    const where = t.scopedWhere('sort-');
    const names = (i: number) => `${t.prefix}sort-0${i}`;
    await expectListed(t, { where, sort: '-name' }, [names(2), names(1), names(0)], 'names sorted by -name');
    await expectListed(t, { where, sort: '[("name", -1)]' }, [names(2), names(1), names(0)], 'names sorted by [("name", -1)]');
    await expectListed(t, { where, sort: 'tags.rank,name' }, [names(2), names(1), names(0)], 'names sorted by tags.rank');
    expectEveError(await t.api.list('kubeclusters', { sort: '[(' }), 400);
    // Eve reads a value that is a Python expression but not a literal in comma form (fields that order nothing).
    const sideways = await t.api.list('kubeclusters', { where, sort: '[("name", sideways)]' });
    expectStatus(sideways, 200, 400);
    if (sideways.status === 400) expectEveError(sideways, 400);
    else expectEqual([...namesOf(sideways)].sort(), [names(0), names(1), names(2)], 'the clusters listed with sort [("name", sideways)]', sideways);
  }),

  check('KC-QUERY-6', 'projection includes or excludes fields and keeps the meta fields', ['writes'], async (t) => {
    await createMany(t, 'proj', 1, () => ({ description: 'projected', tags: { a: 'b' } }));
    const where = t.scopedWhere('proj-');
    const included = await t.api.list('kubeclusters', { where, projection: '{"name": 1}' });
    expectStatus(included, 200);
    const item = included.body?._items?.[0] as Doc | undefined;
    expectThat(item !== undefined && item['name'] !== undefined && item['_id'] && item['_etag'] && item['description'] === undefined, 'name and the meta fields, no description', show(item), included);
    const excluded = await t.api.list('kubeclusters', { where, projection: '{"tags": 0}' });
    expectStatus(excluded, 200);
    const without = excluded.body?._items?.[0] as Doc | undefined;
    expectThat(without !== undefined && without['tags'] === undefined && without['description'] === 'projected', 'every field but tags', show(without), excluded);
  }),

  check('KC-QUERY-7', 'where in Python form finds exactly that cluster, or answers 400', ['writes'], async (t) => {
    const [, second] = await createMany(t, 'python', 2);
    const answer = await t.api.list('kubeclusters', { where: `name=="${second?.['name']}"` });
    expectStatus(answer, 200, 400);
    if (answer.status === 400) expectEveError(answer, 400);
    else expectEqual(idsOf(answer), [second?.['_id']], 'the ids found by name=="…"', answer);
  }),
];
