// The where/sort table: one data set of clusters, and list queries over it whose answers the mock and
// the Eve reference must agree on (status, the names of `_items` in order, `_meta`). Rows marked
// `mongodb` are where mongomock (under the reference) departs from MongoDB: there the mock must give
// MongoDB's documented answer instead.

export const DATA_PREFIX = 'ws-';

/** 22 clusters: descriptions, tags, backup providers, pod dirs and secrets present, absent and varied. */
export const clusters: ReadonlyArray<Record<string, unknown>> = [
  { name: 'ws-c01', description: 'alpha production cluster', tags: { env: 'production', team: 'web' }, backup_provider: { type: 'aws', region: 'us-east-1' } },
  { name: 'ws-c02', description: 'beta staging', tags: { env: 'staging' }, backup_provider: { type: 'azure', region: 'westeurope' } },
  { name: 'ws-c03', tags: { env: 'production' } },
  { name: 'ws-c04', description: 'gamma', backup_provider: { type: 'aws', region: 'eu-west-1' } },
  { name: 'ws-c05', description: 'Delta Production', tags: { env: 'qa', team: 'storage' }, kublet_pods_dir: '/var/lib/k0s/kubelet/pods' },
  { name: 'ws-c06', description: 'epsilon', tags: {} },
  // The same backup provider as ws-c04 with its fields in the other order (embedded-document equality).
  { name: 'ws-c07', backup_provider: { region: 'eu-west-1', type: 'aws' } },
  { name: 'ws-c08', description: 'zeta cluster', tags: { env: 'development' }, image_pull_secret_name: 'regcred' },
  { name: 'ws-c09', description: 'eta', tags: { env: 'production', team: 'platform' }, backup_provider: { type: 'azure', region: 'eastus' } },
  { name: 'ws-c10', description: 'theta', tags: { env: 'staging', team: 'web' } },
  { name: 'ws-c11', description: 'iota production', container_registry: 'registry.example.com/cc' },
  { name: 'ws-c12', tags: { env: 'qa' } },
  { name: 'ws-c13', description: 'kappa', backup_provider: { type: 'aws', region: 'ap-southeast-2' }, kublet_pods_dir: '/var/snap/microk8s/common/var/lib/kubelet/pods' },
  { name: 'ws-c14', description: 'lambda', tags: { team: 'storage' } },
  { name: 'ws-c15', description: 'mu staging', tags: { env: 'staging' } },
  { name: 'ws-c16', description: 'nu', tags: { env: 'production' }, backup_provider: { type: 'azure', region: 'japaneast' } },
  { name: 'ws-c17' },
  { name: 'ws-c18', description: 'xi', tags: { env: 'development', team: 'platform' } },
  { name: 'ws-c19', description: 'omicron', tags: { env: 'qa' }, backup_provider: { type: 'aws', region: 'us-east-1' } },
  { name: 'ws-c20', description: 'pi production', tags: { env: 'production' } },
  { name: 'ws-c21', description: 'rho', image_pull_secret_name: 'pull-secret' },
  { name: 'ws-c22', description: 'sigma', tags: { env: 'staging', team: 'storage' }, backup_provider: { type: 'azure', region: 'westeurope' } },
];

/** Clusters whose agent is applied (their manifest fetched): ACTIVE on both servers, the rest REGISTERED. */
export const activated: readonly string[] = ['ws-c01', 'ws-c04', 'ws-c09', 'ws-c16', 'ws-c20'];

export interface WhereSortRow {
  id: string;
  query: Record<string, string>;
  /** Where mongomock departs from MongoDB: MongoDB's documented behaviour, and the names (of a 200) or the status the mock must answer. */
  mongodb?: { behaviour: string; names: string[] } | { behaviour: string; status: number };
}

const where = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const w = (id: string, value: unknown, extra: Record<string, string> = {}): WhereSortRow => ({ id, query: { where: where(value), ...extra } });
const s = (id: string, sort: string, extra: Record<string, string> = {}): WhereSortRow => ({ id, query: { sort, ...extra } });

export const whereSortTable: readonly WhereSortRow[] = [
  w('WS-01 equality on name', { name: 'ws-c01' }),
  w('WS-02 $regex prefix', { name: { $regex: '^ws-c0' } }),
  w('WS-03 $regex with $options i', { name: { $regex: 'C1', $options: 'i' } }),
  w('WS-04 $regex inside the description', { description: { $regex: 'production' } }),
  w('WS-05 $regex case-insensitive description', { description: { $regex: 'PRODUCTION', $options: 'i' } }),
  w('WS-06 dotted path equality', { 'tags.env': 'production' }),
  w('WS-07 $in on a dotted path', { 'tags.env': { $in: ['qa', 'staging'] } }),
  w('WS-08 $nin matches documents without the field', { 'tags.env': { $nin: ['production'] } }),
  w('WS-09 $ne matches documents without the field', { 'tags.env': { $ne: 'production' } }),
  w('WS-10 $exists true on a nested field', { 'tags.team': { $exists: true } }),
  w('WS-11 $exists false', { tags: { $exists: false } }),
  w('WS-12 $exists false on description', { description: { $exists: false } }),
  w('WS-13 nested enum', { 'backup_provider.type': 'aws' }),
  w('WS-14 $in on regions', { 'backup_provider.region': { $in: ['westeurope', 'eastus'] } }),
  w('WS-15 state ACTIVE', { 'status.state': 'ACTIVE' }),
  w('WS-16 state not ACTIVE', { 'status.state': { $ne: 'ACTIVE' } }),
  w('WS-17 the default pod dir', { kublet_pods_dir: '/var/lib/kubelet/pods' }),
  w('WS-18 $or', { $or: [{ 'tags.env': 'qa' }, { 'backup_provider.type': 'azure' }] }),
  w('WS-19 $and with $exists', { $and: [{ 'tags.env': 'production' }, { backup_provider: { $exists: true } }] }),
  w('WS-20 $nor', { $nor: [{ 'tags.env': 'production' }, { 'tags.env': 'staging' }] }),
  w('WS-21 $gt on strings', { name: { $gt: 'ws-c15' } }),
  w('WS-22 $gte and $lt together', { name: { $gte: 'ws-c15', $lt: 'ws-c18' } }),
  w('WS-23 $lte', { name: { $lte: 'ws-c03' } }),
  w('WS-24 $type string', { description: { $type: 'string' } }),
  w('WS-25 $not with a regex', { name: { $not: { $regex: '^ws-c1' } } }),
  w('WS-26 $all on a scalar field', { 'tags.env': { $all: ['production'] } }),
  w('WS-27 null matches a missing field', { description: null }),
  w('WS-28 null on a nested field', { 'tags.team': null }),
  w('WS-29 null on an object field', { backup_provider: null }),
  w('WS-30 empty where', {}),
  w('WS-31 $exists on a secret', { image_pull_secret_name: { $exists: true } }),
  w('WS-32 $in with an empty list', { name: { $in: [] } }),
  w('WS-33 embedded document equality, exact', { tags: { env: 'qa' } }),
  {
    ...w('WS-34 equality with the empty document', { tags: {} }),
    mongodb: { behaviour: 'equality on an embedded document matches only documents whose field equals it exactly: {} matches tags: {} and not a missing tags', names: ['ws-c06'] },
  },
  {
    ...w('WS-35 embedded equality, fields in stored order of ws-c07', { backup_provider: { region: 'eu-west-1', type: 'aws' } }),
    mongodb: { behaviour: 'embedded-document equality compares field order too: {region, type} matches only the document stored in that order', names: ['ws-c07'] },
  },
  {
    ...w('WS-36 embedded equality, fields in stored order of ws-c04', { backup_provider: { type: 'aws', region: 'eu-west-1' } }),
    mongodb: { behaviour: 'embedded-document equality compares field order too: {type, region} matches only the document stored in that order', names: ['ws-c04'] },
  },
  {
    ...w('WS-37 $size on an embedded document', { tags: { $size: 1 } }),
    mongodb: { behaviour: '$size matches arrays only; an embedded document never matches, whatever its number of fields', names: [] },
  },
  w('WS-38 $in on states', { 'status.state': { $in: ['ACTIVE', 'PENDING'] } }),
  w('WS-39 two conditions', { name: { $regex: '^ws-c2' }, 'tags.env': 'staging' }),
  w('WS-40 $exists false on a nested reference', { 'backup_provider.user_objectstore': { $exists: false } }),
  w('WS-41 unparsable where', '{"name": '),
  w('WS-42 unknown operator', { name: { $foo: 1 } }),
  w('WS-43 $where is refused', { $where: '1' }),
  {
    ...w('WS-44 $not with a plain value', { name: { $not: 'ws-c01' } }),
    mongodb: { behaviour: '$not needs a regex or an operator document; MongoDB refuses a plain value, so the mock answers 400 (mongomock crashes: 500)', status: 400 },
  },
  w('WS-45 python equality', 'name=="ws-c02"'),
  w('WS-46 python and, dotted', 'name!="ws-c02" and tags.env=="production"'),
  w('WS-47 python or', '(name=="ws-c01") or (name=="ws-c03")'),
  w('WS-48 python greater than', 'name>"ws-c20"'),
  w('WS-49 python, no match', 'name=="nothing"'),
  w('WS-50 python, bad operator', 'name==="x"'),
  s('WS-51 sort by name', 'name'),
  s('WS-52 sort by -name', '-name'),
  s('WS-53 Mongo form sort', '[("name", -1)]'),
  s('WS-54 missing descriptions sort first', 'description,name'),
  s('WS-55 Mongo form on a dotted path', '[("tags.env", 1), ("name", 1)]'),
  s('WS-56 descending nested, then name', '[("backup_provider.region", -1), ("name", 1)]'),
  s('WS-57 comma form, two keys', 'kublet_pods_dir,-name'),
  s('WS-58 sort with a bare word', '[("name", sideways)]'),
  s('WS-59 unparsable sort', '[('),
  s('WS-60 unknown field, then name', 'nothing,name'),
  s('WS-61 page 2 of 5', 'name', { max_results: '5', page: '2' }),
  s('WS-62 a page past the end', 'name', { max_results: '5', page: '5' }),
  s('WS-63 max_results above the cap', 'name', { max_results: '60' }),
  s('WS-64 max_results 0', 'name', { max_results: '0' }),
  s('WS-65 negative page', 'name', { max_results: '3', page: '-2' }),
  w('WS-66 projection include', { 'status.state': 'ACTIVE' }, { projection: '{"name": 1}' }),
  s('WS-67 projection exclude', '-name', { projection: '{"tags": 0}', max_results: '3' }),
  w('WS-68 where, sort and paging together', { 'tags.env': 'production' }, { sort: '-name', max_results: '2', page: '2' }),
  w('WS-69 $size on a string field never matches', { name: { $size: 6 } }),
];
