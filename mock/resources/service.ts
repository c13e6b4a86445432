// The generic resource service: Eve's create/read/update/replace/delete rules, without HTTP.
import { ApiError } from '../http/errors.js';
import type { BulkItemResult, Issues } from '../http/errors.js';
import { assertIfMatch, STALE_IF_MATCH } from '../http/etag.js';
import type { Limits, Profile } from '../options.js';
import { firstMatches, MatchCache } from '../query/matches.js';
import type { SortKey } from '../query/sort.js';
import type { CompiledWhere } from '../query/where.js';
import { fieldsOf, toSecond } from '../store/document.js';
import type { Fields, StoredDoc } from '../store/document.js';
import { newObjectId, objectIdPattern } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { hasIssues, mergeIssues, notADocumentIssues } from '../validation/issues.js';
import type { DocumentValidator } from '../validation/validator.js';
import type { SchemaName } from '../../spec/schemas.js';
import type { ResourceDefinition, WriteContext } from './definition.js';
import { assignNested } from './merge.js';
import { clientFields, readOnlyIssues } from './read-only.js';
import { Relations } from './relations.js';

export const NOT_FOUND =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';
const INSERTION_FAILURE = (count: number) => `Insertion failure: ${count} document(s) contain(s) error(s)`;
const VALIDATION_FAILURE = 'Validation failure: the document contains errors';
const FORBIDDEN = "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.";
const ID_CONFLICT = 'A conflict happened while processing the request. The resource might have been modified while the request was being processed.';

export interface ListQuery {
  where: CompiledWhere | undefined;
  sort: readonly SortKey[] | undefined;
  page: number;
  maxResults: number;
}

/** What a resource needs from the rest of the mock. */
export interface ServiceDeps {
  store: Store;
  validator: DocumentValidator;
  profile: Profile;
  limits: Limits;
  /** Server-owned fields of a new document (the cluster's `status`). */
  initialServerFields?: (id: string, context: WriteContext) => Fields;
}

export class ResourceService {
  readonly #matches = new MatchCache();
  readonly #serverFields: readonly string[];
  readonly #relations: Relations;
  /** Documents as a PUT stored them (kept only with `noopWriteConflict`): Eve's etag of a PUT is a function of the document alone. */
  readonly #putStored = new WeakSet<StoredDoc>();

  constructor(
    readonly definition: ResourceDefinition,
    private readonly deps: ServiceDeps,
  ) {
    this.#serverFields = [...definition.serverOwned, ...(definition.serverKept ?? [])];
    this.#relations = new Relations(definition, deps.store);
  }

  /** One page of the documents matching `where`, and how many match in all. */
  list(tenant: string, query: ListQuery): { items: StoredDoc[]; total: number } {
    const start = (query.page - 1) * query.maxResults;
    const keep = start + query.maxResults;
    const collection = this.#collection(tenant);
    if (!query.where && !query.sort?.length) return { items: pageOf(collection.values(), start, query.maxResults), total: collection.size };
    const key = `${tenant}\u0000${query.where?.source ?? ''}\u0000${JSON.stringify(query.sort ?? [])}`;
    let matches = this.#matches.get(key, collection.revision, keep);
    if (!matches) {
      matches = firstMatches(this.#candidates(tenant, query.where), query.where?.predicate, query.sort, keep);
      this.#matches.set(key, collection.revision, matches);
    }
    return { items: matches.prefix.slice(start, keep), total: matches.total };
  }

  /** Grows with every change to one tenant's documents of this resource. */
  revision(tenant: string): number {
    return this.#collection(tenant).revision;
  }

  /** The documents worth testing: an index's hits when `where` has an indexed equality, else all of them. */
  *#candidates(tenant: string, where: CompiledWhere | undefined): Iterable<StoredDoc> {
    const collection = this.#collection(tenant);
    for (const [path, value] of where?.equalities ?? []) {
      const ids = collection.findEqual(path, value);
      if (!ids) continue;
      for (const id of ids) {
        const doc = collection.get(id);
        if (doc) yield doc;
      }
      return;
    }
    yield* collection.values();
  }

  get(tenant: string, id: string): StoredDoc {
    const doc = objectIdPattern.test(id) ? this.#collection(tenant).get(id) : undefined;
    if (!doc) throw new ApiError(404, NOT_FOUND);
    return doc;
  }

  /** Eve's insert of one document (a POST of an object, or of a one-document list). */
  create(context: WriteContext, body: unknown): StoredDoc {
    this.#assertRoom(context.tenant, 1);
    const { candidate, issues } = this.#prepare(context.tenant, body);
    if (hasIssues(issues)) throw new ApiError(422, INSERTION_FAILURE(1), { issues });
    const id = this.#clientId(body as Fields);
    if (id !== undefined && this.deps.store.locate(id)) throw new ApiError(409, ID_CONFLICT);
    return this.#insert(context, candidate, id);
  }

  /** Eve's bulk insert: every document is checked first; one bad document stores none of them. */
  createMany(context: WriteContext, bodies: readonly unknown[]): StoredDoc[] {
    this.#assertRoom(context.tenant, bodies.length);
    const results: BulkItemResult[] = [];
    const prepared: Fields[] = [];
    const namesInBatch = new Set<string>();
    for (const body of bodies) {
      const { candidate, issues } = this.#prepare(context.tenant, body);
      if (isDocument(body)) this.#relations.batchIssues(candidate, namesInBatch, issues);
      results.push(hasIssues(issues) ? { _status: 'ERR', _issues: issues } : { _status: 'OK' });
      prepared.push(candidate);
    }
    const failed = results.filter((r) => r._status === 'ERR').length;
    if (failed > 0) throw new ApiError(422, INSERTION_FAILURE(failed), { items: results });
    const ids = bodies.map((body) => this.#clientId(body as Fields));
    this.#assertFreeIds(ids);
    return prepared.map((fields, index) => this.#insert(context, fields, ids[index]));
  }

  /** What a POSTed document would store (the client's fields, defaults filled in), and what is wrong with it. */
  #prepare(tenant: string, body: unknown): { candidate: Fields; issues: Issues } {
    if (!isDocument(body)) return { candidate: {}, issues: notADocumentIssues(body, 'validation exception') };
    const candidate = clientFields(this.definition, body);
    return { candidate, issues: mergeIssues(readOnlyIssues(this.definition, body, undefined), this.#check(tenant, candidate, undefined)) };
  }

  /** Eve takes a valid `_id` a client sends on POST (the schema has already refused a malformed one). */
  #clientId(body: Fields): string | undefined {
    const id = Object.hasOwn(body, '_id') ? body['_id'] : undefined;
    return typeof id === 'string' && objectIdPattern.test(id) ? id : undefined;
  }

  /** Ids are unique across the store: one already taken (here or in a batch) is Mongo's duplicate key, Eve's 409. */
  #assertFreeIds(ids: ReadonlyArray<string | undefined>): void {
    const given = ids.filter((id): id is string => id !== undefined);
    if (given.some((id, index) => this.deps.store.locate(id) || given.indexOf(id) !== index)) throw new ApiError(409, ID_CONFLICT);
  }

  update(context: WriteContext, id: string, body: unknown, ifMatch: string | undefined): StoredDoc {
    const stored = this.get(context.tenant, id);
    assertIfMatch(ifMatch, stored, true);
    const patch = this.#documentBody(body);
    const sent = clientFields(this.definition, patch);
    // Eve validates the patch as sent (no defaults filled in): the rules inside a nested object apply
    // to the nested object sent, and only the unique values and references the patch names are
    // checked (a stored reference whose document has gone since does not block a patch of other fields).
    const issues = mergeIssues(readOnlyIssues(this.definition, patch, stored), this.#patchIssues(sent));
    this.#assertValid(mergeIssues(issues, this.#relations.issues(context.tenant, sent, stored._id)));
    const merged = assignNested(clientFields(this.definition, stored), sent);
    return this.deps.store.write(context.tenant, this.definition.name, id, this.#keepServerOwned(merged, stored), { created: stored._created, updated: context.now });
  }

  replace(context: WriteContext, id: string, body: unknown, ifMatch: string | undefined): { doc: StoredDoc; created: boolean } {
    const stored = objectIdPattern.test(id) ? this.#collection(context.tenant).get(id) : undefined;
    if (!stored) {
      this.#refuseOthersDocument(id, ifMatch);
      if (!this.deps.profile.upsertOnPut || !objectIdPattern.test(id)) throw new ApiError(404, NOT_FOUND);
      return { doc: this.#upsert(context, id, body), created: true };
    }
    assertIfMatch(ifMatch, stored, true);
    const sent = this.#documentBody(body);
    const issues = readOnlyIssues(this.definition, sent, stored);
    const replacement = clientFields(this.definition, sent);
    this.#assertValid(mergeIssues(issues, this.#check(context.tenant, replacement, stored._id)));
    const fields = this.#keepServerOwned(replacement, stored);
    if (this.deps.profile.noopWriteConflict) this.#refuseNoopReplace(stored, fields, context.now);
    const doc = this.deps.store.write(context.tenant, this.definition.name, id, fields, { created: stored._created, updated: context.now });
    if (this.deps.profile.noopWriteConflict) this.#putStored.add(doc);
    return { doc, created: false };
  }

  /**
   * Eve 2.3's PUT stores the new document with an etag computed from it alone, and takes Mongo's count
   * of 0 modified documents for a changed etag: a PUT repeating the previous PUT's document in the same
   * second answers 412. A POST or PATCH etag also covers what the document was before, so it never repeats.
   */
  #refuseNoopReplace(stored: StoredDoc, fields: Fields, now: number): void {
    if (this.#putStored.has(stored) && toSecond(now) === stored._updated && JSON.stringify(fields) === JSON.stringify(fieldsOf(stored))) {
      throw new ApiError(412, STALE_IF_MATCH);
    }
  }

  /** Eve's DELETE: an id this tenant does not have (unknown, gone, another tenant's) deletes nothing and succeeds. */
  remove(context: WriteContext, id: string, ifMatch: string | undefined): StoredDoc | undefined {
    if (!objectIdPattern.test(id)) throw new ApiError(404, NOT_FOUND);
    const stored = this.#collection(context.tenant).get(id);
    if (!stored) return undefined;
    assertIfMatch(ifMatch, stored, this.deps.profile.deleteRequiresIfMatch);
    this.#relations.assertUnreferenced(context.tenant, stored);
    this.deps.store.remove(context.tenant, this.definition.name, id);
    return stored;
  }

  /** Eve's PUT finds another tenant's document: its 428/412 checks run against it, then 403; nothing changes. */
  #refuseOthersDocument(id: string, ifMatch: string | undefined): void {
    const other = this.deps.store.locate(id);
    if (!other || other.resource !== this.definition.name) return;
    assertIfMatch(ifMatch, other.doc, true);
    throw new ApiError(403, FORBIDDEN);
  }

  /** Server-owned and server-kept fields (a cluster's or a backup definition's status) survive every client write; `fields` is changed in place. */
  #keepServerOwned(fields: Fields, stored: StoredDoc): Fields {
    for (const owned of this.#serverFields) {
      if (Object.hasOwn(stored, owned)) fields[owned] = stored[owned];
      else delete fields[owned];
    }
    return fields;
  }

  #upsert(context: WriteContext, id: string, body: unknown): StoredDoc {
    this.#assertRoom(context.tenant, 1);
    const fields = this.#documentBody(body);
    const issues = readOnlyIssues(this.definition, fields, undefined);
    const candidate = clientFields(this.definition, fields);
    this.#assertValid(mergeIssues(issues, this.#check(context.tenant, candidate, undefined)));
    return this.#insert(context, candidate, id);
  }

  /** Stores `fields` (the service's own copy of what the client sent) with the server's fields of a new document. */
  #insert(context: WriteContext, fields: Fields, id = newObjectId(context.now)): StoredDoc {
    if (this.definition.initial) Object.assign(fields, this.definition.initial());
    if (this.deps.initialServerFields) Object.assign(fields, this.deps.initialServerFields(id, context));
    return this.deps.store.create(context.tenant, this.definition.name, id, fields, context.now);
  }

  #collection(tenant: string) {
    return this.deps.store.collection(tenant, this.definition.name);
  }

  /** A PATCH or PUT body: anything but a JSON object is Cerberus' 422, as Eve answers it. */
  #documentBody(body: unknown): Fields {
    if (!isDocument(body)) throw new ApiError(422, VALIDATION_FAILURE, { issues: notADocumentIssues(body, 'validator exception'), issuesOnly: true });
    return body;
  }

  /** Schema, rules, uniqueness and references of the document about to be stored (`selfId` when it exists). */
  #check(tenant: string, doc: Fields, selfId: string | undefined): Issues {
    return mergeIssues(this.#schemaIssues(this.definition.schema, doc), this.#relations.issues(tenant, doc, selfId));
  }

  /** The schema and the resource's own rules; the schema's defaults are filled in on `doc`. */
  #schemaIssues(schema: SchemaName, doc: Fields): Issues {
    return this.#withRules(this.deps.validator.check(schema, doc), doc);
  }

  /** A patch against the patch schema, as sent: no default is filled in. */
  #patchIssues(patch: Fields): Issues {
    return this.#withRules(this.deps.validator.checkAsSent(this.definition.patchSchema, patch), patch);
  }

  #withRules(issues: Issues, doc: Fields): Issues {
    if (this.definition.rules) mergeIssues(issues, this.definition.rules(doc));
    return issues;
  }

  #assertValid(issues: Issues): void {
    if (hasIssues(issues)) throw new ApiError(422, VALIDATION_FAILURE, { issues, issuesOnly: true });
  }

  #assertRoom(tenant: string, adding: number): void {
    const limit = this.deps.limits.maxItemsPerTenant;
    if (this.#collection(tenant).size + adding > limit) {
      throw new ApiError(409, `Limit reached: a tenant may hold at most ${limit} ${this.definition.name}`);
    }
  }
}

function pageOf(docs: Iterable<StoredDoc>, start: number, size: number): StoredDoc[] {
  const items: StoredDoc[] = [];
  let index = 0;
  for (const doc of docs) {
    if (index++ < start) continue;
    if (items.length === size) break;
    items.push(doc);
  }
  return items;
}

function isDocument(body: unknown): body is Fields {
  return body !== null && typeof body === 'object' && !Array.isArray(body);
}
