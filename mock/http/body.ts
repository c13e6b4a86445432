// Reads a request's JSON body: content type, size limit (413) and syntax (400), each with a clear message.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.js';

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, `Request body too large: the limit is ${maxBytes} bytes`);
    },
  });
}

export async function readJsonBody(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type');
  if (!contentType) throw new ApiError(400, 'Unknown or no Content-Type header supplied; send Content-Type: application/json');
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new ApiError(415, `Unsupported Content-Type "${mediaType}"; send Content-Type: application/json`);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiError(400, 'Invalid body: it is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, `Invalid JSON body: ${(error as Error).message}`);
  }
}
