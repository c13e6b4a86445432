// A typed HTTP client for the kubeclusters API: every exchange is recorded (as a curl line), bounded in
// time and count, and checked against the spec. The conformance suite speaks to servers only through it.
import { ResponseChecker } from '../spec/responses.js';
import type { components } from '../spec/types.js';

export type Schemas = components['schemas'];
export type ClusterInput = Schemas['ClusterInput'];
export type Cluster = Schemas['Cluster'];
export type ClusterCreated = Schemas['ClusterCreated'];
export type ClusterList = Schemas['ClusterList'];
export type ObjectstoreInput = Schemas['ObjectstoreInput'];
export type KubebackupInput = Schemas['KubebackupInput'];
export type ResourceName = 'kubeclusters' | 'objectstores' | 'kubebackups' | 'policies' | 'kubeoffloads' | 'jobs';
/** Deleted in this order, so nothing still refers to what is deleted (copy and backup definitions before clusters and policies). */
export const deletionOrder = ['kubeoffloads', 'kubebackups', 'kubeclusters', 'objectstores', 'policies'] as const satisfies readonly ResourceName[];

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response> | Response;

/** A fetch made impossible by the client's own limits (timeout, budget) rather than by the server. */
export class TransportError extends Error {
  override name = 'TransportError';
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Exchange {
  request: RecordedRequest;
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON when the answer is JSON, else the text; undefined when empty. */
  body: any;
  /** Where the answer differs from what the spec documents for it (empty when it matches). */
  specProblems: string[];
  curl(): string;
}

/** Shared across clients of one run, so the whole run stays within `max` requests. */
export class RequestBudget {
  #used = 0;
  constructor(readonly max: number) {}
  get used(): number {
    return this.#used;
  }
  take(): void {
    if (this.#used >= this.max) throw new TransportError(`request budget of ${this.max} spent; raise --max-requests`);
    this.#used++;
  }
}

export interface ClientOptions {
  /** The server root; the API is under `<baseUrl>/api/v1`. */
  baseUrl: string;
  token?: string | undefined;
  fetch?: FetchLike;
  timeoutMs?: number;
  budget?: RequestBudget;
  /** Check every answer against the spec (default true). */
  validate?: boolean;
}

export interface RequestOptions {
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as is; overrides `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** `null`: no Authorization header; a string: that token instead of the client's. */
  token?: string | null;
}

type Query = Record<string, string | number | undefined>;

let sharedChecker: ResponseChecker | undefined;

export class ApiClient {
  readonly baseUrl: string;
  readonly #options: ClientOptions;
  readonly #fetch: FetchLike;
  /** Ids this client created, so a run removes exactly what it made. */
  readonly created = new Map<ResourceName, Set<string>>();

  constructor(options: ClientOptions) {
    this.#options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? fetch;
  }

  get token(): string | undefined {
    return this.#options.token;
  }

  /** `path` is absolute (`/api/v1/…`, `/api-docs`) or a full URL (an agent URL). */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Exchange> {
    this.#options.budget?.take();
    const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const token = options.token === undefined ? this.#options.token : options.token;
    if (token !== null && token !== undefined) headers['Authorization'] ??= `Bearer ${token}`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    const request: RecordedRequest = { method, url, headers, ...(body === undefined ? {} : { body }) };
    const response = await this.#send(request);
    const text = await response.text();
    const exchange = toExchange(request, response, text);
    if (this.#options.validate !== false) exchange.specProblems.push(...checkAgainstSpec(exchange));
    this.#track(exchange);
    return exchange;
  }

  async #send(request: RecordedRequest): Promise<Response> {
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    const init: RequestInit = { method: request.method, headers: request.headers, signal: AbortSignal.timeout(timeoutMs) };
    if (request.body !== undefined) init.body = request.body;
    try {
      return await this.#fetch(request.url, init);
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
      throw new TransportError(`${request.method} ${request.url}: ${reason}`);
    }
  }

  #track(exchange: Exchange): void {
    const match = /\/api\/v1\/(kubeclusters|objectstores|kubebackups|policies|kubeoffloads)(?:\?|$)/.exec(exchange.request.url);
    if (!match || exchange.request.method !== 'POST' || exchange.status !== 201) return;
    const resource = match[1] as ResourceName;
    const bodies = Array.isArray(exchange.body?._items) ? exchange.body._items : [exchange.body];
    for (const item of bodies) if (typeof item?._id === 'string') this.#created(resource).add(item._id);
  }

  #created(resource: ResourceName): Set<string> {
    let ids = this.created.get(resource);
    if (!ids) this.created.set(resource, (ids = new Set()));
    return ids;
  }

  // Typed helpers for the routes of the contract.

  list(resource: ResourceName, query: Query = {}, options?: RequestOptions): Promise<Exchange> {
    return this.request('GET', `/api/v1/${resource}${queryString(query)}`, options);
  }

  get(resource: ResourceName, id: string, options?: RequestOptions): Promise<Exchange> {
    return this.request('GET', `/api/v1/${resource}/${id}`, options);
  }

  create(resource: ResourceName, body: unknown, options?: RequestOptions): Promise<Exchange> {
    return this.request('POST', `/api/v1/${resource}`, { ...options, body });
  }

  patch(resource: ResourceName, id: string, body: unknown, etag: string | undefined, options: RequestOptions = {}): Promise<Exchange> {
    return this.request('PATCH', `/api/v1/${resource}/${id}`, { ...options, body, headers: ifMatch(etag, options.headers) });
  }

  put(resource: ResourceName, id: string, body: unknown, etag: string | undefined, options: RequestOptions = {}): Promise<Exchange> {
    return this.request('PUT', `/api/v1/${resource}/${id}`, { ...options, body, headers: ifMatch(etag, options.headers) });
  }

  delete(resource: ResourceName, id: string, etag: string | undefined, options: RequestOptions = {}): Promise<Exchange> {
    return this.request('DELETE', `/api/v1/${resource}/${id}`, { ...options, headers: ifMatch(etag, options.headers) });
  }

  createCluster(body: ClusterInput, options?: RequestOptions): Promise<Exchange> {
    return this.create('kubeclusters', body, options);
  }

  getCluster(id: string, options?: RequestOptions): Promise<Exchange> {
    return this.get('kubeclusters', id, options);
  }

  /**
   * Deletes what this client created (definitions first, which would block their clusters and
   * policies), each with a fresh If-Match. Answers the ids that could not be removed. Jobs stay: they
   * are the server's history and cannot be deleted.
   */
  async removeCreated(): Promise<string[]> {
    const left: string[] = [];
    for (const resource of deletionOrder) {
      for (const id of this.created.get(resource) ?? []) {
        const removed = await this.removeOne(resource, id).catch(() => false);
        if (removed) this.created.get(resource)?.delete(id);
        else left.push(`${resource}/${id}`);
      }
    }
    return left;
  }

  async removeOne(resource: ResourceName, id: string): Promise<boolean> {
    const current = await this.get(resource, id);
    if (current.status === 404) return true;
    if (current.status !== 200) return false;
    const deleted = await this.delete(resource, id, current.body?._etag);
    return deleted.status === 204 || deleted.status === 404;
  }
}

function ifMatch(etag: string | undefined, headers: Record<string, string> = {}): Record<string, string> {
  return etag === undefined ? headers : { 'If-Match': etag, ...headers };
}

/** `text` as a literal inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** An exchange from a request and the answer to it (`text`: the answer's body, already read). */
export function toExchange(request: RecordedRequest, response: Response, text: string): Exchange {
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  let body: unknown = text === '' ? undefined : text;
  if (isJson && text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { request, status: response.status, headers: response.headers, text, body, specProblems: [], curl: () => curlOf(request) };
}

/** Where the answer differs from what the spec documents for it. */
export function checkAgainstSpec(exchange: Exchange): string[] {
  sharedChecker ??= new ResponseChecker();
  const path = new URL(exchange.request.url).pathname;
  const body = exchange.status === 304 ? undefined : exchange.body;
  return sharedChecker.check({ method: exchange.request.method, path, status: exchange.status, headers: exchange.headers, body });
}

/** The request as a curl line a person can paste, with the token redacted. */
export function curlOf(request: RecordedRequest): string {
  const parts = ['curl -sS', request.method === 'GET' ? '' : `-X ${request.method}`, shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (['accept', 'user-agent'].includes(name.toLowerCase())) continue;
    const shown = name.toLowerCase() === 'authorization' ? value.replace(/^(\w+)\s+.+$/, '$1 ***') : value;
    parts.push(`-H ${shellQuote(`${name}: ${shown}`)}`);
  }
  if (request.body !== undefined) {
    const body = request.body.length > 400 ? `${request.body.slice(0, 400)}…(${request.body.length} bytes)` : request.body;
    parts.push(`--data-raw ${shellQuote(body)}`);
  }
  return parts.filter(Boolean).join(' ');
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
