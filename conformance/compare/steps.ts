// A replay step: one request written symbolically ("cluster a#3", "its stale etag"), so that each
// server fills in its own ids and etags from its own earlier answers.

export type Tenant = 'a' | 'b';
export type ResourceName = 'kubeclusters' | 'objectstores' | 'kubebackups' | 'policies' | 'kubeoffloads';
/** Who sends a step: a tenant's token, no Authorization header, or a token no server accepts. */
export type Sender = Tenant | 'anonymous' | 'bad-token';

/** A document named by the sequence, e.g. `a:kubeclusters#3`; each side maps it to its own `_id`. */
export type Sym = string;

export interface Step {
  index: number;
  /** The operation's shape (method, route, what is special about it): differences are grouped by it. */
  shape: string;
  sender: Sender;
  method: string;
  /** Path and query, with placeholders (see `placeholder`). */
  path: string;
  headers: Record<string, string>;
  /** Raw body text with placeholders; sent as is (it may be malformed on purpose). */
  body?: string;
  /** The documents a 201 answer creates, in the order of its items. */
  creates?: Sym[];
  /** The resource the step acts on, if any (resolves `_id`s in its answer to symbols). */
  resource?: ResourceName;
}

export type StepDraft = Omit<Step, 'index'>;

/** An id no server holds (well-formed, so routing accepts it). */
export const UNKNOWN_ID = '0123456789abcdef01234567';
/** An etag no document has. */
export const UNKNOWN_ETAG = '0000000000000000000000000000000000000000';

/** Placeholders are `{{id SYM}}`, `{{etag SYM}}` (current), `{{stale SYM}}` (an earlier one). */
export const placeholder = {
  id: (sym: Sym) => `{{id ${sym}}}`,
  etag: (sym: Sym) => `{{etag ${sym}}}`,
  stale: (sym: Sym) => `{{stale ${sym}}}`,
};

export const PLACEHOLDER = /\{\{(id|etag|stale) ([^}]+)\}\}/g;

export function symbol(tenant: Tenant, resource: ResourceName, n: number): Sym {
  return `${tenant}:${resource}#${n}`;
}

export function resourceOf(sym: Sym): ResourceName {
  return sym.slice(2, sym.indexOf('#')) as ResourceName;
}

export const API = '/api/v1';
export const JSON_TYPE = 'application/json';
