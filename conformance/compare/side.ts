// One of the two servers of a replay: sends a step with this server's own ids and etags filled in,
// and learns new ones from the answer.
import { ApiClient, TransportError } from '../client.js';
import type { Exchange, FetchLike } from '../client.js';
import { SymbolTable } from './symbols.js';
import type { Step, Tenant } from './steps.js';

export interface SideOptions {
  /** Shown in reports, e.g. `A` or the URL. */
  label: string;
  baseUrl: string;
  tokens: Record<Tenant, string>;
  fetch?: FetchLike;
  timeoutMs: number;
}

/** The token no server accepts, for the 401 steps. */
export const REFUSED_TOKEN = 'compare-refused-token';

export type Outcome = { exchange: Exchange; error?: undefined } | { exchange?: undefined; error: string; curl: string };

export class Side {
  readonly symbols = new SymbolTable();
  readonly origin: string;
  readonly #clients: Record<Tenant, ApiClient>;

  constructor(readonly options: SideOptions) {
    this.origin = new URL(options.baseUrl).origin;
    const client = (token: string) => new ApiClient({ baseUrl: options.baseUrl, token, timeoutMs: options.timeoutMs, validate: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
    this.#clients = { a: client(options.tokens.a), b: client(options.tokens.b) };
  }

  client(tenant: Tenant): ApiClient {
    return this.#clients[tenant];
  }

  async send(step: Step): Promise<Outcome> {
    const client = this.#clients[step.sender === 'b' ? 'b' : 'a'];
    const token = step.sender === 'anonymous' ? null : step.sender === 'bad-token' ? REFUSED_TOKEN : undefined;
    const headers = Object.fromEntries(Object.entries(step.headers).map(([name, value]) => [name, this.symbols.resolve(value)]));
    const path = this.symbols.resolve(step.path);
    const options = { headers, token, ...(step.body === undefined ? {} : { rawBody: this.symbols.resolve(step.body) }) };
    try {
      const exchange = await client.request(step.method, path, options);
      this.symbols.learn(step, exchange.status, exchange.body);
      return { exchange };
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return { error: error.message, curl: `curl -sS -X ${step.method} '${this.options.baseUrl}${path}'` };
    }
  }
}
