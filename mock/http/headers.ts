// Request headers read straight from the host's raw headers (Node's on a real port), as `c.req.header()` answers them.
import type { Context } from 'hono';
import { hostRequestReader } from './host-request.js';

/**
 * The header `name` (lower case) as `c.req.header(name)` gives it: every occurrence, trimmed, joined
 * with ", ". When the host has the raw header list (Node's), it is read from there, so a request asked
 * for a few headers builds neither Node's header map nor a `Headers`; otherwise it is Hono's answer.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const raw = hostRequestReader()?.rawHeaders(c.env);
  // Cookies join with "; ": no API route reads them, so they keep Hono's reading.
  if (raw === undefined || name === 'cookie') return c.req.header(name);
  let value: string | undefined;
  for (let index = 0; index < raw.length; index += 2) {
    if (!isNamed(raw[index] as string, name)) continue;
    const one = trimmed(raw[index + 1] as string);
    value = value === undefined ? one : `${value}, ${one}`;
  }
  return value;
}

/** Whether a raw header name is `lowerName`, ASCII case aside (header names are ASCII tokens). */
function isNamed(rawName: string, lowerName: string): boolean {
  if (rawName.length !== lowerName.length) return false;
  for (let index = 0; index < rawName.length; index++) {
    const code = rawName.charCodeAt(index);
    if ((code >= 65 && code <= 90 ? code + 32 : code) !== lowerName.charCodeAt(index)) return false;
  }
  return true;
}

const isHttpWhitespace = (code: number) => code === 9 || code === 10 || code === 13 || code === 32;

/** A value without leading or trailing HTTP whitespace, as the Fetch standard normalises it. */
function trimmed(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
