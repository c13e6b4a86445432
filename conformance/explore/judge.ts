// Judges one exchange of an explore run: the shared rules (spec, Eve envelopes, ETag and state rules,
// conformance/rules/) and the model of what the server must hold; then moves the model on.
import { parse as parseYaml } from 'yaml';
import type { Exchange } from '../client.js';
import { exchangeRules } from '../proxy/inspector.js';
import { eveErrorBody } from '../rules/answers.js';
import { addressOf, bareEtag, docsOf, isSuccess, requestChecker, server, show } from '../rules/rule.js';
import { contractOf } from '../checks/resource-contracts.js';
import { onResource } from '../requirements.js';
import type { Doc, RuleContext, Violation } from '../rules/rule.js';
import { judgeWrite } from './writes.js';
import { judgeListItems, readQuery } from './lists.js';
import { TRACKED } from './model.js';
import type { Held, StateModel, Tenant, Tracked } from './model.js';
import { observe } from './observe.js';
import type { ExploreStep } from './steps.js';
import { crashTolerance } from './tolerated.js';

const RUN = /\/api\/v1\/kubebackups\/([0-9a-f]{24})\/action\/run$/;

export class Judge {
  constructor(
    readonly model: StateModel,
    private readonly context: RuleContext,
  ) {}

  /** The server's violations in this exchange (the client's are the generator's on purpose). */
  judge(step: ExploreStep, exchange: Exchange): Violation[] {
    if (step.via === 'control') return this.#control(step, exchange);
    if (step.via === 'agent') return this.#agent(exchange);
    // A HEAD answer has no body by HTTP: the error-body rule is for the GET it stands for.
    const rules = step.method === 'HEAD' ? exchangeRules.filter((rule) => rule !== eveErrorBody) : exchangeRules;
    const context = { ...this.context, holdsDocument: (seen: Exchange) => this.#holds(step, seen) };
    const shared = rules.flatMap((rule) => rule(exchange, context));
    // A known crash of the reference (tolerated.ts) is neither judged nor modelled: nothing was stored.
    if (exchange.status >= 500 && crashTolerance(exchange)) return [];
    const own = [...crashRule(exchange), ...routeRule(exchange), ...this.#model(step, exchange)];
    return [...shared, ...own].filter((v) => v.party === 'server').map((v) => namedForResource(v, addressOf(exchange).resource));
  }

  /** Whether the tenant sending the step holds the document it names (the rules' `holdsDocument`). */
  #holds(step: ExploreStep, exchange: Exchange): boolean {
    const held = this.model.get(addressOf(exchange).id);
    return held !== undefined && held.tenant === step.sender;
  }

  #model(step: ExploreStep, exchange: Exchange): Violation[] {
    const address = addressOf(exchange);
    if (address.resource === 'jobs') return this.#jobs(exchange, address.kind === 'item');
    const tenant: Tenant | undefined = step.sender === 'a' || step.sender === 'b' ? step.sender : undefined;
    const run = RUN.exec(address.path);
    if (tenant && run) return judgeWrite(this.model, { step, exchange, tenant, resource: 'kubebackups', id: run[1] });
    if (!tenant || !(TRACKED as readonly string[]).includes(address.resource ?? '')) return [];
    const resource = address.resource as Tracked;
    if (address.kind === 'collection' && ['GET', 'HEAD'].includes(step.method)) return this.#list(tenant, resource, exchange);
    if (address.kind === 'item' && ['GET', 'HEAD'].includes(step.method)) return this.#read(tenant, address.id, exchange);
    return judgeWrite(this.model, { step, exchange, tenant, resource, id: address.id });
  }

  #read(tenant: Tenant, id: string | undefined, exchange: Exchange): Violation[] {
    const held = this.model.get(id);
    if (held && held.tenant !== tenant) return exchange.status === 200 ? [server('KC-AUTH-3', `404: ${held.resource}/${held.id} belongs to the other tenant`, '200')] : [];
    if (exchange.status === 404) return held ? vanished(this.model, held) : [];
    if (exchange.status !== 200 || exchange.request.method === 'HEAD') return [];
    if (held) return observe(this.model, held, exchange.body as Doc, true);
    return this.#unknown(tenant, addressOf(exchange).resource as Tracked, exchange.body as Doc);
  }

  #list(tenant: Tenant, resource: Tracked, exchange: Exchange): Violation[] {
    if (exchange.status !== 200 || exchange.request.method === 'HEAD') return [];
    const query = readQuery(addressOf(exchange).query);
    if ('rule' in query) return [query];
    const violations: Violation[] = [];
    for (const doc of docsOf(exchange.body)) {
      const held = this.model.get(doc['_id']);
      if (held && held.tenant !== tenant) violations.push(server('KC-AUTH-3', `lists leave out the other tenant's ${resource}/${held.id}`, `${resource}/${held.id} listed`));
      else if (!held) violations.push(...this.#unknown(tenant, resource, query.projection ? { _id: doc['_id'] } : doc));
      else if (!query.projection) violations.push(...observe(this.model, held, doc, true));
      else seenProjected(held, doc);
    }
    if (violations.some((v) => v.rule === 'KC-AUTH-3')) return violations;
    return [...violations, ...judgeListItems(exchange, this.model.list(tenant, resource), query, (doc) => this.model.remove(doc, false))];
  }

  /** A document the model does not hold for this tenant: deleted, refused, or never made by anyone it knows. */
  #unknown(tenant: Tenant, resource: Tracked, doc: Doc): Violation[] {
    const id = String(doc['_id']);
    const deleted = this.model.deletedOf(id);
    const refused = this.model.refusedNames.get(`${tenant}|${resource}|${doc['name']}`);
    const namesake = this.model.list(tenant, resource).find((h) => h.fields['name'] === doc['name'] && doc['name'] !== undefined);
    this.model.forget(id);
    this.model.add(tenant, resource, id, {});
    const held = this.model.get(id) as Held;
    observe(this.model, held, doc, true);
    if (deleted) return [server(deleted.suspects.at(-1) ?? 'KC-DELETE-1', `${resource}/${id} gone: a DELETE of it answered 204`, `${resource}/${id} still there`)];
    if (namesake) return [server(namesake.writtenBy, `${resource} named ${show(doc['name'])} stored as ${namesake.id}, as its POST answered`, `it is stored as ${id}`)];
    if (refused) return [server(refused, `no ${resource} named ${show(doc['name'])}: its POST was refused`, `${resource}/${id} stored`)];
    return [server('KC-LIST-2', `only the ${resource} the answers so far made`, `${resource}/${id} (${show(doc['name'])}), which no answer created`)];
  }

  #jobs(exchange: Exchange, item: boolean): Violation[] {
    if (exchange.status !== 200 || exchange.request.method !== 'GET') return [];
    const violations: Violation[] = item ? jobEtagProblems(exchange) : jobWhereProblems(exchange);
    const rank = (state: string) => (state === 'RUNNING' ? 0 : state === 'CATALOG' ? 1 : 2);
    for (const job of docsOf(exchange.body)) {
      const state = String(job['state'] ?? '');
      const before = this.model.jobStates.get(job['_id']);
      if (before !== undefined && before !== state && (rank(before) === 2 || rank(state) < rank(before))) {
        violations.push(server('KC-JOBS-3', `job ${job['_id']} moving forward from ${before} (RUNNING → CATALOG → a done state, which never moves)`, `state ${state}`));
      }
      this.model.jobStates.set(job['_id'], state);
    }
    // Newest last: a list sorted by -start_time shows the job a run just started first.
    for (const job of item ? [] : docsOf(exchange.body).reverse()) {
      if (typeof job['name'] !== 'string') continue;
      this.model.jobNames.delete(job['_id']);
      this.model.jobNames.set(job['_id'], job['name']);
    }
    return violations;
  }

  #agent(exchange: Exchange): Violation[] {
    const held = this.model.byAgentPath(new URL(exchange.request.url).pathname);
    if (!held || exchange.status !== 200) return [];
    held.agentFetched = true;
    held.statusMayMove = true;
    return manifestProblems(held, exchange.text);
  }

  #control(step: ExploreStep, exchange: Exchange): Violation[] {
    if (exchange.status !== 200) return [];
    if (step.path.endsWith('/clock/advance')) {
      for (const held of this.model.all()) if (held.agentFetched) held.mustBeActive = true;
      return [];
    }
    const move = /\/__mock\/clusters\/([0-9a-f]{24})\/(connect|disconnect)$/.exec(new URL(exchange.request.url).pathname);
    const held = this.model.get(move?.[1]);
    if (held) Object.assign(held, { expectState: move?.[2] === 'connect' ? 'ACTIVE' : 'INACTIVE', statusMayMove: true });
    return [];
  }
}

/** A finding worded for clusters, made on another resource, under that resource's KC-RES-… id (requirements.ts). */
function namedForResource(violation: Violation, resource: string | undefined): Violation {
  if (!(TRACKED as readonly string[]).includes(resource ?? '')) return violation;
  return { ...violation, rule: onResource(violation.rule, contractOf(resource as Tracked).key) };
}

/** KC-RES-JOBS-2: a job read by its id carries its _etag as the ETag header. */
function jobEtagProblems(exchange: Exchange): Violation[] {
  const etag = bareEtag(exchange.headers.get('etag') ?? undefined);
  const body = exchange.body as Doc | undefined;
  if (typeof body?.['_etag'] !== 'string' || etag === body['_etag']) return [];
  return [server('KC-RES-JOBS-2', `an ETag header ${body['_etag']} (the job's _etag)`, etag === undefined ? 'no ETag header' : `ETag ${etag}`)];
}

/** KC-RES-JOBS-3: every job a where lists matches it (by name, by backupdef). */
function jobWhereProblems(exchange: Exchange): Violation[] {
  const query = readQuery(addressOf(exchange).query);
  if ('rule' in query || query.where === undefined) return [];
  const strays = docsOf(exchange.body).filter((job) => !query.where?.(job));
  const where = addressOf(exchange).query.get('where');
  return strays.length === 0 ? [] : [server('KC-RES-JOBS-3', `only jobs matching where=${where}`, `job ${strays[0]?.['_id']} named ${show(strays[0]?.['name'])}`)];
}

/** A projected item shows no content, but its ETag is the one later writes send. */
function seenProjected(held: Held, doc: Doc): void {
  if (typeof doc['_etag'] !== 'string' || held.etags.has(doc['_etag'])) return;
  held.etag = doc['_etag'];
  held.etags.set(doc['_etag'], undefined);
  held.etagUnread = true;
  if (typeof doc['_updated'] === 'string') held.updated = doc['_updated'];
}

/** A document the model holds that the server no longer has: the latest request that must not have removed it is at fault. */
function vanished(model: StateModel, held: Held): Violation[] {
  model.remove(held, false);
  return [server(held.suspects.at(-1) ?? held.writtenBy, `${held.resource}/${held.id} still there (nothing deleted it)`, '404')];
}

/** 5xx is never an answer, apart from the reference's known crashes (tolerated.ts). */
function crashRule(exchange: Exchange): Violation[] {
  if (exchange.status < 500) return [];
  return [server('SERVER-ERROR', 'no 5xx: a 4xx naming what is wrong, or a success', `${exchange.status} ${exchange.text.slice(0, 200)}`)];
}

/** KC-ROUTE-3, KC-JOBS-5: a method the spec does not offer on a documented route does not succeed. */
function routeRule(exchange: Exchange): Violation[] {
  const path = new URL(exchange.request.url).pathname;
  const method = exchange.request.method;
  if (!isSuccess(exchange) || ['OPTIONS', 'HEAD'].includes(method) || requestChecker().operation(method, path)) return [];
  if (!requestChecker().operation('GET', path)) return [];
  const rule = path.startsWith('/api/v1/jobs') ? 'KC-JOBS-5' : 'KC-ROUTE-3';
  return [server(rule, `405: ${path} does not offer ${method}`, `${exchange.status}`)];
}

/** KC-AGENT-2: the manifest of a cluster with image_pull_secret_name pulls with it. */
function manifestProblems(held: Held, text: string): Violation[] {
  const secret = held.fields['image_pull_secret_name'];
  if (typeof secret !== 'string') return [];
  let items: Doc[] = [];
  try {
    items = ((parseYaml(text) as Doc | null)?.['items'] ?? []) as Doc[];
  } catch {
    return [];
  }
  const pods = items.filter((item) => item['kind'] === 'Deployment').map((item) => item['spec']?.template?.spec as Doc | undefined).filter((pod) => pod !== undefined);
  // A manifest without a pod spec (the reference's stub) says nothing about pulling.
  if (pods.length === 0) return [];
  const pulls = pods.some((pod) => (pod?.['imagePullSecrets'] ?? []).some((entry: Doc) => entry['name'] === secret));
  return pulls ? [] : [server('KC-AGENT-2', `the agent Deployment's imagePullSecrets naming ${secret}`, show(pods.map((pod) => pod?.['imagePullSecrets'])))];
}

