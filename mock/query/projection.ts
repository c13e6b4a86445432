// `projection`: `{"name": 1}` keeps only the named fields, `{"tags": 0}` drops them; meta fields always stay.
import { badRequest } from '../http/errors.js';

export interface Projection {
  mode: 'include' | 'exclude';
  fields: ReadonlySet<string>;
}

const MAX_FIELDS = 64;

export function parseProjection(raw: string): Projection {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('projection', 'expected a JSON object such as {"name": 1} or {"tags": 0}');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('projection', 'expected a JSON object such as {"name": 1} or {"tags": 0}');
  }
  const entries = Object.entries(parsed);
  if (entries.length > MAX_FIELDS) throw badRequest('projection', `at most ${MAX_FIELDS} fields`);
  const flags = new Set(entries.map(([, flag]) => flag));
  for (const flag of flags) {
    if (flag !== 0 && flag !== 1 && flag !== true && flag !== false) throw badRequest('projection', 'each field takes 1 (include) or 0 (exclude)');
  }
  const including = flags.has(1) || flags.has(true);
  if (including && (flags.has(0) || flags.has(false))) throw badRequest('projection', 'cannot mix inclusion (1) and exclusion (0)');
  return { mode: including || entries.length === 0 ? 'include' : 'exclude', fields: new Set(entries.map(([field]) => field.split('.')[0] as string)) };
}

/** An empty inclusion (`{}`) projects nothing away, as Eve does. */
export function applyProjection(doc: Record<string, unknown>, projection: Projection, alwaysKept: readonly string[]): Record<string, unknown> {
  if (projection.fields.size === 0) return doc;
  const projected: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(doc)) {
    const named = projection.fields.has(field);
    const keep = alwaysKept.includes(field) || (projection.mode === 'include' ? named : !named);
    if (keep) projected[field] = value;
  }
  return projected;
}
