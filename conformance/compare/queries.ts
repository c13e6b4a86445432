// The list queries the sequence sends: `where` (both syntaxes, good and bad), `sort`, paging, projection.
// Never a regex that could backtrack catastrophically: the reference would hang on it.
import type { Faker } from '@faker-js/faker';

export interface QueryContext {
  /** The run's name prefix, so queries mostly look at this run's documents. */
  prefix: string;
  /** A name the sequence gave to some document (it may since have been renamed or deleted). */
  name: string;
}

export interface QueryTemplate {
  what: string;
  params(context: QueryContext): Record<string, string>;
}

const json = (value: unknown) => JSON.stringify(value);
const mine = (context: QueryContext) => ({ $regex: `^${context.prefix}` });

export const whereTemplates: readonly QueryTemplate[] = [
  { what: 'where name equals', params: (c) => ({ where: json({ name: c.name }) }) },
  { what: 'where name regex prefix', params: (c) => ({ where: json({ name: mine(c) }) }) },
  { what: 'where python equals', params: (c) => ({ where: `name=="${c.name}"` }) },
  { what: 'where python and', params: (c) => ({ where: `name!="${c.name}" and kublet_pods_dir=="/var/lib/kubelet/pods"` }) },
  { what: 'where python or', params: (c) => ({ where: `(name=="${c.name}") or (name=="nothing")` }) },
  { what: 'where $in', params: (c) => ({ where: json({ name: { $in: [c.name, 'nothing'] } }) }) },
  { what: 'where $nin', params: (c) => ({ where: json({ name: { $nin: [c.name] }, description: { $exists: true } }) }) },
  { what: 'where $ne', params: (c) => ({ where: json({ name: { $ne: c.name } }) }) },
  { what: 'where dotted tag', params: () => ({ where: json({ 'tags.env': 'production' }) }) },
  { what: 'where dotted backup_provider', params: () => ({ where: json({ 'backup_provider.type': 'aws' }) }) },
  { what: 'where status.state', params: () => ({ where: json({ 'status.state': 'REGISTERED' }) }) },
  { what: 'where $exists false', params: () => ({ where: json({ tags: { $exists: false } }) }) },
  { what: 'where null', params: () => ({ where: json({ description: null }) }) },
  { what: 'where $or', params: (c) => ({ where: json({ $or: [{ name: c.name }, { 'tags.env': 'qa' }] }) }) },
  { what: 'where $and', params: (c) => ({ where: json({ $and: [{ name: mine(c) }, { 'tags.team': { $exists: true } }] }) }) },
  { what: 'where $nor', params: () => ({ where: json({ $nor: [{ 'tags.env': 'production' }] }) }) },
  { what: 'where $not regex', params: (c) => ({ where: json({ name: { $not: { $regex: `^${c.prefix}` } } }) }) },
  { what: 'where $regex $options', params: (c) => ({ where: json({ name: { $regex: c.prefix.toUpperCase(), $options: 'i' } }) }) },
  { what: 'where $gt string', params: (c) => ({ where: json({ name: { $gt: c.name } }) }) },
  { what: 'where $all on a scalar', params: () => ({ where: json({ 'tags.env': { $all: ['qa'] } }) }) },
  { what: 'where $not with a plain value', params: (c) => ({ where: json({ name: { $not: c.name } }) }) },
  { what: 'where $type', params: () => ({ where: json({ description: { $type: 'string' } }) }) },
  { what: 'where empty object', params: () => ({ where: '{}' }) },
  { what: 'where bad syntax', params: () => ({ where: '{"name": ' }) },
  { what: 'where unknown operator', params: () => ({ where: json({ name: { $foo: 1 } }) }) },
  { what: 'where $where', params: () => ({ where: json({ $where: 'true' }) }) },
  { what: 'where python bad', params: () => ({ where: 'name === "x"' }) },
  { what: 'where $or empty', params: () => ({ where: json({ $or: [] }) }) },
  { what: 'where invalid regex', params: () => ({ where: json({ name: { $regex: '(' } }) }) },
  { what: 'where tags empty object', params: () => ({ where: json({ tags: {} }) }) },
  { what: 'where embedded document', params: () => ({ where: json({ backup_provider: { region: 'eu-west-1', type: 'aws' } }) }) },
  { what: 'where $size on string', params: () => ({ where: json({ name: { $size: 3 } }) }) },
  { what: 'where $size on a document', params: () => ({ where: json({ tags: { $size: 1 } }) }) },
];

export const sortValues: ReadonlyArray<{ what: string; sort: string }> = [
  { what: 'sort comma name', sort: 'name' },
  { what: 'sort comma -name', sort: '-name' },
  { what: 'sort comma two keys', sort: '-kublet_pods_dir,name' },
  { what: 'sort mongo form', sort: '[("name", -1)]' },
  { what: 'sort mongo two keys', sort: '[("description", 1), ("name", 1)]' },
  { what: 'sort unknown field', sort: 'nothing' },
  { what: 'sort sideways', sort: '[("name", sideways)]' },
  { what: 'sort unparsable', sort: '[(' },
];

export const pagingValues: ReadonlyArray<{ what: string; params: Record<string, string> }> = [
  { what: 'max_results 2', params: { max_results: '2' } },
  { what: 'max_results 2 page 2', params: { max_results: '2', page: '2' } },
  { what: 'max_results 0', params: { max_results: '0' } },
  { what: 'max_results -3', params: { max_results: '-3' } },
  { what: 'max_results 100', params: { max_results: '100' } },
  { what: 'max_results not a number', params: { max_results: 'ten' } },
  { what: 'page 0', params: { page: '0' } },
  { what: 'page -2', params: { page: '-2', max_results: '1' } },
  { what: 'page past the end', params: { page: '99' } },
  { what: 'page not a number', params: { page: 'x' } },
];

export const projections: ReadonlyArray<{ what: string; projection: string }> = [
  { what: 'projection include', projection: '{"name": 1}' },
  { what: 'projection exclude', projection: '{"tags": 0, "description": 0}' },
  { what: 'projection bad', projection: '{"name": ' },
];

/**
 * A list query with one feature under test (a `where`, a sort, paging or a projection), so that the
 * differences it shows group by that feature. Sort, paging and projection look at this run's documents.
 */
export function listQuery(faker: Faker, context: QueryContext): { what: string; query: string } {
  const scope = { where: JSON.stringify({ name: mine(context) }) };
  const feature = faker.helpers.weightedArrayElement([
    { weight: 6, value: 'where' },
    { weight: 2, value: 'sort' },
    { weight: 2, value: 'paging' },
    { weight: 1, value: 'projection' },
  ] as const);
  let chosen: { what: string; params: Record<string, string> };
  if (feature === 'where') {
    const template = faker.helpers.arrayElement(whereTemplates);
    chosen = { what: template.what, params: template.params(context) };
  } else if (feature === 'sort') {
    const sort = faker.helpers.arrayElement(sortValues);
    chosen = { what: sort.what, params: { ...scope, sort: sort.sort } };
  } else if (feature === 'paging') {
    chosen = faker.helpers.arrayElement(pagingValues);
    chosen = { what: chosen.what, params: { ...scope, ...chosen.params } };
  } else {
    const projection = faker.helpers.arrayElement(projections);
    chosen = { what: projection.what, params: { ...scope, projection: projection.projection } };
  }
  return { what: chosen.what, query: new URLSearchParams(chosen.params).toString() };
}
