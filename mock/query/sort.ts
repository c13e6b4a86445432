// `sort`, in both of Eve's forms: `-name,_created` and `[("name", -1), ("_created", 1)]`.
import { badRequest } from '../http/errors.js';
import { valueAtKeys } from '../store/collection.js';

export interface SortKey {
  path: string;
  direction: 1 | -1;
}

const FIELD_PATH = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;
const PYTHON_PAIR = /^\(\s*(["'])([^"']+)\1\s*,\s*(-?1)\s*\)$/;
const MAX_KEYS = 8;

export function parseSort(raw: string): SortKey[] {
  const text = raw.trim();
  const keys = text.startsWith('[') ? parsePythonSort(text) : parseCommaSort(text);
  if (keys.length === 0) throw badRequest('sort', 'expected -name,_created or [("name", -1)]');
  if (keys.length > MAX_KEYS) throw badRequest('sort', `at most ${MAX_KEYS} keys`);
  return keys;
}

function parseCommaSort(text: string): SortKey[] {
  return text.split(',').map((part) => {
    const field = part.trim();
    const path = field.startsWith('-') ? field.slice(1) : field;
    if (!FIELD_PATH.test(path)) throw badRequest('sort', `"${field}" is not a field (expected -name,_created or [("name", -1)])`);
    return { path, direction: field.startsWith('-') ? -1 : 1 };
  });
}

function parsePythonSort(text: string): SortKey[] {
  if (!text.endsWith(']')) throw badRequest('sort', 'a list form must end with ]');
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  const pairs = inner.match(/\([^()]*\)|[^,\s][^,]*/g) ?? [];
  return pairs.map((pair) => {
    const match = PYTHON_PAIR.exec(pair.trim());
    if (!match || !FIELD_PATH.test(match[2] as string)) throw badRequest('sort', `${pair.trim()} is not ("field", 1) or ("field", -1)`);
    return { path: match[2] as string, direction: match[3] === '-1' ? -1 : 1 };
  });
}

/** Mongo's order across types: missing and null first, then numbers, strings, objects, arrays, booleans. */
const TYPE_RANK = { undefined: 0, null: 0, number: 1, string: 2, object: 3, array: 4, boolean: 5 } as const;

function rank(value: unknown): number {
  if (value === null) return TYPE_RANK.null;
  if (Array.isArray(value)) return TYPE_RANK.array;
  return TYPE_RANK[typeof value as keyof typeof TYPE_RANK] ?? TYPE_RANK.object;
}

export function compareValues(a: unknown, b: unknown): number {
  const byType = rank(a) - rank(b);
  if (byType !== 0) return byType;
  if (rank(a) === TYPE_RANK.null) return 0;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  const [left, right] = [JSON.stringify(a) ?? '', JSON.stringify(b) ?? ''];
  return left < right ? -1 : left > right ? 1 : 0;
}

export function compareBy(keys: readonly SortKey[]): (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => number {
  const split = keys.map(({ path, direction }) => ({ keys: path.split('.'), direction }));
  return (a, b) => {
    for (const { keys: path, direction } of split) {
      const order = compareValues(valueAtKeys(a, path), valueAtKeys(b, path));
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}
