// The one helper every mock test calls the API through: in-process, and every answer checked against the spec.
import { expect } from 'vitest';
import { ResponseChecker } from '../../spec/responses.js';
import { createMock } from '../app.js';
import type { Mock } from '../app.js';
import { MockControlClient } from '../control/client.js';
import type { MockOptions } from '../options.js';
import { MockClock } from '../store/clock.js';

/** Answer bodies under test are probed freely; their shape is checked against the spec on every call. */
export type Json = Record<string, any>;

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text of other answers, or undefined when empty. */
  body: Json;
  text: string;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is (for malformed-JSON tests); overrides `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

const checker = new ResponseChecker();
export const START = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface TestApi {
  mock: Mock;
  clock: MockClock;
  control: MockControlClient;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** POST a cluster (201 expected) and answer its body. */
  createCluster(fields?: Json, token?: string): Promise<Json>;
}

export function testApi(options: MockOptions = {}): TestApi {
  const clock = new MockClock({ frozenAt: START });
  const mock = createMock({ activationDelayMs: 'never', clock, ...options });
  const fetchInProcess = (input: string, init?: RequestInit) => mock.app.request(input, init);
  const call = async (method: string, path: string, callOptions: CallOptions = {}): Promise<Answer> => {
    const answer = await send(mock, method, path, callOptions);
    const problems = checker.check({ method, path, status: answer.status, headers: answer.headers, body: answer.status === 304 ? undefined : answer.body });
    expect(problems, `${method} ${path} → ${answer.status} must match the spec`).toEqual([]);
    return answer;
  };
  const createCluster = async (fields: Json = {}, token = 't1') => {
    const answer = await call('POST', '/api/v1/kubeclusters', { token, body: { name: `cluster-${Math.random().toString(36).slice(2, 8)}`, ...fields } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  return { mock, clock, control: new MockControlClient('http://localhost', fetchInProcess), call, createCluster };
}

async function send(mock: Mock, method: string, path: string, options: CallOptions): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== null) headers['Authorization'] ??= `Bearer ${options.token ?? 't1'}`;
  const init: RequestInit = { method, headers };
  if (options.rawBody !== undefined || options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    init.body = options.rawBody ?? JSON.stringify(options.body);
  }
  const response = await mock.app.request(path, init);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const body = text === '' ? undefined : isJson ? (JSON.parse(text) as Json) : text;
  return { status: response.status, headers: response.headers, body: body as Json, text };
}
