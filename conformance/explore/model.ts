// What the server must hold after the answers so far, per tenant and resource: every document's fields
// (as written, or as last read), status, ETag history and timestamps, in natural order; what was deleted;
// what was refused; the defaults the server adds. Plain bookkeeping: the judging is in observe.ts.
import type { Doc } from '../rules/rule.js';

export type Tenant = 'a' | 'b';
export const TRACKED = ['kubeclusters', 'objectstores', 'kubebackups', 'policies', 'kubeoffloads'] as const;
export type Tracked = (typeof TRACKED)[number];

export interface Held {
  id: string;
  tenant: Tenant;
  resource: Tracked;
  /** Natural order: when the model first learned of it. */
  order: number;
  /** The stored fields apart from meta fields and status: all of them when `complete`, else what the client wrote. */
  fields: Doc;
  complete: boolean;
  /** Set after a PUT: the fields before it, which must be gone unless a default brings them back. */
  replaced?: Doc;
  /** After a create: the fields the server adds are its defaults. */
  learnDefaults: boolean;
  status: unknown;
  etag: string | undefined;
  /** Every ETag seen for it, with the status shown with it. */
  etags: Map<string, unknown>;
  created: string | undefined;
  updated: string | undefined;
  /** The requirement a read-back that differs from `fields` breaks (the last write's). */
  writtenBy: string;
  /** Per field, the requirement of the write that set it since the last read (a PUT's field kept by a server is the PUT's fault, even after a PATCH of another). */
  writers: Record<string, string>;
  /** Requirements of requests since the last read that must not have changed it (refused or foreign writes). */
  suspects: string[];
  /** Its status may have moved on the server since it was last read (agent fetched, a run, a control move). */
  statusMayMove: boolean;
  agentFetched: boolean;
  /** Its ETag was learned from an answer without its content (a projection): a content change may come with it. */
  etagUnread?: boolean;
  /** The control clock was advanced past any activation delay since the agent was fetched. */
  mustBeActive: boolean;
  /** A control move answered 200: the next read shows this state. */
  expectState?: string;
}

const META = /^_/;

/** The fields a model compares: everything but meta fields and status. */
export function contentOf(doc: Doc): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !META.test(key) && key !== 'status'));
}

export class StateModel {
  readonly #byId = new Map<string, Held>();
  readonly #deleted = new Map<string, Held>();
  /** `tenant|resource|name` of refused creates, with the requirement their storing would break. */
  readonly refusedNames = new Map<string, string>();
  readonly defaults = new Map<Tracked, Doc>();
  readonly jobStates = new Map<string, string>();
  /** Jobs by id with their names, in the order lists showed them (the last is the one job steps name). */
  readonly jobNames = new Map<string, string>();
  #order = 0;

  add(tenant: Tenant, resource: Tracked, id: string, init: Partial<Held>): Held {
    const held: Held = {
      id, tenant, resource, order: this.#order++, fields: {}, complete: false, learnDefaults: false, status: undefined,
      etag: undefined, etags: new Map(), created: undefined, updated: undefined, writtenBy: 'KC-CREATE-2', writers: {}, suspects: [],
      statusMayMove: false, agentFetched: false, mustBeActive: false, ...init,
    };
    this.#byId.set(id, held);
    this.#deleted.delete(id);
    return held;
  }

  get(id: string | undefined): Held | undefined {
    return id === undefined ? undefined : this.#byId.get(id);
  }

  deletedOf(id: string | undefined): Held | undefined {
    return id === undefined ? undefined : this.#deleted.get(id);
  }

  remove(held: Held, asDeleted: boolean): void {
    this.#byId.delete(held.id);
    if (asDeleted) this.#deleted.set(held.id, held);
  }

  forget(id: string): void {
    this.#deleted.delete(id);
  }

  /** The documents a tenant holds of a resource, in natural order. */
  list(tenant: Tenant, resource: string): Held[] {
    return [...this.#byId.values()].filter((held) => held.tenant === tenant && held.resource === resource);
  }

  all(): IterableIterator<Held> {
    return this.#byId.values();
  }

  byAgentPath(path: string): Held | undefined {
    for (const held of this.#byId.values()) {
      const url = (held.status as Doc | undefined)?.['agentURL'];
      if (typeof url === 'string' && new URL(url, 'http://agent.local').pathname === path) return held;
    }
    return undefined;
  }
}

/** The document as the query engine sees it: fields, status and meta fields. */
export function asStored(held: Held): Doc {
  return { ...held.fields, ...(held.status === undefined ? {} : { status: held.status }), _id: held.id, _etag: held.etag, _created: held.created, _updated: held.updated };
}
