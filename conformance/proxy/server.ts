// The validation proxy: forwards every request to the target as it came, answers the client with the
// target's answer, and has each exchange judged (inspector.ts) and recorded on the way.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProfileName } from '../../mock/options.js';
import { checkAgainstSpec, toExchange } from '../client.js';
import type { Exchange, FetchLike, RecordedRequest } from '../client.js';
import type { Violation } from '../rules/rule.js';
import { Inspector } from './inspector.js';
import { Recorder } from './recorder.js';

export interface ProxyOptions {
  /** The server root; requests keep their path and query. */
  target: string;
  port?: number;
  host?: string;
  profile?: ProfileName;
  /** How the target is reached (default: fetch); tests pass an in-process server. */
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Stop after this many exchanges: `finished` resolves. */
  maxRequests?: number;
  /** A JSON-lines file every exchange is written to, tokens redacted. */
  recordPath?: string;
  onFinding?: (finding: Finding) => void;
}

export interface Finding {
  violation: Violation;
  exchange: Exchange;
}

export interface RunningProxy {
  url: string;
  readonly findings: Finding[];
  /** Exchanges judged so far. */
  readonly exchanges: number;
  /** Resolves when --max-requests exchanges have been judged. */
  finished: Promise<void>;
  close(): Promise<void>;
}

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), and those fetch sets itself. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'accept-encoding']);
const ANSWER_DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  const send = options.fetch ?? fetch;
  const inspector = new Inspector(options.profile);
  const recorder = options.recordPath === undefined ? undefined : new Recorder(options.recordPath);
  const findings: Finding[] = [];
  let clock = 0;
  let judged = 0;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const sentAt = ++clock;
    const request = await readRequest(incoming, target);
    if (typeof request === 'string') return answerError(outgoing, 413, request);
    let response: Response;
    try {
      response = await send(request.url, { method: request.method, headers: request.headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(request.body === undefined ? {} : { body: request.body }) });
    } catch (error) {
      return answerError(outgoing, 502, `The proxy could not reach ${target.origin}: ${(error as Error).message}`);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const exchange = toExchange(request, response, bytes.toString('utf8'));
    exchange.specProblems.push(...checkAgainstSpec(exchange));
    const violations = inspector.inspect(exchange, { sentAt, answeredAt: ++clock });
    for (const violation of violations) {
      findings.push({ violation, exchange });
      options.onFinding?.({ violation, exchange });
    }
    recorder?.write(exchange, violations);
    outgoing.writeHead(response.status, answerHeaders(response.headers));
    outgoing.end(bytes);
    if (++judged === options.maxRequests) finish();
  };

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: Error) => answerError(outgoing, 500, `The proxy failed: ${error.message}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4011, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    findings,
    get exchanges() {
      return judged;
    },
    finished,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        recorder?.close();
      }),
  };
}

async function readRequest(incoming: IncomingMessage, target: URL): Promise<RecordedRequest | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return `The request body is larger than the proxy takes (${MAX_BODY_BYTES} bytes)`;
    chunks.push(chunk);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = incoming.method ?? 'GET';
  const body = chunks.length === 0 || method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks).toString('utf8');
  return { method, url: new URL(`${target.pathname.replace(/\/$/, '')}${incoming.url ?? '/'}`, target.origin).href, headers, ...(body === undefined ? {} : { body }) };
}

function answerHeaders(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (!ANSWER_DROPPED.has(name) && name !== 'set-cookie') out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

/** The proxy's own failures, in Eve's error shape so clients read them as they read the server's. */
function answerError(outgoing: ServerResponse, status: number, message: string): void {
  if (outgoing.headersSent) return void outgoing.destroy();
  outgoing.writeHead(status, { 'Content-Type': 'application/json' });
  outgoing.end(JSON.stringify({ _status: 'ERR', _error: { code: status, message } }));
}
