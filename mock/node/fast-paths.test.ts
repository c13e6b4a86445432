import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { textAnswer } from '../http/host-answer.js';
import { TextResponse } from '../http/text-response.js';
import { useNodeFastPaths } from './fast-paths.js';

useNodeFastPaths();
const init = { status: 200, headers: { 'content-type': 'application/json', etag: '"e1"' } };

describe('the Node host makes the answers it writes to a port', () => {
  it('answers a request from a port (Hono bindings with the raw request) in a Response of its own, not a TextResponse', async () => {
    const answer = textAnswer({ incoming: {} as IncomingMessage }, '{"a":1}', init);
    expect(answer).not.toBeInstanceOf(TextResponse);
    expect([answer.status, answer.headers.get('etag'), await answer.text()]).toEqual([200, '"e1"', '{"a":1}']);
  });

  it('leaves a request made in process to the core: a TextResponse', async () => {
    const answer = textAnswer(undefined, '{"a":1}', init);
    expect(answer).toBeInstanceOf(TextResponse);
    expect(await answer.json()).toEqual({ a: 1 });
  });
});
