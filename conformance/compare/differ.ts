// Where two normalised answers differ, as deltas that group into kinds (same shape, same part, same delta).
import type { Normalised } from './normalise.js';

export interface Delta {
  /** `status`, `header <name>`, or `body <path>` with array indices collapsed (`_items[]._id`). */
  part: string;
  a: unknown;
  b: unknown;
}

/** Headers whose values name the kind of difference (they are small, normalised enumerations). */
const VALUE_HEADERS = new Set(['content-type', 'allow', 'www-authenticate', 'cache-control', 'etag', 'last-modified', 'location']);

export function diffAnswers(a: Normalised, b: Normalised): Delta[] {
  // A different status makes every other difference a consequence of it: one delta says it all.
  if (a.status !== b.status) return [{ part: 'status', a: a.status, b: b.status }];
  const deltas: Delta[] = [];
  for (const name of [...new Set([...Object.keys(a.headers), ...Object.keys(b.headers)])].sort()) {
    if (a.headers[name] !== b.headers[name]) deltas.push({ part: `header ${name}`, a: a.headers[name], b: b.headers[name] });
  }
  diffValues(a.body, b.body, 'body', deltas);
  return dedupe(deltas);
}

function diffValues(a: unknown, b: unknown, path: string, deltas: Delta[]): void {
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      diffValues(a[key], b[key], path === 'body' ? `body ${key}` : `${path}.${key}`, deltas);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) deltas.push({ part: `${path} (length)`, a: a.length, b: b.length });
    for (let i = 0; i < Math.min(a.length, b.length); i++) diffValues(a[i], b[i], `${path}[]`, deltas);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) deltas.push({ part: path, a, b });
}

/** The first delta of each part: an answer with ten differing items is one kind of difference, not ten. */
function dedupe(deltas: Delta[]): Delta[] {
  const seen = new Set<string>();
  return deltas.filter((delta) => !seen.has(delta.part) && Boolean(seen.add(delta.part)));
}

/** What kind of delta this is: the part and, where the values are few and stable, the values. */
export function deltaKind(delta: Delta): string {
  if (delta.part === 'status') return `status ${String(delta.a)} vs ${String(delta.b)}`;
  if (delta.a === undefined) return `${delta.part}: only in B`;
  if (delta.b === undefined) return `${delta.part}: only in A`;
  const header = /^header (.+)$/.exec(delta.part)?.[1];
  if (header && VALUE_HEADERS.has(header)) return `${delta.part}: ${String(delta.a)} vs ${String(delta.b)}`;
  return `${delta.part}: differs`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
