// Renders stored documents and errors as Eve does: dates, `_links`, `_status`, and the error body.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Profile } from '../options.js';
import { fieldsJsonOf, jsonString, withOpenEnd } from '../store/document.js';
import type { StoredDoc } from '../store/document.js';
import { httpDate } from '../store/http-date.js';
import { ApiError } from './errors.js';
import { textAnswer } from './host-answer.js';

export type Json = Record<string, unknown>;
type LinkSet = 'self' | 'item';

export interface RenderTarget {
  resource: string;
  title: string;
  profile: Profile;
  /** Top-level fields holding another document's `_id`: Eve links them under `_links.related`. */
  related?: ReadonlyArray<{ field: string; resource: string; title: string }>;
}

/** A stored document as the API answers it. `links: 'item'` adds Eve's parent/collection links (GET item). */
export function renderDoc(doc: StoredDoc, target: RenderTarget, links: LinkSet = 'self'): Json {
  const { _created, _updated, ...rest } = doc;
  const rendered: Json = { ...rest, _created: httpDate(_created), _updated: httpDate(_updated), _links: itemLinks(doc, target, links) };
  const status = rest['status'];
  if (target.profile.agentUrlKey !== 'agentURL' && isObject(status) && 'agentURL' in status) {
    const { agentURL, ...others } = status;
    rendered['status'] = { ...others, [target.profile.agentUrlKey]: agentURL };
  }
  return rendered;
}

/**
 * Renders documents of one resource, remembering each one's JSON as a list shows it: stored
 * documents never change (a write stores a new object), so a document listed a thousand times is
 * serialised once. An item's own answer is kept, as bytes, by the item route.
 */
export class DocRenderer {
  readonly #listed = new WeakMap<StoredDoc, string>();
  readonly #titleJson: string;

  constructor(readonly target: RenderTarget) {
    this.#titleJson = JSON.stringify(target.title);
  }

  render(doc: StoredDoc, links: LinkSet = 'self'): Json {
    return renderDoc(doc, this.target, links);
  }

  json(doc: StoredDoc, links: LinkSet = 'self'): string {
    if (links === 'item') return this.#build(doc, 'item');
    let json = this.#listed.get(doc);
    if (json === undefined) {
      json = this.#build(doc, 'self');
      this.#listed.set(doc, json);
    }
    return json;
  }

  #build(doc: StoredDoc, links: LinkSet): string {
    return this.#fromFieldsJson(doc, links, '}') ?? JSON.stringify(this.render(doc, links));
  }

  /**
   * The JSON of a write's answer: the document plus `"_status": "OK"`. Built from the JSON the write
   * has just made, and not remembered: a client that reads the document next has it rendered then.
   */
  writtenJson(doc: StoredDoc): string {
    return this.#fromFieldsJson(doc, 'self', ',"_status":"OK"}') ?? `${this.json(doc).slice(0, -1)},"_status":"OK"}`;
  }

  /** `render` as JSON from the fields' JSON the write just made (no field renamed), the meta fields appended in `renderDoc`'s order, then `end`. */
  #fromFieldsJson(doc: StoredDoc, links: LinkSet, end: string): string | undefined {
    const fieldsJson = this.target.profile.agentUrlKey === 'agentURL' ? fieldsJsonOf(doc) : undefined;
    if (fieldsJson === undefined) return undefined;
    const id = jsonString(doc._id);
    const meta = `"_id":${id},"_etag":"${doc._etag}","_created":"${httpDate(doc._created)}","_updated":"${httpDate(doc._updated)}"`;
    return `${withOpenEnd(fieldsJson)}${meta},"_links":${this.#linksJson(doc, links)}${end}`;
  }

  /** `JSON.stringify(itemLinks(…))`, written out for the usual case of a document without related links. */
  #linksJson(doc: StoredDoc, links: LinkSet): string {
    const related = relatedLinks(doc, this.target);
    if (related || this.target.profile.linkStyle === 'seed') return JSON.stringify(itemLinks(doc, this.target, links));
    const self = `{"self":{"title":${this.#titleJson},"href":${jsonString(`${this.target.resource}/${doc._id}`)}}`;
    if (links === 'self') return `${self}}`;
    const resource = JSON.stringify(this.target.resource);
    return `${self},"parent":{"title":"home","href":"/"},"collection":{"title":${resource},"href":${resource}}}`;
  }
}

function itemLinks(doc: StoredDoc, target: RenderTarget, links: LinkSet): Json {
  const self = { title: target.title, href: itemHref(target.resource, doc._id, target.profile) };
  const related = relatedLinks(doc, target);
  const withRelated = related ? { related } : {};
  if (links === 'self') return { self, ...withRelated };
  return { self, ...withRelated, parent: { title: 'home', href: '/' }, collection: { title: target.resource, href: target.resource } };
}

function itemHref(resource: string, id: string, profile: Profile): string {
  return profile.linkStyle === 'seed' ? `/v1/${resource}/${id}` : `${resource}/${id}`;
}

/** Eve's `resolve_data_relation_links`: one link per reference field the document sets. */
function relatedLinks(doc: StoredDoc, target: RenderTarget): Json | undefined {
  let related: Json | undefined;
  for (const { field, resource, title } of target.related ?? []) {
    const id = doc[field];
    if (typeof id !== 'string') continue;
    related ??= {};
    related[field] = { title, href: itemHref(resource, id, target.profile) };
  }
  return related;
}

/** The headers an API answer may carry besides its content type. */
export interface AnswerHeaders {
  etag?: string | undefined;
  lastModified?: string | undefined;
  location?: string | undefined;
  totalCount?: string | undefined;
}

/**
 * A JSON answer whose headers are a plain object, which @hono/node-server writes without building a
 * `Headers`. Names are lower case and in alphabetical order, as a `Headers` lists them, so the
 * bytes on the wire are the same as Hono's `c.header()` gives.
 */
export function jsonAnswer(env: unknown, body: string, status: number, headers: AnswerHeaders = {}): Response {
  return textAnswer(env, body, { status, headers: answerHeaders(headers) });
}

/**
 * The header object of a JSON answer. Bodies stay strings, not bytes: Node joins a string body to
 * the status line and headers it writes, where bytes go to the socket as a piece of their own.
 */
export function answerHeaders({ etag, lastModified, location, totalCount }: AnswerHeaders): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (etag !== undefined) headers['etag'] = etag;
  if (lastModified !== undefined) headers['last-modified'] = lastModified;
  if (location !== undefined) headers['location'] = location;
  if (totalCount !== undefined) headers['x-total-count'] = totalCount;
  return headers;
}

/** `Location` of a new item; the seed profile doubles the API prefix the way the seed's example shows. */
export function locationOf(baseUrl: string, id: string, target: RenderTarget): string {
  const prefix = target.profile.linkStyle === 'seed' ? '/api/v1/v1' : '/api/v1';
  return `${baseUrl}${prefix}/${target.resource}/${id}`;
}

export function errorBody(error: ApiError): Json {
  const detail = { code: error.status, message: error.message };
  if (error.items) return { _status: 'ERR', _items: error.items, _error: detail };
  if (error.issues && error.issuesOnly) return { _status: 'ERR', _issues: error.issues };
  if (error.issues) return { _status: 'ERR', _issues: error.issues, _error: detail };
  return { _status: 'ERR', _error: detail };
}

/** The one place errors become responses. Unexpected errors are logged and answered as Eve's 500. */
export function renderError(error: Error, c: Context): Response {
  const apiError = toApiError(error);
  for (const [name, value] of Object.entries(apiError.headers)) c.header(name, value);
  return c.json(errorBody(apiError), apiError.status as 400);
}

function toApiError(error: Error): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) return new ApiError(error.status, error.message || 'Request failed');
  console.error('kubeclusters-mock: unexpected error', error);
  return new ApiError(500, 'The server encountered an internal error and was unable to complete your request.');
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
