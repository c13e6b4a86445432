// Sends explore steps to one server: fills in this run's ids and etags (compare's symbol table) and
// agent URLs (from the model), and picks the API, the control API or an agent URL as the step says.
import { ApiClient, TransportError } from '../client.js';
import type { Exchange, FetchLike } from '../client.js';
import { REFUSED_TOKEN } from '../compare/side.js';
import { SymbolTable } from '../compare/symbols.js';
import { AGENT_PLACEHOLDER, JOB_ID, JOB_NAME } from './steps.js';
import type { ExploreStep, KnownJob } from './steps.js';

export interface ServerAccess {
  baseUrl: string;
  token: string;
  token2: string;
  /** The resources the server has (a 404 on a collection: the Eve reference has no policies, kubeoffloads, jobs); all when undefined. */
  present?: readonly string[] | undefined;
  /** The mock's control API root; control steps are only generated when it is given. */
  controlUrl?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs: number;
}

const ID_PLACEHOLDER = /\{\{id ([^}]+)\}\}/g;

export type Sent = { exchange: Exchange; error?: undefined } | { exchange?: undefined; error: string; curl: string };

export class Sender {
  readonly symbols = new SymbolTable();
  readonly #api: { a: ApiClient; b: ApiClient };
  readonly #control: ApiClient | undefined;

  constructor(
    readonly access: ServerAccess,
    private readonly agentPath: (sym: string) => string | undefined,
    private readonly latestJob: () => KnownJob | undefined = () => undefined,
  ) {
    const client = (baseUrl: string, token?: string) => new ApiClient({ baseUrl, token, timeoutMs: access.timeoutMs, ...(access.fetch ? { fetch: access.fetch } : {}) });
    this.#api = { a: client(access.baseUrl, access.token), b: client(access.baseUrl, access.token2) };
    this.#control = access.controlUrl === undefined ? undefined : client(access.controlUrl);
  }

  client(tenant: 'a' | 'b'): ApiClient {
    return this.#api[tenant];
  }

  async send(step: ExploreStep): Promise<Sent> {
    const client = step.via === 'control' ? this.#control : this.#api[step.sender === 'b' ? 'b' : 'a'];
    const token = step.sender === 'anonymous' ? null : step.sender === 'bad-token' ? REFUSED_TOKEN : undefined;
    const path = this.#jobs(this.#path(step));
    if (!client || path === undefined || this.#namesUnknown(step)) return { error: 'not sent (no control URL, no agent URL or job known, or a document this server never made)', curl: '' };
    const headers = Object.fromEntries(Object.entries(step.headers).map(([name, value]) => [name, this.symbols.resolve(value)]));
    const options = { headers, token, ...(step.body === undefined ? {} : { rawBody: this.symbols.resolve(step.body) }) };
    try {
      const exchange = await client.request(step.method, path, options);
      if (step.via !== 'control') this.symbols.learn(step, exchange.status, exchange.body);
      return { exchange };
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return { error: error.message, curl: `curl -sS -X ${step.method} '${client.baseUrl}${path}'` };
    }
  }

  /** Fills in the latest job listed; a step naming a job before any was listed is not sent. */
  #jobs(path: string | undefined): string | undefined {
    if (path === undefined || (!path.includes(JOB_ID) && !path.includes(JOB_NAME))) return path;
    const job = this.latestJob();
    return job && path.split(JOB_ID).join(job.id).split(JOB_NAME).join(job.name);
  }

  /**
   * Whether the step names a document this server never made (its create was refused, or dropped from a
   * shrinking replay): sent, it would aim at an id nobody holds, which says nothing about the step.
   */
  #namesUnknown(step: ExploreStep): boolean {
    const text = `${step.path} ${step.body ?? ''} ${Object.values(step.headers).join(' ')}`;
    return [...text.matchAll(ID_PLACEHOLDER)].some((match) => this.symbols.idOf(match[1] as string) === undefined);
  }

  #path(step: ExploreStep): string | undefined {
    const agent = AGENT_PLACEHOLDER.exec(step.path);
    if (!agent) return this.symbols.resolve(step.path);
    const id = this.symbols.idOf(agent[1] as string);
    return id === undefined ? undefined : this.agentPath(id);
  }
}
