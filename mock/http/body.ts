// Reads a request's JSON body: content type, size limit (413) and syntax (400), each with a clear message.
import type { Context } from 'hono';
import { ApiError } from './errors.js';
import { requestHeader } from './headers.js';
import { hostRequestReader } from './host-request.js';

export const tooLarge = (maxBytes: number) => new ApiError(413, `Request body too large: the limit is ${maxBytes} bytes`);
// A BOM is kept, as Node's Buffer#toString keeps it: JSON.parse then refuses it, as before.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

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

/** The host's own reading when it has one (Node's raw request skips the web-stream copy), else the Request's. */
function readText(c: Context, maxBytes: number): Promise<string> {
  return hostRequestReader()?.text(c.env, maxBytes) ?? readRequest(c.req.raw, maxBytes);
}

/** The body is the Request's stream, read under the same limit. */
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
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const joined = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return utf8.decode(joined);
}
