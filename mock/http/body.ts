// Reads a request's JSON body: content type, size limit (413) and syntax (400), each with a clear message.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { ApiError } from './errors.js';
import { requestHeader } from './headers.js';

const tooLarge = (maxBytes: number) => new ApiError(413, `Request body too large: the limit is ${maxBytes} bytes`);

/** On @hono/node-server the raw request is at hand; reading it directly skips the web-stream copy. */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

const UNKNOWN_CONTENT_TYPE = 'Unknown or no Content-Type header supplied; send Content-Type: application/json';

function mediaTypeOf(c: Context): string {
  const contentType = requestHeader(c, 'content-type');
  if (contentType === 'application/json') return contentType;
  return contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A JSON body (the control API's, and Eve's `application/json`). */
export function readJsonBody(c: Context, maxBytes = Number.POSITIVE_INFINITY): Promise<unknown> {
  if (mediaTypeOf(c) !== 'application/json') return Promise.reject(new ApiError(400, UNKNOWN_CONTENT_TYPE));
  return readText(c, maxBytes).then(parsedJson);
}

function parsedJson(text: string): unknown {
  if (text.trim() === '') throw new ApiError(400, 'Invalid body: it is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, `Invalid JSON body: ${(error as Error).message}`);
  }
}

/**
 * A document sent to the API, as Eve's `payload()` reads it: JSON, or a form whose fields become
 * string values (the first of repeated keys). Multipart (file uploads) has no use here: 415.
 * (The readers return their promises as they are: each async layer on a write costs a promise and a turn.)
 */
export function readDocumentBody(c: Context, maxBytes: number): Promise<unknown> {
  const mediaType = mediaTypeOf(c);
  if (mediaType === 'application/x-www-form-urlencoded') return readForm(c, maxBytes);
  if (mediaType === 'multipart/form-data') return Promise.reject(new ApiError(415, 'multipart/form-data is not supported by this mock; send Content-Type: application/json'));
  if (mediaType !== 'application/json') return Promise.reject(new ApiError(400, UNKNOWN_CONTENT_TYPE));
  return readText(c, maxBytes).then(parsedJson);
}

async function readForm(c: Context, maxBytes: number): Promise<Record<string, string>> {
  const form: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(await readText(c, maxBytes))) {
    if (!Object.hasOwn(form, key)) Object.defineProperty(form, key, { value, enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(form).length === 0) throw new ApiError(400, 'No form-urlencoded data supplied');
  return form;
}

function readText(c: Context, maxBytes: number): Promise<string> {
  const incoming = incomingOf(c);
  return incoming ? readIncoming(incoming, maxBytes) : readRequest(c.req.raw, maxBytes);
}

/** In-process (`app.request`), the body is the Request's stream, read under the same limit. */
async function readRequest(request: Request, maxBytes: number): Promise<string> {
  if (Number(request.headers.get('content-length')) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
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
