// The Node host's fast paths: headers and body read from @hono/node-server's raw request, answers in
// @hono/node-server's own Response, and Node's native SHA-1. The core answers the same without them
// (mock/http/host-request.ts, mock/http/host-answer.ts, mock/store/sha1.ts).
import { hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tooLarge } from '../http/body.js';
import { useHostAnswerMaker } from '../http/host-answer.js';
import type { HostAnswerMaker } from '../http/host-answer.js';
import { useHostRequestReader } from '../http/host-request.js';
import type { HostRequestReader } from '../http/host-request.js';
import { useSha1Hex } from '../store/sha1.js';

/** On @hono/node-server the raw request is at hand: Hono's bindings carry it as `incoming`. */
function incomingOf(env: unknown): IncomingMessage | undefined {
  return (env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

export const nodeRequestReader: HostRequestReader = {
  rawHeaders: (env) => incomingOf(env)?.rawHeaders,
  text(env, maxBytes) {
    const incoming = incomingOf(env);
    return incoming ? readIncoming(incoming, maxBytes) : undefined;
  },
  withoutBody(env) {
    if (env === null || typeof env !== 'object' || !('incoming' in env)) return env;
    const { incoming: _read, ...rest } = env as Record<string, unknown>;
    return rest;
  },
};

/**
 * On a port, `Response` is @hono/node-server's own class (its listener puts it in place of the global
 * one): it keeps the text and the plain header object, and the listener writes them to the socket as
 * they are. A TextResponse there would be read back as a stream.
 */
export const nodeAnswerMaker: HostAnswerMaker = (env, body, init) => (incomingOf(env) ? new Response(body, init) : undefined);

let installed = false;

/** Installs the fast paths once per process; requests not on a Node port are read as before. */
export function useNodeFastPaths(): void {
  if (installed) return;
  installed = true;
  useHostRequestReader(nodeRequestReader);
  useHostAnswerMaker(nodeAnswerMaker);
  useSha1Hex((text) => hash('sha1', text, 'hex'));
}

/** Listens for the body's chunks (cheaper than an async iterator); too large a body is drained and the stream destroyed. */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(incoming.headers['content-length']);
  if (declared > maxBytes) {
    incoming.resume();
    return Promise.reject(tooLarge(maxBytes));
  }
  // Read already (the body of a request re-sent with another method): nothing more will come.
  if (incoming.readableEnded) return Promise.resolve('');
  if (incoming.destroyed) return Promise.reject(new Error('Premature close'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      settle(() => reject(tooLarge(maxBytes)));
      incoming.resume();
      incoming.destroy();
    };
    const onEnd = () => settle(() => resolve((chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8')));
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () => settle(() => reject(new Error('Premature close')));
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
