// The catalogue: every documented behaviour of the kubeclusters API as a requirement with an id and a level.
// Sources: behaviours.md items (seed, overview, clients), eve-contract.md (eve) and, for the MOCK area
// only, the mock's own README (mock).

export type Source = 'seed' | 'overview' | 'eve' | 'clients' | 'mock';
/**
 * MUST: a promise of the seed, the overview or the clients, or an answer Eve always gives that eve-contract.md
 * documents; a failure fails the run.
 * SHOULD: documented, but a default or an extra that no known client depends on; a failure is a warning.
 * MAY: the sources allow more than one behaviour; the check verifies that what a server does offer holds,
 * and a failure is a warning. `--strict` makes every failure fail the run (verdict.ts).
 */
export type Level = 'MUST' | 'SHOULD' | 'MAY';
export type ProfileOption = 'deleteRequiresIfMatch' | 'linkStyle' | 'agentUrlKey' | 'upsertOnPut';

export interface Requirement {
  id: string;
  area: string;
  title: string;
  /** Where the behaviour is documented: a source and, after a colon, the section or item. */
  sources: readonly string[];
  level: Level;
  /** Profile options whose value changes what is expected. */
  profile?: readonly ProfileOption[];
}

export const areas = {
  ROUTE: 'Routes and documents',
  AUTH: 'Authentication and tenants',
  CREATE: 'Create',
  VALID: 'Validation',
  STATE: 'State progression',
  AGENT: 'Agent manifest',
  READ: 'Read and conditional GET',
  LIST: 'Lists and paging',
  QUERY: 'Filtering, sorting, projection',
  ETAG: 'ETag and concurrency',
  UPDATE: 'Update and replace',
  DELETE: 'Delete',
  RELATED: 'Related resources',
  JOBS: 'Runs and jobs (the Terraform provider)',
  'RES-KUBECLUSTERS': 'Clusters, checked as every resource',
  'RES-OBJECTSTORES': 'Object stores, checked as every resource',
  'RES-KUBEBACKUPS': 'Backup definitions, checked as every resource',
  'RES-POLICIES': 'Policies, checked as every resource (where served)',
  'RES-KUBEOFFLOADS': 'Copy definitions, checked as every resource (where served)',
  'RES-JOBS': 'Jobs, read-only (where served)',
  MOCK: 'Mock extensions (only with --control-url)',
} as const;

export type Area = keyof typeof areas;

type Entry = [id: string, level: Level, title: string, sources: string[], profile?: ProfileOption[]];

const entries: Entry[] = [
  ['KC-ROUTE-1', 'MUST', 'The API answers under /api/v1: collection /kubeclusters and item /kubeclusters/{_id}', ['overview: root URL', 'seed: Create a Cluster resource']],
  ['KC-ROUTE-2', 'MUST', 'GET /api-docs serves the OpenAPI document', ['overview: OpenAPI']],
  ['KC-ROUTE-3', 'MUST', 'A method a route does not offer answers 405 with the Eve error body', ['eve: Errors']],
  ['KC-ROUTE-4', 'MUST', 'An unknown route answers 404 with the Eve error body', ['eve: Errors']],
  ['KC-ROUTE-5', 'MUST', 'GET /kubeclusters/cloudcasa-images lists the agent images as {name, tag}', ['seed: Input Spec, container_registry']],

  ['KC-AUTH-1', 'MUST', 'A request without a bearer token answers 401 with the Eve error body and a WWW-Authenticate challenge', ['overview: authentication', 'eve: Auth']],
  ['KC-AUTH-2', 'MUST', 'A malformed or unknown token is refused with 401 or 403 and changes nothing', ['clients: end-to-end kit', 'eve: Auth']],
  ['KC-AUTH-3', 'MUST', "Another tenant cannot read, change or delete a cluster: GET and PATCH answer 404, PUT 403 (or 404), DELETE 204 (or 404), lists leave it out; read back by its owner after each attempt, it is unchanged", ['eve: Auth (AUTH_FIELD, Corrected)', 'eve: Delete (Corrected)']],
  ['KC-AUTH-4', 'MUST', "A name one tenant uses: another tenant's POST of it either creates that tenant's own cluster (names unique per tenant) or answers 422 \"is not unique\" (unique across tenants); the first tenant's cluster is untouched", ['eve: Auth (Corrected: unique or unique_to_user is the server\'s choice)', 'overview: names are unique']],

  ['KC-CREATE-1', 'MUST', 'POST answers 201 with a Location header whose path ends in /kubeclusters/{_id}', ['seed: Create a Cluster resource', 'eve: Create'], ['linkStyle']],
  ['KC-CREATE-2', 'MUST', 'The POST answer holds _id (24 hex), _etag (40 hex), _created and _updated (RFC 1123), _links.self titled Kubecluster, _status OK and the stored fields; read back, the cluster is exactly that', ['seed: Create a Cluster resource']],
  ['KC-CREATE-3', 'MUST', 'The POST answer carries status.agentURL, which clients read at once', ['clients: Rancher UI extension'], ['agentUrlKey']],
  ['KC-CREATE-4', 'MUST', 'kublet_pods_dir defaults to /var/lib/kubelet/pods', ['seed: Input Spec']],
  ['KC-CREATE-5', 'MUST', 'A client cannot set status on create (422 "field is read-only"), nor send a malformed _id (422 naming _id); nothing is stored', ['overview: status is server-made', 'eve: Update and replace (read-only fields, always on POST)', 'eve: Names and formats (_id)']],
  ['KC-CREATE-6', 'SHOULD', 'A JSON array creates every document or none: 201 with _items, or 422 with per-document _issues; an empty array answers 400', ['eve: Validation (bulk)']],
  ['KC-CREATE-7', 'MUST', 'The bodies real clients send are accepted: {name, description} and {name, backup_provider: {user_objectstore}}', ['clients: Terraform provider, Rancher UI extension']],
  ['KC-CREATE-8', 'MAY', 'A client-chosen _id (24 hex) on POST may be taken, as Eve does: then the cluster is stored under exactly that id; or refused with 422, storing nothing', ['eve: Create (the reference takes a valid _id)', 'overview: clients never set _id']],
  ['KC-CREATE-9', 'MAY', 'A form-encoded POST body may be taken, as Eve does: then the cluster is stored with those fields; or refused with 400 or 415, storing nothing', ['eve: Validation (form bodies)']],

  ['KC-VALID-1', 'MUST', 'A missing name answers 422 with _status ERR, _issues.name "required field" and _error.code 422', ['seed: Input Spec', 'eve: Validation']],
  ['KC-VALID-2', 'MUST', 'A wrong type answers 422 naming the field ("must be of string type")', ['eve: Validation']],
  ['KC-VALID-3', 'MUST', 'An unknown field answers 422 "unknown field"', ['eve: Names and formats (ALLOW_UNKNOWN)']],
  ['KC-VALID-4', 'MUST', 'backup_provider.type other than aws or azure answers 422 with the nested issue', ['seed: Input Spec', 'eve: Validation']],
  ['KC-VALID-5', 'MUST', 'backup_provider.type without region, or region without type, answers 422', ['seed: Input Spec']],
  ['KC-VALID-6', 'MUST', 'A region that is not a region of the chosen cloud answers 422', ['seed: Input Spec']],
  ['KC-VALID-7', 'MUST', 'user_objectstore that names no objectstore of the tenant answers 422', ['seed: Input Spec']],
  ['KC-VALID-8', 'MUST', 'A second cluster with the same name answers 422 "is not unique"', ['overview: names are unique', 'eve: Validation']],
  ['KC-VALID-9', 'MUST', 'Malformed JSON answers 400; a body that is neither JSON nor form answers 400 (Eve) or 415; nothing is stored', ['eve: Validation (Corrected)']],

  ['KC-STATE-1', 'MUST', 'A new cluster is REGISTERED and its status names an agentURL', ['seed: Registering a Kubernetes Cluster', 'clients: Terraform provider'], ['agentUrlKey']],
  ['KC-STATE-2', 'MUST', 'agentURL is <server>/kubeclusteragents/agent-<short id>/<token>.yaml and is fetched without the API token', ['seed: Registering a Kubernetes Cluster']],
  ['KC-STATE-3', 'MUST', 'Once the agent is applied the cluster moves on and eventually reaches ACTIVE', ['seed: Registering a Kubernetes Cluster', 'clients: Terraform provider']],
  ['KC-STATE-4', 'MUST', 'A server-side state change renews _etag and _updated (read back): a write with the old ETag then answers 412 and changes nothing', ['overview: concurrency control', 'eve: ETag']],

  ['KC-AGENT-1', 'MUST', 'The agent manifest is YAML of kind List installing namespace cloudcasa-io and the kubemanager Deployment there', ['seed: Registering a Kubernetes Cluster', 'clients: manifest contract test']],
  ['KC-AGENT-2', 'MUST', "The kubemanager pod spec names image_pull_secret_name under imagePullSecrets", ['seed: Input Spec', 'clients: manifest contract test']],
  ['KC-AGENT-3', 'MUST', 'The agent images come from container_registry when it is set', ['seed: Input Spec', 'clients: manifest contract test']],
  ['KC-AGENT-4', 'SHOULD', 'An agent URL with an unknown agent id or token answers 404', ['seed: Registering a Kubernetes Cluster']],

  ['KC-READ-1', 'MUST', 'GET item answers 200, the full resource and an ETag header equal to _etag', ['seed: Getting a cluster resource', 'eve: ETag']],
  ['KC-READ-2', 'MUST', 'An unknown or malformed id answers 404 with the Eve error body', ['seed: Getting a cluster resource', 'eve: Errors']],
  ['KC-READ-3', 'MUST', 'GET with If-None-Match equal to the current ETag answers 304 with no body; a stale one answers 200', ['eve: ETag and conditional requests']],
  ['KC-READ-4', 'SHOULD', 'GET item answers Last-Modified equal to _updated, and If-Modified-Since not older than it answers 304', ['eve: ETag and conditional requests']],

  ['KC-LIST-1', 'MUST', 'GET collection answers 200 with _items, _meta {page, max_results, total} and _links', ['seed: Listing Clusters', 'eve: Lists']],
  ['KC-LIST-2', 'MUST', 'max_results and page walk the whole collection without gaps or repeats', ['clients: paging', 'eve: Lists']],
  ['KC-LIST-3', 'MUST', '_links has parent and self, next and last while more pages follow, prev after page 1', ['eve: Lists']],
  ['KC-LIST-4', 'SHOULD', 'max_results defaults to 25 and is capped at 50; odd page or max_results values fall back instead of failing', ['eve: Lists']],
  ['KC-LIST-5', 'MUST', 'A page past the end answers 200 with no items', ['eve: Lists']],
  ['KC-LIST-6', 'MAY', 'List answers may carry X-Total-Count and Last-Modified, as Eve does; when they do, X-Total-Count equals _meta.total and Last-Modified is the latest _updated on the page', ['eve: Lists (Corrected)']],

  ['KC-QUERY-1', 'MUST', 'where={"name": "<name>"} finds exactly that cluster', ['clients: end-to-end kit, Rancher UI extension']],
  ['KC-QUERY-2', 'MUST', 'where with $regex (and $options "i") matches names', ['clients: Rancher UI extension', 'eve: Lists (CloudCasa allows $regex)']],
  ['KC-QUERY-3', 'MUST', 'where supports $ne, $in, $nin, $exists, $and, $or, comparisons and dotted paths such as status.state', ['eve: Lists']],
  ['KC-QUERY-4', 'MUST', 'An unparsable where, an unknown operator or $where answers 400', ['eve: Lists']],
  ['KC-QUERY-5', 'MUST', 'sort works in both forms, -name,_created and [("name", -1)]; a sort that is no Python expression ([( ) answers 400; one Eve reads in comma form ([("name", sideways)]) answers 200 (Eve) or 400', ['eve: Lists (Corrected)']],
  ['KC-QUERY-6', 'MUST', 'projection includes ({"name": 1}) or excludes ({"tags": 0}) fields; meta fields always come back', ['eve: Lists']],
  ['KC-QUERY-7', 'MAY', 'where may also be given in Python form (name=="x"), as Eve reads it: answered 200, it finds exactly that cluster; else 400', ['eve: Lists']],

  ['KC-ETAG-1', 'MUST', '_etag is 40 hex digits and changes with every stored change', ['seed: Create a Cluster resource', 'eve: ETag']],
  ['KC-ETAG-2', 'MUST', 'PATCH and PUT without If-Match answer 428 and change nothing', ['seed: Updating Cluster', 'eve: ETag']],
  ['KC-ETAG-3', 'MUST', 'PATCH and PUT with a stale or wrong If-Match answer 412 and change nothing', ['overview: concurrency control', 'eve: ETag']],
  ['KC-ETAG-4', 'MUST', 'If-Match is accepted bare, quoted and weak (W/"…")', ['eve: ETag']],
  ['KC-ETAG-5', 'MUST', 'Of two writers sending the same If-Match at once, exactly one succeeds and the other gets 412', ['overview: concurrency control']],

  ['KC-UPDATE-1', 'MUST', 'PATCH with If-Match answers 200 with the full resource and a new _etag; read back, the change is stored, _etag equals the answer\'s, _updated has moved and _created is kept', ['seed: Updating Cluster', 'eve: Update and replace']],
  ['KC-UPDATE-2', 'MUST', 'PATCH merges nested objects (fields a nested patch does not name are kept); a nested patch invalid on its own (region without type) answers 422 as sent (Eve) or is merged first (200, type kept); read back, the store says the same', ['eve: Update and replace (MERGE_NESTED_DOCUMENTS, Corrected)']],
  ['KC-UPDATE-3', 'MUST', 'PUT replaces the whole document (omitted fields go, defaults return) and keeps _id, _created and status; read back, the store holds the replacement', ['seed: Updating Cluster', 'overview: PUT']],
  ['KC-UPDATE-4', 'MUST', 'The GET, drop meta fields, change, PUT recipe works although it sends status back unchanged', ['overview: PUT', 'eve: Update and replace']],
  ['KC-UPDATE-5', 'MUST', 'A read-only field with a new value in PATCH or PUT answers 422 "field is read-only" and changes nothing', ['eve: Update and replace']],
  ['KC-UPDATE-6', 'MUST', 'PATCH and PUT validate the resulting document: 422 and nothing changed', ['eve: Validation']],
  ['KC-UPDATE-7', 'MUST', 'PUT to an id that does not exist answers 404 and creates nothing, or 201 and creates it under that id when the profile upserts', ['eve: Update and replace (UPSERT_ON_PUT)'], ['upsertOnPut']],

  ['KC-DELETE-1', 'MUST', 'DELETE with If-Match answers 204 with no body; the cluster is then gone (404)', ['seed: Deleting a cluster resource']],
  ['KC-DELETE-2', 'MUST', 'DELETE without If-Match answers 428 when the profile requires it, 204 when it does not', ['seed: Deleting a cluster resource', 'clients: Terraform provider'], ['deleteRequiresIfMatch']],
  ['KC-DELETE-3', 'MUST', 'DELETE with a stale If-Match answers 412 and the cluster stays', ['eve: ETag']],
  ['KC-DELETE-4', 'MUST', 'DELETE of a cluster a backup definition refers to is refused (4xx, 409 on the mock) and the cluster stays', ['seed: Deleting a cluster resource']],
  ['KC-DELETE-5', 'MUST', 'DELETE of an id the tenant does not have (unknown, or already deleted) answers 204 (Eve) or 404 and deletes nothing', ['eve: Delete (Corrected)']],

  ['KC-RELATED-1', 'MUST', 'objectstores take the Terraform provider body and follow the same envelopes and If-Match rules', ['clients: Terraform provider, object stores']],
  ['KC-RELATED-2', 'MUST', 'kubebackups take the Terraform provider body, including an empty status {}', ['clients: Terraform provider, backup definitions']],

  ['KC-JOBS-1', 'MUST', "POST /kubebackups/{id}/action/run with the provider's body answers the backup definition, its status.last_job_run_time still the previous run's (0 before the first)", ['clients: Terraform provider, runs']],
  ['KC-JOBS-2', 'MUST', "The run's job is found as the provider finds it (where type $nin, backupdef, start_time $gt last_job_run_time; sort -start_time) and names its cluster and backup definition", ['clients: Terraform provider, jobs']],
  ['KC-JOBS-3', 'MUST', 'The job reaches a done state (COMPLETED, SKIPPED, PARTIAL or CANCELLED) within --job-timeout', ['clients: Terraform provider, jobs']],
  ['KC-JOBS-4', 'MUST', "Once the job is done the definition's status.last_job_run_time is its start_time, and the next run's job is found after it", ['clients: Terraform provider, runs']],
  ['KC-JOBS-5', 'MUST', 'Jobs are made by the server: POST /jobs and PATCH, PUT, DELETE /jobs/{id} answer 405', ['clients: Terraform provider, jobs', 'eve: Errors']],
  ['KC-JOBS-6', 'SHOULD', "A kubeoffload (copy definition) runs, and its job is found by the kubeoffload's backupdef", ['clients: Terraform provider, copy_persistent_volumes']],
  ['KC-JOBS-7', 'MUST', 'policies take the provider body {name, timezone, schedules}; PUT needs If-Match', ['clients: Terraform provider, policies', 'eve: ETag']],
  ['KC-JOBS-8', 'MUST', 'A policy a backup definition uses, and a backup definition a kubeoffload copies, cannot be deleted (4xx, 409 on the mock)', ['clients: Terraform provider, delete order']],
  ['KC-MOCK-1', 'MUST', 'An ACTIVE cluster shows its Kubernetes version, agent version, node count and last seen time', ['mock: README (agent details)', 'seed: Registering a Kubernetes Cluster (the real UI shows them)']],
  ['KC-MOCK-2', 'MUST', 'Disconnecting the agent through the control API makes the cluster INACTIVE, reconnecting ACTIVE again; each move renews _etag (read back)', ['mock: README, Control API (/clusters/{id}/connect, /disconnect)']],
  ['KC-MOCK-3', 'MUST', "The control clock is the server's clock: after advancing it by an hour, a write's _updated is an hour on (read back)", ['mock: README, Control API (/clock/advance)']],
  ['KC-MOCK-4', 'MUST', 'The journal records each API request (method, path, status); an injected fault answers its status with the Eve error body as often as asked, then the route answers normally', ['mock: README, Control API (/journal, /faults)']],
  ...resourceEntries(),
];

/**
 * KC-RES-<RESOURCE>-<n>: the same behaviour n for every writable resource (checks/resources.ts, from the
 * declarations in checks/resource-contracts.ts); the jobs resource, read-only, has its own three.
 */
function resourceEntries(): Entry[] {
  const writable: Array<[string, string]> = [
    ['KUBECLUSTERS', 'seed: Create a Cluster resource, Updating Cluster, Deleting a cluster resource'],
    ['OBJECTSTORES', 'clients: Terraform provider, object stores'],
    ['KUBEBACKUPS', 'clients: Terraform provider, backup definitions'],
    ['POLICIES', 'clients: Terraform provider, policies'],
    ['KUBEOFFLOADS', 'clients: Terraform provider, copy_persistent_volumes'],
  ];
  const behaviours: Array<[string, string[]]> = [
    ['POST of a valid body answers 201 with _id, _etag, _status OK and _links.self; read back, every field sent is stored as sent and the answer is what is stored', ['eve: Create']],
    ['PATCH of each field a client changes, one at a time with If-Match, answers 200; read back, that field has the new value, the other fields are kept, _etag is new, _updated has moved and _created is kept', ['eve: Update and replace', 'eve: ETag']],
    ['PUT of a whole new body with If-Match answers 200; read back, every field sent is stored, the fields left out are gone, _id and _created are kept and _updated has moved', ['eve: Update and replace']],
    ['PATCH and PUT without If-Match answer 428, with a wrong If-Match 412; read back, nothing changed', ['overview: concurrency control', 'eve: ETag']],
    ['DELETE with If-Match answers 204 with no body; then GET answers 404 and where by name finds nothing', ['eve: Delete']],
    ['where={"name": …} lists exactly that item, as GET by its id shows it; a $regex on names lists exactly the items made', ['eve: Lists', 'clients: end-to-end kit']],
    ['an unknown field or a value of the wrong type answers 422 naming the field, on POST (nothing stored) and on PATCH (nothing changed)', ['eve: Validation', 'eve: Names and formats (ALLOW_UNKNOWN)']],
    ['a name already used answers 422 "is not unique", on POST (nothing stored) and on a PATCH renaming another item (nothing changed)', ['overview: names are unique', 'eve: Validation']],
  ];
  const jobs: Entry[] = [
    ['KC-RES-JOBS-1', 'MUST', 'jobs: POST /jobs and PATCH, PUT, DELETE /jobs/{id} answer 405 with the Eve error body; read back, no job was made and the job is as it was', ['clients: Terraform provider, jobs', 'eve: Errors']],
    ['KC-RES-JOBS-2', 'MUST', 'jobs: GET /jobs/{id} answers the job with an ETag header equal to _etag; an unknown id answers 404', ['clients: Terraform provider, jobs', 'eve: ETag']],
    ['KC-RES-JOBS-3', 'MUST', 'jobs: where by name, and by backupdef, lists exactly the matching job', ['clients: Terraform provider, jobs', 'eve: Lists']],
  ];
  const each = writable.flatMap(([key, source]) =>
    behaviours.map(([title, sources], index): Entry => [`KC-RES-${key}-${index + 1}`, 'MUST', `${key.toLowerCase()}: ${title}`, [source, ...sources]]),
  );
  return [...each, ...jobs];
}

/** KC-ETAG-3 is in area ETAG, KC-RES-POLICIES-2 in area RES-POLICIES. */
export function areaOf(id: string): string {
  return id.replace(/^KC-/, '').replace(/-\d+$/, '');
}

export const requirements: readonly Requirement[] = entries.map(([id, level, title, sources, profile]) => ({
  id,
  area: areaOf(id),
  title,
  sources,
  level,
  ...(profile ? { profile } : {}),
}));

export const requirementsById: ReadonlyMap<string, Requirement> = new Map(requirements.map((r) => [r.id, r]));

export function requirement(id: string): Requirement {
  const found = requirementsById.get(id);
  if (!found) throw new Error(`No requirement ${id} in conformance/requirements.ts`);
  return found;
}

/**
 * Requirements that name one behaviour twice: the cluster-only ids written first (KC-UPDATE-1, …) and
 * the per-resource ids added later (KC-RES-KUBECLUSTERS-n, KC-RES-JOBS-n), whose title for clusters is
 * the older one's. A finding under either names the behaviour. Only exact overlaps are listed: e.g.
 * KC-DELETE-2 (428 depends on a profile) is not KC-RES-KUBECLUSTERS-4.
 */
export const sameBehaviourAs: ReadonlyArray<{ id: string; same: readonly string[]; reason: string }> = [
  { id: 'KC-RES-KUBECLUSTERS-1', same: ['KC-CREATE-2'], reason: 'a valid POST answers 201 and reads back exactly as stored' },
  { id: 'KC-RES-KUBECLUSTERS-2', same: ['KC-UPDATE-1'], reason: 'a PATCH with If-Match is stored: read back with a new _etag, _updated moved, _created kept' },
  { id: 'KC-RES-KUBECLUSTERS-3', same: ['KC-UPDATE-3'], reason: 'a PUT replaces the document: fields left out are gone, _id and _created kept' },
  { id: 'KC-RES-KUBECLUSTERS-4', same: ['KC-ETAG-2', 'KC-ETAG-3'], reason: 'PATCH and PUT without If-Match answer 428, with a wrong one 412, and change nothing: the two halves of -4' },
  { id: 'KC-RES-KUBECLUSTERS-5', same: ['KC-DELETE-1'], reason: 'a DELETE with If-Match answers 204 and the document is gone' },
  { id: 'KC-RES-KUBECLUSTERS-6', same: ['KC-QUERY-1'], reason: 'where by name lists exactly that document' },
  { id: 'KC-RES-KUBECLUSTERS-7', same: ['KC-VALID-2', 'KC-VALID-3'], reason: 'a wrong type and an unknown field answer 422 naming the field: the two halves of -7' },
  { id: 'KC-RES-KUBECLUSTERS-8', same: ['KC-VALID-8'], reason: 'a second document under a name in use answers 422 "is not unique"' },
  { id: 'KC-RES-JOBS-1', same: ['KC-JOBS-5'], reason: 'the same sentence: jobs are made by the server, writes to them answer 405' },
];

/** The ids naming the same behaviour as `id` (itself included), from `sameBehaviourAs`. */
export function sameBehaviour(id: string): string[] {
  const row = sameBehaviourAs.find((r) => r.id === id || r.same.includes(id));
  return row ? [row.id, ...row.same] : [id];
}

/**
 * The per-resource id of a cluster-worded finding made on another resource: KC-UPDATE-1 on a policy is
 * KC-RES-POLICIES-2. Unchanged for clusters (the equivalence above names both) and for ids without one.
 */
export function onResource(id: string, resourceKey: string): string {
  const row = sameBehaviourAs.find((r) => r.same.includes(id) && r.id.startsWith('KC-RES-KUBECLUSTERS-'));
  if (!row || resourceKey === 'KUBECLUSTERS') return id;
  return row.id.replace('KUBECLUSTERS', resourceKey);
}
