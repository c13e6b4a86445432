// Small builders for steps, so each operation in the generator's table reads as one line of intent.
import { API, JSON_TYPE, placeholder, resourceOf } from './steps.js';
import type { ResourceName, Sender, StepDraft, Sym } from './steps.js';

export interface DraftOptions {
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is, with this content type (none when undefined). */
  raw?: { text: string; contentType?: string | undefined };
  headers?: Record<string, string>;
  creates?: string[];
}

export function draft(sender: Sender, method: string, path: string, shape: string, resource: ResourceName | undefined, options: DraftOptions = {}): StepDraft {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = JSON_TYPE;
  } else if (options.raw) {
    body = options.raw.text;
    if (options.raw.contentType) headers['Content-Type'] = options.raw.contentType;
  }
  const who = sender === 'a' ? '' : ` [as ${sender === 'b' ? 'tenant b' : sender}]`;
  return {
    shape: `${method} ${shape}${who}`,
    sender,
    method,
    path,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.creates ? { creates: options.creates } : {}),
    ...(resource ? { resource } : {}),
  };
}

export const collectionPath = (resource: ResourceName) => `${API}/${resource}`;
export const itemPath = (sym: Sym) => `${API}/${resourceOf(sym)}/${placeholder.id(sym)}`;

export type Precondition = 'current' | 'stale' | 'missing';

export function ifMatch(sym: Sym, precondition: Precondition): Record<string, string> {
  if (precondition === 'missing') return {};
  return { 'If-Match': precondition === 'current' ? placeholder.etag(sym) : placeholder.stale(sym) };
}

/** `kubeclusters/{id}` etc., as shapes name routes. */
export const itemRoute = (sym: Sym) => `${resourceOf(sym)}/{id}`;
