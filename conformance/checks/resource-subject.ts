// One declared resource under test in one check: makes its documents (and those they refer to) from the
// declarations, and compares what the server stored with what the client sent.
import type { CheckContext, Doc } from '../check.js';
import type { Exchange } from '../client.js';
import { expectEqual, expectStatus, expectThat, show } from '../expect.js';
import { requireCollection } from './served.js';
import { contractOf } from './resource-contracts.js';
import type { Refs, ResourceContract, WritableResource } from './resource-contracts.js';

const META = ['_id', '_etag', '_created', '_updated', '_links', '_status'];

export interface Posted {
  /** The document read back after the POST. */
  doc: Doc;
  /** The body the POST sent. */
  sent: Doc;
  refs: Refs;
  answer: Exchange;
}

export class ResourceUnderTest {
  constructor(
    readonly t: CheckContext,
    readonly contract: ResourceContract,
  ) {}

  get resource(): WritableResource {
    return this.contract.resource;
  }

  /** Skips the check, saying why, when the resource is optional and the server does not serve it. */
  async requireServed(): Promise<void> {
    const { optional } = this.contract;
    if (optional) await requireCollection(this.t, this.resource, optional);
  }

  name(label = 'doc'): string {
    return this.t.name(`${this.contract.key.toLowerCase()}-${label}`);
  }

  /** The documents the declared body refers to, each made from its own declaration. */
  async refs(): Promise<Refs> {
    const refs: Refs = {};
    for (const [label, resource] of Object.entries(this.contract.refersTo)) {
      refs[label] = (await new ResourceUnderTest(this.t, contractOf(resource)).post()).doc;
    }
    return refs;
  }

  body(refs: Refs, label?: string): Doc {
    return this.contract.body(this.name(label), refs) as Doc;
  }

  changes(refs: Refs, label = 'changed'): Doc {
    return this.contract.changes(this.name(label), refs) as Doc;
  }

  /** POSTs the declared body (or `sent`), expecting 201, and reads the document back. */
  async post(label?: string, given?: { refs: Refs; sent?: Doc }): Promise<Posted> {
    const refs = given?.refs ?? (await this.refs());
    const sent = given?.sent ?? this.body(refs, label);
    const answer = await this.t.api.create(this.resource, sent);
    expectStatus(answer, 201);
    return { doc: await this.t.read(answer.body?._id, this.resource), sent, refs, answer };
  }

  /** What a client controls of a document: no meta fields, no server-owned ones. */
  clientView(doc: Doc): Doc {
    const skipped = new Set([...META, ...this.contract.serverOwned]);
    return Object.fromEntries(Object.entries(doc).filter(([field]) => !skipped.has(field)));
  }

  /** Every field of `sent` (but server-owned ones) is stored exactly so. */
  expectFields(stored: Doc, sent: Doc, when: string, exchange?: Exchange): void {
    for (const [field, value] of Object.entries(this.clientView(sent))) expectEqual(stored[field], value, `${field} read back ${when}`, exchange);
  }

  /** How many documents the server finds whose `field` is `value` (default: named `value`). */
  async expectNamed(value: unknown, count: number, exchange?: Exchange, field = 'name'): Promise<void> {
    const found = await this.t.api.list(this.resource, { where: JSON.stringify({ [field]: value }) });
    expectStatus(found, 200);
    const total = found.body?._meta?.total;
    const after = exchange ? ` after the ${exchange.request.method}` : '';
    expectThat(total === count, `${count} ${this.resource} with ${field} ${show(value)}${after}`, () => `${show(total)} (${found.curl()})`, exchange);
  }
}
