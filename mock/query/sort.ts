// `sort`, in both of Eve's forms: `-name,_created` and `[("name", -1), ("_created", 1)]`.
import { badRequest } from '../http/errors.js';
import { valueAtKeys } from '../store/collection.js';
import { literalEval, PythonSyntaxError } from './python-literal.js';
import type { LiteralResult, PythonLiteral } from './python-literal.js';

export interface SortKey {
  path: string;
  direction: 1 | -1;
}

const MAX_KEYS = 8;
const FORMS = 'expected -name,_created or [("name", -1)]';

/**
 * Eve's `_convert_sort_request_to_dict`: the value is read as a Python literal; a valid expression
 * that is not one (`-name,_created`, `[("name", sideways)]`) is read in comma form, whatever the
 * field names say; text that is not Python at all (`[(`) is a 400. An empty value sorts nothing.
 */
export function parseSort(raw: string): SortKey[] {
  if (raw === '') return [];
  let literal: LiteralResult;
  try {
    literal = literalEval(raw);
  } catch (error) {
    if (error instanceof PythonSyntaxError) throw badRequest('sort', `${error.message} (${FORMS})`);
    throw error;
  }
  const keys = literal.kind === 'expression' ? parseCommaSort(raw) : keysOfLiteral(literal.value);
  if (keys.length > MAX_KEYS) throw badRequest('sort', `at most ${MAX_KEYS} keys`);
  return keys;
}

function parseCommaSort(text: string): SortKey[] {
  return text.split(',').map((part) => {
    const field = part.trim();
    if (field === '') throw badRequest('sort', `an empty field in "${text}" (${FORMS})`);
    return field.startsWith('-') ? { path: field.slice(1), direction: -1 } : { path: field, direction: 1 };
  });
}

/** A literal names the keys as pymongo takes them: a field name, or a list of (field, 1 | -1) pairs. */
function keysOfLiteral(value: PythonLiteral): SortKey[] {
  if (typeof value === 'string') return [{ path: value, direction: 1 }];
  if (!Array.isArray(value)) throw badRequest('sort', `${JSON.stringify(value)} is not a sort (${FORMS})`);
  return value.map((pair) => {
    const [path, direction] = Array.isArray(pair) && pair.length === 2 ? pair : [];
    if (typeof path !== 'string' || (direction !== 1 && direction !== -1)) {
      throw badRequest('sort', `${JSON.stringify(pair)} is not ("field", 1) or ("field", -1)`);
    }
    return { path, direction };
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
