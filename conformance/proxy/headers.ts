// Which headers the proxy passes on: those describing one connection (RFC 9110 §7.6.1) stay behind.

/** Request headers not forwarded: per connection, or set by fetch itself (host, length, encodings it decodes). */
export const REQUEST_DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'accept-encoding']);

/** Answer headers not passed back or recorded: per connection, or no longer true once fetch has decoded the body. */
export const ANSWER_DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

/** An answer's headers as the client gets them (several Set-Cookie kept apart). */
export function answerHeaders(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (!ANSWER_DROPPED.has(name) && name !== 'set-cookie') out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

/** An answer's headers as recorded: one string each, without the per-connection ones. */
export function recordedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!ANSWER_DROPPED.has(name)) out[name] = value;
  });
  return out;
}
