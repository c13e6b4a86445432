// The broken variants of the KC-RES-… requirements: for each resource, one way of breaking each behaviour
// its checks verify (checks/resources.ts, checks/resource-jobs.ts). A row: requirement, what is broken, how.
import type { ResourceName } from '../client.js';
import type { Middleware } from './middleware.js';
import {
  deleteKeeps, ifMatchFilledIn, invalidDropped, patchIgnores, putKeeps, staleIfMatchAccepted, storedAs, uniqueNamesDisguised, whereIgnored,
} from './resource-breakers.js';
import type { BrokenVariant } from './variants.js';

const rows: Array<[id: string, name: string, middleware: Middleware]> = [
  ['KC-RES-KUBECLUSTERS-1', 'a cluster is answered with its container_registry but stored without it', storedAs('kubeclusters', 'container_registry')],
  ['KC-RES-KUBECLUSTERS-2', "a cluster's PATCH of kublet_pods_dir answers 200 and stores nothing", patchIgnores('kubeclusters', 'kublet_pods_dir')],
  ['KC-RES-KUBECLUSTERS-3', "a cluster's PUT keeps the old image_pull_secret_name (the answer shows the new one)", putKeeps('kubeclusters', 'image_pull_secret_name')],
  ['KC-RES-KUBECLUSTERS-4', 'a cluster write with a stale If-Match is applied', staleIfMatchAccepted('kubeclusters')],
  ['KC-RES-KUBECLUSTERS-5', 'a cluster DELETE answers 204 and keeps it', deleteKeeps('kubeclusters')],
  ['KC-RES-KUBECLUSTERS-6', 'where is ignored on clusters', whereIgnored('kubeclusters')],
  ['KC-RES-KUBECLUSTERS-7', 'a cluster field of the wrong type is dropped, not refused', invalidDropped('kubeclusters', 'ClusterInput', 'type')],
  ['KC-RES-KUBECLUSTERS-8', 'a repeated cluster name is stored under a hidden other name', uniqueNamesDisguised('kubeclusters')],

  ['KC-RES-OBJECTSTORES-1', 'an object store is answered with its s3provider but stored without it', storedAs('objectstores', 's3provider')],
  ['KC-RES-OBJECTSTORES-2', "an object store's PATCH of bucket_name answers 200 and stores nothing", patchIgnores('objectstores', 'bucket_name')],
  ['KC-RES-OBJECTSTORES-3', "an object store's PUT keeps the old region", putKeeps('objectstores', 'region')],
  ['KC-RES-OBJECTSTORES-4', 'object store writes without If-Match are accepted', ifMatchFilledIn('objectstores')],
  ['KC-RES-OBJECTSTORES-5', 'an object store DELETE answers 204 and keeps it', deleteKeeps('objectstores')],
  ['KC-RES-OBJECTSTORES-6', 'where is ignored on object stores', whereIgnored('objectstores')],
  ['KC-RES-OBJECTSTORES-7', 'unknown fields of an object store are dropped, not refused', invalidDropped('objectstores', 'ObjectstoreInput', 'unevaluatedProperties')],
  ['KC-RES-OBJECTSTORES-8', 'a repeated object store name is stored under a hidden other name', uniqueNamesDisguised('objectstores')],

  ['KC-RES-KUBEBACKUPS-1', 'a backup definition is answered with its pre_hooks but stored without them', storedAs('kubebackups', 'pre_hooks')],
  ['KC-RES-KUBEBACKUPS-2', "a backup definition's PATCH of source answers 200 and stores nothing", patchIgnores('kubebackups', 'source')],
  ['KC-RES-KUBEBACKUPS-3', "a backup definition's PUT keeps the old pre_hooks", putKeeps('kubebackups', 'pre_hooks')],
  ['KC-RES-KUBEBACKUPS-4', 'a backup definition write with a stale If-Match is applied', staleIfMatchAccepted('kubebackups')],
  ['KC-RES-KUBEBACKUPS-5', 'a backup definition DELETE answers 204 and keeps it', deleteKeeps('kubebackups')],
  ['KC-RES-KUBEBACKUPS-6', 'where is ignored on backup definitions', whereIgnored('kubebackups')],
  ['KC-RES-KUBEBACKUPS-7', 'a backup definition field of the wrong type is dropped, not refused', invalidDropped('kubebackups', 'KubebackupInput', 'type')],
  ['KC-RES-KUBEBACKUPS-8', 'a repeated backup definition name is stored under a hidden other name', uniqueNamesDisguised('kubebackups')],

  ['KC-RES-POLICIES-1', 'a policy is answered with its timezone but stored as UTC', storedAs('policies', 'timezone', 'UTC')],
  ['KC-RES-POLICIES-2', "a policy's PATCH of timezone answers 200 and stores nothing", patchIgnores('policies', 'timezone')],
  ['KC-RES-POLICIES-3', "a policy's PUT keeps the old timezone (the answer shows the new one)", putKeeps('policies', 'timezone')],
  ['KC-RES-POLICIES-4', 'policy writes without If-Match are accepted', ifMatchFilledIn('policies')],
  ['KC-RES-POLICIES-5', 'a policy DELETE answers 204 and keeps it', deleteKeeps('policies')],
  ['KC-RES-POLICIES-6', 'where is ignored on policies', whereIgnored('policies')],
  ['KC-RES-POLICIES-7', 'unknown fields of a policy are dropped, not refused', invalidDropped('policies', 'PolicyInput', 'unevaluatedProperties')],
  ['KC-RES-POLICIES-8', 'a repeated policy name is stored under a hidden other name', uniqueNamesDisguised('policies')],

  ['KC-RES-KUBEOFFLOADS-1', 'a copy definition is answered with its offload_provider but stored without it', storedAs('kubeoffloads', 'offload_provider')],
  ['KC-RES-KUBEOFFLOADS-2', "a copy definition's PATCH of delete_snapshots answers 200 and stores nothing", patchIgnores('kubeoffloads', 'delete_snapshots')],
  ['KC-RES-KUBEOFFLOADS-3', "a copy definition's PUT keeps the old run_backup", putKeeps('kubeoffloads', 'run_backup')],
  ['KC-RES-KUBEOFFLOADS-4', 'a copy definition write with a stale If-Match is applied', staleIfMatchAccepted('kubeoffloads')],
  ['KC-RES-KUBEOFFLOADS-5', 'a copy definition DELETE answers 204 and keeps it', deleteKeeps('kubeoffloads')],
  ['KC-RES-KUBEOFFLOADS-6', 'where is ignored on copy definitions', whereIgnored('kubeoffloads')],
  ['KC-RES-KUBEOFFLOADS-7', 'unknown fields of a copy definition are dropped, not refused', invalidDropped('kubeoffloads', 'KubeoffloadInput', 'unevaluatedProperties')],
  ['KC-RES-KUBEOFFLOADS-8', 'a repeated copy definition name is stored under a hidden other name', uniqueNamesDisguised('kubeoffloads')],

  ['KC-RES-JOBS-1', 'jobs can be deleted (DELETE answers 204)', onJobItem('DELETE', async () => new Response(null, { status: 204 }))],
  ['KC-RES-JOBS-2', 'a job read by its id answers without an ETag header', onJobItem('GET', async (answer) => withoutHeader(await answer(), 'ETag'))],
  ['KC-RES-JOBS-3', 'where on jobs ignores name (backupdef still works)', whereIgnored('jobs', ['name'])],
];

export const resourceVariants: BrokenVariant[] = rows.map(([breaks, name, middleware]) => ({ name, breaks, middleware }));

/** `method` on a job item is answered by `answer`, which may ask the mock (`mock()`) first. */
function onJobItem(method: string, answer: (mock: () => Promise<Response>) => Promise<Response>): Middleware {
  const jobs: ResourceName = 'jobs';
  const item = new RegExp(`^/api/v1/${jobs}/[0-9a-f]{24}$`);
  return async (request, next) => (request.method === method && item.test(new URL(request.url).pathname) ? answer(() => next(request)) : next(request));
}

function withoutHeader(response: Response, name: string): Response {
  const headers = new Headers(response.headers);
  headers.delete(name);
  return new Response(response.body, { status: response.status, headers });
}
