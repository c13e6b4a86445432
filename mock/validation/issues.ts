// Eve's `_issues`: building them, and translating ajv's errors into Cerberus's messages.
import type { ErrorObject } from '../../spec/schemas.js';
import type { Issues } from '../http/errors.js';

/** Sets `message` at a field path, nesting objects the way Eve nests issues of nested fields. */
export function addIssue(issues: Issues, path: readonly string[], message: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (!Object.hasOwn(issues, head)) defineOwn(issues, head, message);
    return;
  }
  const existing = Object.hasOwn(issues, head) ? issues[head] : undefined;
  if (typeof existing === 'string') return;
  const nested: Issues = existing ?? {};
  if (!existing) defineOwn(issues, head, nested);
  addIssue(nested, rest, message);
}

/** `__proto__` as a field name must become an own key, never the object's prototype. */
function defineOwn(issues: Issues, key: string, value: string | Issues): void {
  Object.defineProperty(issues, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Adds every issue of `extra` into `target` (the first message for a field wins); returns `target`. */
export function mergeIssues(target: Issues, extra: Issues): Issues {
  for (const [field, value] of Object.entries(extra)) {
    if (typeof value === 'string') addIssue(target, [field], value);
    else {
      const existing = Object.hasOwn(target, field) ? target[field] : undefined;
      if (typeof existing === 'string') continue;
      if (!existing) defineOwn(target, field, {});
      mergeIssues(target[field] as Issues, value);
    }
  }
  return target;
}

export function hasIssues(issues: Issues): boolean {
  return Object.keys(issues).length > 0;
}

export function issuesFromAjv(errors: readonly ErrorObject[]): Issues {
  const issues: Issues = {};
  for (const error of errors) {
    const { path, message } = describe(error);
    addIssue(issues, path, message);
  }
  return issues;
}

const cerberusTypes: Record<string, string> = { object: 'dict', array: 'list' };

/** A schema marked `x-eve-type` (an ObjectId) is one Cerberus type: a wrong type or shape is "must be of <type> type". */
function eveTypeOf(error: ErrorObject): string | undefined {
  const type = (error.parentSchema as Record<string, unknown> | undefined)?.['x-eve-type'];
  return typeof type === 'string' && (error.keyword === 'type' || error.keyword === 'pattern') && error.data !== null ? type : undefined;
}

function describe(error: ErrorObject): { path: string[]; message: string } {
  const at = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const eveType = eveTypeOf(error);
  if (eveType) return { path: at, message: `must be of ${eveType} type` };
  switch (error.keyword) {
    case 'required':
      return { path: [...at, String(params['missingProperty'])], message: 'required field' };
    case 'unevaluatedProperties':
      return { path: [...at, String(params['unevaluatedProperty'])], message: 'unknown field' };
    case 'additionalProperties':
      return { path: [...at, String(params['additionalProperty'])], message: 'unknown field' };
    case 'dependentRequired':
      return { path: [...at, String(params['property'])], message: `field '${String(params['missingProperty'])}' is required` };
    case 'type': {
      if (error.data === null) return { path: at, message: 'null value not allowed' };
      const type = String(params['type']);
      return { path: at, message: `must be of ${cerberusTypes[type] ?? type} type` };
    }
    case 'enum':
      return { path: at, message: `unallowed value ${String(error.data)}` };
    case 'minLength':
      return { path: at, message: error.data === '' ? 'empty values not allowed' : `min length is ${String(params['limit'])}` };
    case 'maxLength':
      return { path: at, message: `max length is ${String(params['limit'])}` };
    case 'pattern':
      return { path: at, message: `value does not match regex '${String(params['pattern'])}'` };
    case 'format':
      return { path: at, message: `value is not a valid ${String(params['format'])}` };
    default:
      return { path: at, message: error.message ?? `fails the ${error.keyword} rule` };
  }
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Cerberus' answer to a body that is not a document (`null`, a number, a string, a list), as Eve
 * relays it: under "validation exception" on POST and "validator exception" on PATCH and PUT, the
 * value written as Python's `str()` writes it.
 */
export function notADocumentIssues(body: unknown, key: 'validation exception' | 'validator exception'): Issues {
  const message = body === null ? 'document is missing' : `'${pythonStr(body)}' is not a document, must be a dict`;
  return { [key]: message };
}

function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}
