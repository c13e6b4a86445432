// Writes the exchanges the proxy forwards as JSON lines (fixtures/recording.ts reads them back), tokens
// redacted and tenants named by order of appearance; each line is written at once, so Ctrl+C loses nothing.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordedExchange } from '../../fixtures/recording.js';
import type { Exchange } from '../client.js';
import type { Violation } from '../rules/rule.js';
import { recordedHeaders } from './headers.js';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

export class Recorder {
  readonly #fd: number;
  readonly #tenants = new Map<string, string>();
  #seq = 0;

  constructor(path: string) {
    this.#fd = openSync(path, 'w');
  }

  write(exchange: Exchange, violations: readonly Violation[]): void {
    const { request } = exchange;
    const url = new URL(request.url);
    const line: RecordedExchange = {
      seq: ++this.#seq,
      time: new Date().toISOString(),
      tenant: this.#tenantOf(request.headers),
      request: { method: request.method, url: url.pathname + url.search, headers: redacted(request.headers), ...bodyField(request.body, request.headers['content-type']) },
      response: { status: exchange.status, headers: redacted(recordedHeaders(exchange.headers)), ...(exchange.text === '' ? {} : { body: exchange.body }) },
      ...(violations.length > 0 ? { violations: [...violations] } : {}),
    };
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
  }

  close(): void {
    closeSync(this.#fd);
  }

  #tenantOf(headers: Record<string, string>): string | null {
    const token = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    if (token === undefined) return null;
    let label = this.#tenants.get(token);
    if (!label) this.#tenants.set(token, (label = `tenant-${this.#tenants.size + 1}`));
    return label;
  }
}

/** Secrets as `<scheme> ***` (or `***`), everything else as sent. */
export function redacted(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name.toLowerCase()) ? value.replace(/^(\w+)\s+.+$/, '$1 ***').replace(/^[^*\s]+$/, '***') : value]));
}

function bodyField(body: string | undefined, contentType: string | undefined): { body?: unknown } {
  if (body === undefined || body === '') return {};
  if (!/json/i.test(contentType ?? '')) return { body };
  try {
    return { body: JSON.parse(body) as unknown };
  } catch {
    return { body };
  }
}
