// The validation proxy: forwards every request to the target as it came, answers the client with the
// target's answer, and has each exchange judged (inspector.ts) and recorded on the way.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { ProfileName } from '../../mock/options.js';
import { describeListenError } from '../../mock/node/server.js';
import { checkAgainstSpec, toExchange } from '../client.js';
import type { Exchange, FetchLike, RecordedRequest } from '../client.js';
import type { Violation } from '../rules/rule.js';
import { REQUEST_DROPPED, answerHeaders } from './headers.js';
import { InFlight, PROXY_TIMEOUT, unansweredMessage } from './in-flight.js';
import type { Ticket, Unanswered } from './in-flight.js';
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
  /** How long the target may take to answer an exchange, body included (default 30 s): then the client gets 504 and a PROXY-TIMEOUT finding is made. */
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
  /** Exchanges the target had not answered when the proxy was closed (their clients got 504). */
  readonly unanswered: Unanswered[];
  /** Stops at once: exchanges still waiting for the target are given up and answered 504. */
  close(): Promise<void>;
}

interface ProxyState {
  findings: Finding[];
  judged: number;
  finish: () => void;
  inFlight: InFlight;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
/** On close, how long the 504s of given-up exchanges may take to leave. */
const CLOSE_GRACE_MS = 1000;

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const recorder = options.recordPath === undefined ? undefined : new Recorder(options.recordPath);
  const state: ProxyState = { findings: [], judged: 0, finish: () => {}, inFlight: new InFlight(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) };
  const finished = new Promise<void>((resolve) => (state.finish = resolve));
  const handle = forwarder(options, state, recorder);
  const handling = new Set<Promise<void>>();
  const server = createServer((incoming, outgoing) => {
    const handled = handle(incoming, outgoing).catch((error: Error) => answerError(outgoing, 500, `The proxy failed: ${error.message}`));
    handling.add(handled);
    void handled.finally(() => handling.delete(handled));
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
  const unanswered: Unanswered[] = [];
  return {
    url: `http://${host}:${port}`,
    findings: state.findings,
    get exchanges() {
      return state.judged;
    },
    finished,
    unanswered,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      unanswered.push(...state.inFlight.stop());
      // Their clients are told (504) before the connections go; a client slow to send or read is not waited for.
      await Promise.race([Promise.allSettled(handling), delay(CLOSE_GRACE_MS, undefined, { ref: false })]);
      server.closeAllConnections();
      recorder?.close();
      await closed;
    },
  };
}

/** Forwards one request, judges the exchange (request arrival and answer arrival numbered in one sequence), answers the client. */
function forwarder(options: ProxyOptions, state: ProxyState, recorder: Recorder | undefined) {
  const target = new URL(options.target);
  const send = options.fetch ?? fetch;
  const inspector = new Inspector(options.profile);
  let clock = 0;
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const sentAt = ++clock;
    const request = await readRequest(incoming, target);
    if (typeof request === 'string') return answerError(outgoing, 413, request);
    const ticket = state.inFlight.start(request);
    let response: Response;
    let bytes: Buffer;
    try {
      response = await send(request.url, { method: request.method, headers: request.headers, redirect: 'manual', signal: ticket.signal, ...(request.body === undefined ? {} : { body: request.body }) });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      return notAnswered(ticket, request, outgoing, error as Error);
    } finally {
      ticket.done();
    }
    const exchange = toExchange(request, response, bytes.toString('utf8'));
    exchange.specProblems.push(...checkAgainstSpec(exchange));
    judged(exchange, inspector.inspect(exchange, { sentAt, answeredAt: ++clock }));
    outgoing.writeHead(response.status, answerHeaders(response.headers));
    outgoing.end(bytes);
  };

  /** Reports and records an exchange's violations, and counts it towards --max-requests. */
  function judged(exchange: Exchange, violations: readonly Violation[]): void {
    for (const violation of violations) {
      state.findings.push({ violation, exchange });
      options.onFinding?.({ violation, exchange });
    }
    recorder?.write(exchange, violations);
    if (++state.judged === options.maxRequests) state.finish();
  }

  /** The target did not answer: in time (a server violation), before the proxy stopped, or at all (502). */
  function notAnswered(ticket: Ticket, request: RecordedRequest, outgoing: ServerResponse, error: Error): Promise<void> {
    const ended = ticket.ended;
    if (ended === undefined) return answerError(outgoing, 502, `The proxy could not reach ${target.origin}: ${error.message}`);
    const message = unansweredMessage(ended, target.origin, state.inFlight.timeoutMs);
    if (ended === 'timeout') {
      const body = eveError(504, message);
      const exchange = toExchange(request, new Response(body, { status: 504, headers: { 'content-type': 'application/json' } }), body);
      const seconds = state.inFlight.timeoutMs / 1000;
      judged(exchange, [{ rule: PROXY_TIMEOUT, party: 'server', expected: `an answer within ${seconds} s (--upstream-timeout)`, got: `no answer from ${target.origin} after ${seconds} s` }]);
    }
    return answerError(outgoing, 504, message);
  }
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

/** The proxy's own failures, in Eve's error shape so clients read them as they read the server's; resolves once it is sent. */
function answerError(outgoing: ServerResponse, status: number, message: string): Promise<void> {
  if (outgoing.headersSent) return Promise.resolve(void outgoing.destroy());
  const sent = new Promise<void>((resolve) => outgoing.once('close', resolve).once('finish', resolve));
  outgoing.writeHead(status, { 'Content-Type': 'application/json' });
  outgoing.end(eveError(status, message));
  return sent;
}

function eveError(status: number, message: string): string {
  return JSON.stringify({ _status: 'ERR', _error: { code: status, message } });
}
