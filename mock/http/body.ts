// Reads a request's JSON body: content type, size limit (413) and syntax (400), each with a clear message.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const tooLarge = (maxBytes: number) => new ApiError(413, `Request body too large: the limit is ${maxBytes} bytes`);

/** On @hono/node-server the raw request is at hand; reading it directly skips the web-stream copy. */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

/** The size limit for requests served in-process (`app.request`); on a port `readJsonBody` enforces it. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
  return (c, next) => (BODY_METHODS.has(c.req.method) && !incomingOf(c) ? limit(c, next) : next());
}

export async function readJsonBody(c: Context, maxBytes = Number.POSITIVE_INFINITY): Promise<unknown> {
  const contentType = c.req.header('content-type');
  if (!contentType) throw new ApiError(400, 'Unknown or no Content-Type header supplied; send Content-Type: application/json');
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new ApiError(415, `Unsupported Content-Type "${mediaType}"; send Content-Type: application/json`);
  }
  const incoming = incomingOf(c);
  const text = incoming ? await readIncoming(incoming, maxBytes) : await c.req.text();
  if (text.trim() === '') throw new ApiError(400, 'Invalid body: it is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, `Invalid JSON body: ${(error as Error).message}`);
  }
}

async function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(incoming.headers['content-length']);
  if (declared > maxBytes) {
    incoming.resume();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      incoming.resume();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
