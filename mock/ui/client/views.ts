// What the dashboard shows, as functions of the control API's answers: tenant tables, the journal, the faults.
import type { Fault, JournalEntry } from '../../control/state.js';
import type { TenantContents } from '../../control/tenants.js';
import type { components } from '../../../spec/types.js';
import { button, el } from './dom.js';
import type { Child } from './dom.js';

const API_PREFIX = '/api/v1';

type Cluster = components['schemas']['Cluster'];
type Objectstore = components['schemas']['Objectstore'];
type Kubebackup = components['schemas']['Kubebackup'];
type Job = components['schemas']['Job'];

export interface ClusterActions {
  connect(id: string): void;
  disconnect(id: string): void;
  /** Copies the agent URL shown in `input`; `from` is the button, which says how it went. */
  copy(input: HTMLInputElement, from: HTMLButtonElement): void;
}

/** One tenant: its clusters (with agent buttons), object stores and backups. */
export function tenantBody(contents: TenantContents, actions: ClusterActions): Child[] {
  const { kubeclusters, objectstores, kubebackups, jobs } = contents.resources;
  const clusters = kubeclusters.items as unknown as Cluster[];
  const clusterNames = new Map(clusters.map((cluster) => [cluster._id, cluster.name ?? cluster._id]));
  return [
    el('div', { class: 'heading' },
      el('h2', {}, 'Tenant ', el('code', {}, contents.tenant)),
      el('span', { class: 'tenant-counts' }, `${plural(kubeclusters.total, 'cluster')} · ${plural(objectstores.total, 'object store')} · ${plural(kubebackups.total, 'backup')}`),
    ),
    el('h3', {}, 'Clusters'),
    table(['Name', 'State', 'Agent URL', 'ETag', 'Updated', ''], clusters.map((cluster) => clusterRow(cluster, actions)), 'No clusters.', 'clusters'),
    more(kubeclusters.total, clusters.length),
    el('h3', {}, 'Object stores'),
    table(['Name', 'Provider', 'Bucket', 'Region', 'ETag', 'Updated'], (objectstores.items as unknown as Objectstore[]).map(objectstoreRow), 'No object stores.', 'objectstores'),
    more(objectstores.total, objectstores.items.length),
    el('h3', {}, 'Backups'),
    table(['Name', 'Cluster', 'Trigger', 'ETag', 'Updated'], (kubebackups.items as unknown as Kubebackup[]).map((backup) => backupRow(backup, clusterNames)), 'No backups.', 'backups'),
    more(kubebackups.total, kubebackups.items.length),
    el('h3', {}, 'Jobs'),
    table(['Name', 'Type', 'State', 'Started', 'Cluster', 'Updated'], (jobs.items as unknown as Job[]).map((job) => jobRow(job, clusterNames)), 'No jobs: a run (POST …/action/run) starts one.', 'jobs'),
    more(jobs.total, jobs.items.length),
  ];
}

function clusterRow(cluster: Cluster, actions: ClusterActions): HTMLTableRowElement {
  const state = cluster.status?.state ?? 'REGISTERED';
  const agentUrl = cluster.status?.agentURL ?? cluster.status?.agentUrl ?? '';
  const field = el('input', { readonly: '', value: agentUrl, 'aria-label': `agent URL of ${cluster.name ?? ''}` });
  const copy: HTMLButtonElement = button('Copy', () => actions.copy(field, copy), { title: 'Copy the agent URL' });
  const move =
    state === 'ACTIVE'
      ? button('Disconnect agent', () => actions.disconnect(cluster._id), { class: 'danger' })
      : button('Connect agent', () => actions.connect(cluster._id), { class: 'primary' });
  const name = cluster.name ?? '';
  return el('tr', { 'data-id': cluster._id, 'data-name': name },
    el('td', {}, el('strong', {}, name), el('span', { class: 'id mono' }, cluster._id)),
    el('td', {}, el('span', { class: `badge ${state}` }, state)),
    el('td', {}, el('div', { class: 'agent' }, field, copy)),
    etagCell(cluster._etag),
    dateCell(cluster._updated),
    el('td', { class: 'actions' }, move),
  );
}

function objectstoreRow(store: Objectstore): HTMLTableRowElement {
  return el('tr', { 'data-id': store._id }, el('td', {}, el('strong', {}, store.name)), el('td', {}, store.provider_type ?? ''), el('td', {}, store.bucket_name ?? ''), el('td', {}, store.region ?? ''), etagCell(store._etag), dateCell(store._updated));
}

function backupRow(backup: Kubebackup, clusterNames: ReadonlyMap<string, string>): HTMLTableRowElement {
  const cluster = typeof backup.cluster === 'string' ? (clusterNames.get(backup.cluster) ?? backup.cluster) : '';
  return el('tr', { 'data-id': backup._id }, el('td', {}, el('strong', {}, backup.name)), el('td', {}, cluster), el('td', {}, backup.trigger_type ?? ''), etagCell(backup._etag), dateCell(backup._updated));
}

function jobRow(job: Job, clusterNames: ReadonlyMap<string, string>): HTMLTableRowElement {
  const started = new Date(job.start_time * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return el('tr', { 'data-id': job._id, 'data-name': job.name },
    el('td', {}, el('strong', {}, job.name), el('span', { class: 'id mono' }, job._id)),
    el('td', {}, job.type),
    el('td', {}, el('span', { class: `badge ${job.state}` }, job.state)),
    el('td', { class: 'date mono' }, started),
    el('td', {}, clusterNames.get(job.cluster) ?? job.cluster),
    dateCell(job._updated),
  );
}

/** The journal, newest first; requests after `seenUpTo` (an ISO time) are highlighted as they arrive. */
export function journalRows(entries: readonly JournalEntry[], seenUpTo: string): HTMLTableRowElement[] {
  return [...entries].reverse().map((entry) =>
    el('tr', { class: entry.time > seenUpTo ? 'fresh' : '' },
      el('td', { class: 'mono', title: entry.time }, entry.time.slice(11, 19)),
      el('td', { class: 'path mono', title: `${entry.method} ${entry.path}` }, el('strong', {}, entry.method), ' ', shortPath(entry.path)),
      el('td', { class: 'num' }, el('span', { class: `badge s${String(entry.status)[0]}` }, entry.status)),
      el('td', { class: 'num' }, entry.durationMs.toFixed(1)),
    ),
  );
}

/** The API's own prefix is left out of the narrow journal column (the whole path shows on hover). */
function shortPath(path: string): string {
  return path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
}

export function faultItems(faults: readonly Fault[]): Child[] {
  if (faults.length === 0) return [el('li', { class: 'empty' }, 'No faults: every request is answered normally.')];
  return faults.map((fault) => {
    const effect = [fault.status === undefined ? '' : `answers ${fault.status}`, fault.latencyMs ? `after ${fault.latencyMs} ms` : ''].filter(Boolean).join(' ');
    const left = fault.remaining === undefined ? 'until cleared' : `${plural(fault.remaining, 'more time')}`;
    return el('li', {}, el('code', {}, `${fault.method ?? 'any'} ${fault.path}`), ` ${effect}, ${left}`);
  });
}

function table(headings: readonly string[], rows: HTMLTableRowElement[], empty: string, name: string): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'empty', 'data-table': name }, empty);
  return el('div', { class: 'wide' }, el('table', { 'data-table': name }, el('thead', {}, el('tr', {}, ...headings.map((heading) => el('th', {}, heading)))), el('tbody', {}, ...rows)));
}

function more(total: number, shown: number): Child {
  return total > shown && el('p', { class: 'more' }, `Showing the ${shown} most recently updated of ${total}.`);
}

function etagCell(etag: string): HTMLTableCellElement {
  return el('td', {}, el('code', { class: 'etag', title: etag }, `${etag.slice(0, 8)}…`));
}

/** `_updated` arrives as an RFC 1123 date; shown as `YYYY-MM-DD HH:MM:SS` (UTC), the whole date on hover. */
function dateCell(date: string): HTMLTableCellElement {
  const time = Date.parse(date);
  return el('td', { class: 'date mono', title: date }, Number.isNaN(time) ? date : new Date(time).toISOString().slice(0, 19).replace('T', ' '));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
