// The validation proxy: forwards every request to the target as it came, answers the client with the
// target's answer, and has each exchange judged (inspector.ts) and recorded on the way.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProfileName } from '../../mock/options.js';
import { describeListenError } from '../../mock/node/server.js';
import { checkAgainstSpec, toExchange } from '../client.js';
import type { Exchange, FetchLike, RecordedRequest } from '../client.js';
import type { Violation } from '../rules/rule.js';
import { REQUEST_DROPPED, answerHeaders } from './headers.js';
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

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const recorder = options.recordPath === undefined ? undefined : new Recorder(options.recordPath);
  const state = { findings: [] as Finding[], judged: 0, finish: () => {} };
  const finished = new Promise<void>((resolve) => (state.finish = resolve));
  const handle = forwarder(options, state, recorder);
  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: Error) => answerError(outgoing, 500, `The proxy failed: ${error.message}`));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      recorder?.close();
      reject(describeListenError(error, host, options.port ?? 4011));
    });
    server.listen(options.port ?? 4011, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    findings: state.findings,
    get exchanges() {
      return state.judged;
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

/** Forwards one request, judges the exchange (request arrival and answer arrival numbered in one sequence), answers the client. */
function forwarder(options: ProxyOptions, state: { findings: Finding[]; judged: number; finish: () => void }, recorder: Recorder | undefined) {
  const target = new URL(options.target);
  const send = options.fetch ?? fetch;
  const inspector = new Inspector(options.profile);
  let clock = 0;
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
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
      state.findings.push({ violation, exchange });
      options.onFinding?.({ violation, exchange });
    }
    recorder?.write(exchange, violations);
    outgoing.writeHead(response.status, answerHeaders(response.headers));
    outgoing.end(bytes);
    if (++state.judged === options.maxRequests) state.finish();
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
    if (value !== undefined && !REQUEST_DROPPED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = incoming.method ?? 'GET';
  const body = chunks.length === 0 || method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks).toString('utf8');
  return { method, url: new URL(`${target.pathname.replace(/\/$/, '')}${incoming.url ?? '/'}`, target.origin).href, headers, ...(body === undefined ? {} : { body }) };
}

/** The proxy's own failures, in Eve's error shape so clients read them as they read the server's. */
function answerError(outgoing: ServerResponse, status: number, message: string): void {
  if (outgoing.headersSent) return void outgoing.destroy();
  outgoing.writeHead(status, { 'Content-Type': 'application/json' });
  outgoing.end(JSON.stringify({ _status: 'ERR', _error: { code: status, message } }));
}
