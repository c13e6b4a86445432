// `where`: Eve's Mongo-JSON filters (and its Python-like `name=="x"` form) compiled to a predicate.
import { RE2JS } from 're2js';
import { badRequest } from '../http/errors.js';
import { valueAtKeys } from '../store/collection.js';
import { parseHttpDate } from '../store/http-date.js';
import { parsePythonWhere } from './python-where.js';

export interface WhereLimits {
  maxLength: number;
  maxDepth: number;
  maxRegexLength: number;
}

export interface CompiledWhere {
  /** The query as sent, which with the sort identifies a cached answer. */
  source: string;
  predicate: (doc: Readonly<Record<string, unknown>>) => boolean;
  /** Top-level `path: value` equalities, which an index can serve before the predicate runs. */
  equalities: Map<string, unknown>;
}

type Doc = Readonly<Record<string, unknown>>;
type Test = (value: unknown) => boolean;
type Predicate = (doc: Doc) => boolean;

/** Eve's default blacklist keeps `$where`; CloudCasa lifts the one on `$regex` (eve-contract.md). */
const REFUSED = new Set(['$where', '$function', '$accumulator', '$expr', '$jsonSchema', '$text']);
const DATE_FIELDS = new Set(['_created', '_updated']);

export function parseWhere(raw: string, limits: WhereLimits): CompiledWhere {
  if (raw.length > limits.maxLength) throw badRequest('where', `longer than ${limits.maxLength} characters`);
  const query = raw.trim() === '' ? {} : parseQueryText(raw);
  if (!isPlainObject(query)) throw badRequest('where', 'expected a JSON object such as {"name": "prod"}');
  const compiler = new WhereCompiler(limits);
  return { source: raw, predicate: compiler.document(query, 1), equalities: indexableEqualities(query) };
}

function parseQueryText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (jsonError) {
    const python = parsePythonWhere(raw);
    if (python !== undefined) return python;
    throw badRequest('where', `not valid JSON (${(jsonError as Error).message}) nor a Python-like expression such as name=="prod"`);
  }
}

function indexableEqualities(query: Record<string, unknown>): Map<string, unknown> {
  const equalities = new Map<string, unknown>();
  for (const [path, condition] of Object.entries(query)) {
    if (path.startsWith('$')) continue;
    if (typeof condition === 'string' || typeof condition === 'boolean' || (typeof condition === 'number' && !DATE_FIELDS.has(path))) {
      equalities.set(path, condition);
    }
  }
  return equalities;
}

class WhereCompiler {
  constructor(private readonly limits: WhereLimits) {}

  document(query: Record<string, unknown>, depth: number): Predicate {
    this.#checkDepth(depth);
    const parts = Object.entries(query).map(([key, condition]) => (key.startsWith('$') ? this.#logical(key, condition, depth) : this.#field(key, condition, depth)));
    return (doc) => parts.every((part) => part(doc));
  }

  #logical(operator: string, condition: unknown, depth: number): Predicate {
    if (operator !== '$and' && operator !== '$or' && operator !== '$nor') return this.#refuse(operator, 'top level');
    if (!Array.isArray(condition) || condition.length === 0 || !condition.every(isPlainObject)) {
      throw badRequest('where', `${operator} needs a non-empty list of conditions`);
    }
    const parts = condition.map((sub) => this.document(sub, depth + 1));
    if (operator === '$and') return (doc) => parts.every((part) => part(doc));
    if (operator === '$or') return (doc) => parts.some((part) => part(doc));
    return (doc) => !parts.some((part) => part(doc));
  }

  #field(path: string, condition: unknown, depth: number): Predicate {
    if (path === '' || path.split('.').some((key) => key === '')) throw badRequest('where', `"${path}" is not a field path`);
    const test = this.#condition(path, condition, depth + 1);
    const keys = path.split('.');
    return (doc) => test(valueAtKeys(doc, keys));
  }

  /** What one field's value must satisfy: an operator object, or equality with a plain value. */
  #condition(path: string, condition: unknown, depth: number): Test {
    this.#checkDepth(depth);
    if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
      return this.#operators(path, condition, depth);
    }
    const wanted = queryValue(path, condition);
    return (value) => matchesEquality(value, wanted);
  }

  #operators(path: string, operators: Record<string, unknown>, depth: number): Test {
    const options = operators['$options'];
    if (options !== undefined && operators['$regex'] === undefined) throw badRequest('where', '$options needs $regex');
    const tests = Object.entries(operators)
      .filter(([operator]) => operator !== '$options')
      .map(([operator, argument]) => this.#operator(path, operator, argument, options, depth));
    return (value) => tests.every((test) => test(value));
  }

  #operator(path: string, operator: string, argument: unknown, options: unknown, depth: number): Test {
    switch (operator) {
      case '$eq':
        return this.#condition(path, queryValue(path, argument), depth);
      case '$ne': {
        const equal = this.#condition(path, queryValue(path, argument), depth);
        return (value) => !equal(value);
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        return compare(operator, queryValue(path, argument));
      case '$in':
      case '$nin': {
        if (!Array.isArray(argument)) throw badRequest('where', `${operator} needs a list`);
        const choices = argument.map((choice) => queryValue(path, choice));
        const hit: Test = (value) => choices.some((choice) => matchesEquality(value, choice));
        return operator === '$in' ? hit : (value) => !hit(value);
      }
      case '$exists': {
        const wanted = Boolean(argument);
        return (value) => (value !== undefined) === wanted;
      }
      case '$regex':
        return this.#regex(argument, options);
      case '$not': {
        // MongoDB takes a regex or an operator document here; JSON has no regex, so only the latter.
        if (!isPlainObject(argument) || !Object.keys(argument).some((key) => key.startsWith('$'))) {
          throw badRequest('where', '$not needs an operator document such as {"$regex": "^prod"}');
        }
        const inner = this.#operators(path, argument, depth + 1);
        return (value) => !inner(value);
      }
      case '$all': {
        // MongoDB: {$all: [a, b]} is {$and: [{f: a}, {f: b}]}, so a scalar field equal to the one value matches.
        if (!Array.isArray(argument)) throw badRequest('where', '$all needs a list');
        const wanted = argument.map((one) => queryValue(path, one));
        return (value) => wanted.length > 0 && wanted.every((one) => matchesEquality(value, one));
      }
      case '$size': {
        if (!Number.isInteger(argument)) throw badRequest('where', '$size needs a whole number');
        return (value) => Array.isArray(value) && value.length === argument;
      }
      case '$elemMatch': {
        if (!isPlainObject(argument)) throw badRequest('where', '$elemMatch needs an object');
        const element = Object.keys(argument).some((key) => key.startsWith('$')) ? this.#operators(path, argument, depth + 1) : undefined;
        const sub = element ? undefined : this.document(argument, depth + 1);
        return (value) => Array.isArray(value) && value.some((one) => (element ? element(one) : isPlainObject(one) && (sub as Predicate)(one)));
      }
      case '$type':
        return typeTest(argument);
      case '$mod': {
        if (!Array.isArray(argument) || argument.length !== 2 || !argument.every(Number.isFinite) || argument[0] === 0) {
          throw badRequest('where', '$mod needs [divisor, remainder] with a non-zero divisor');
        }
        const [divisor, remainder] = argument as [number, number];
        return (value) => typeof value === 'number' && Math.trunc(value % divisor) === remainder;
      }
      default:
        return this.#refuse(operator, path);
    }
  }

  #regex(pattern: unknown, options: unknown): Test {
    const regex = compileRegex(pattern, options, this.limits.maxRegexLength);
    const test: Test = (one) => typeof one === 'string' && regex.test(one);
    return (value) => test(value) || matchesEach(value, test);
  }

  #refuse(operator: string, where: string): never {
    if (REFUSED.has(operator)) throw badRequest('where', `the operator ${operator} is not allowed`);
    throw badRequest('where', `unknown operator ${operator} (at ${where})`);
  }

  #checkDepth(depth: number): void {
    if (depth > this.limits.maxDepth) throw badRequest('where', `nested deeper than ${this.limits.maxDepth} levels`);
  }
}

/**
 * RE2 runs in time linear in the input, so no pattern (`(a+)+$` included) can stall the server;
 * what RE2 cannot do (back-references, look-around) is refused with 400 rather than run unsafely.
 */
function compileRegex(pattern: unknown, options: unknown, maxLength: number): RE2JS {
  if (typeof pattern !== 'string') throw badRequest('where', '$regex needs a string pattern');
  if (pattern.length > maxLength) throw badRequest('where', `$regex pattern longer than ${maxLength} characters`);
  if (options !== undefined && (typeof options !== 'string' || !/^[imsx]*$/.test(options))) {
    throw badRequest('where', '$options may only hold the flags i, m, s and x');
  }
  const flags = options ?? '';
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  const source = flags.includes('x') ? pattern.replace(/\s+|#.*$/gm, '') : pattern;
  try {
    return RE2JS.compile(source, bits);
  } catch (error) {
    throw badRequest('where', `$regex ${JSON.stringify(pattern)} cannot be used (${(error as Error).message})`);
  }
}

/** Mongo compares like with like: numbers with numbers, strings with strings; anything else never matches. */
function compare(operator: '$gt' | '$gte' | '$lt' | '$lte', wanted: unknown): Test {
  if (typeof wanted !== 'number' && typeof wanted !== 'string') throw badRequest('where', `${operator} needs a number, a string or a date`);
  const holds = (value: unknown): boolean => {
    if (typeof value !== typeof wanted) return false;
    const a = value as number | string;
    if (operator === '$gt') return a > wanted;
    if (operator === '$gte') return a >= wanted;
    if (operator === '$lt') return a < wanted;
    return a <= wanted;
  };
  return (value) => holds(value) || matchesEach(value, holds);
}

const TYPE_NAMES: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  double: (v) => typeof v === 'number',
  int: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  object: isPlainObject,
  array: Array.isArray,
  null: (v) => v === null,
};
const TYPE_CODES: Record<number, string> = { 1: 'double', 2: 'string', 3: 'object', 4: 'array', 8: 'bool', 10: 'null', 16: 'int', 18: 'long' };

function typeTest(argument: unknown): Test {
  const name = typeof argument === 'number' ? TYPE_CODES[argument] : argument;
  const test = typeof name === 'string' && Object.hasOwn(TYPE_NAMES, name) ? TYPE_NAMES[name] : undefined;
  if (!test) throw badRequest('where', `$type ${JSON.stringify(argument)} is not a type this API stores`);
  return (value) => value !== undefined && test(value);
}

/** Dates are stored as epoch ms; a query names them the way they are rendered (RFC 1123), as Eve allows. */
function queryValue(path: string, value: unknown): unknown {
  if (!DATE_FIELDS.has(path) || typeof value !== 'string') return value;
  const parsed = parseHttpDate(value) ?? Date.parse(value);
  if (Number.isNaN(parsed)) throw badRequest('where', `${path} must be compared with a date such as "Fri, 08 May 2020 17:41:58 GMT"`);
  return parsed;
}

/** MongoDB's equality: the value, or one element of an array value, equals; `null` also matches a missing field. */
function matchesEquality(value: unknown, wanted: unknown): boolean {
  if (wanted === null && value === undefined) return true;
  return deepEqual(value, wanted) || matchesEach(value, (one) => deepEqual(one, wanted));
}

function matchesEach(value: unknown, test: Test): boolean {
  return Array.isArray(value) && value.some(test);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key, index) => key === keysB[index] && deepEqual((a as Doc)[key], (b as Doc)[key]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
