// Checks a request against what the spec documents for its operation: the body's schema and the parameters it names.
import { loadSpec, resolveRef } from './document.js';
import type { JsonObject } from './document.js';
import { PathMatcher } from './paths.js';
import { createSchemaValidators } from './schemas.js';
import type { ErrorObject, SchemaValidators } from './schemas.js';

export interface ObservedRequest {
  method: string;
  /** The request path, with or without its query. */
  path: string;
  contentType: string | undefined;
  /** The raw body text; undefined when the request has none. */
  body: string | undefined;
}

/** One way a request differs from its operation: the failing schema keyword and where. */
export interface RequestProblem {
  /** An ajv keyword (`type`, `required`, `unevaluatedProperties`, `enum`, …), `json` for an unparsable body, `body` for a missing one. */
  keyword: string;
  /** JSON pointer into the body, e.g. `/backup_provider/type`; for an unknown field, the field itself. */
  at: string;
  message: string;
}

export interface DocumentedOperation {
  template: string;
  /** Names of the parameters the operation documents (`$ref`s resolved), e.g. `If-Match`, `where`. */
  parameters: string[];
  /** The statuses it documents, e.g. `200`, `401`. */
  statuses: string[];
}

export class RequestChecker {
  readonly #spec = loadSpec();
  readonly #validators: SchemaValidators = createSchemaValidators();
  readonly #matcher = new PathMatcher(this.#spec);

  /** The operation a request addresses, when the spec documents it. */
  operation(method: string, path: string): DocumentedOperation | undefined {
    const template = this.#matcher.match(path);
    const operation = template === undefined ? undefined : this.#matcher.operation(template, method);
    if (!template || !operation) return undefined;
    const parameters = ((operation['parameters'] ?? []) as JsonObject[]).map((p) => String(resolveRef(this.#spec, p)['name']));
    return { template, parameters, statuses: Object.keys((operation['responses'] ?? {}) as JsonObject) };
  }

  /** Problems of a JSON request body against its operation's schema (none for other media types or undocumented operations). */
  check(request: ObservedRequest): RequestProblem[] {
    const template = this.#matcher.match(request.path);
    const operation = template === undefined ? undefined : this.#matcher.operation(template, request.method);
    const requestBody = operation?.['requestBody'] === undefined ? undefined : resolveRef(this.#spec, operation['requestBody'] as JsonObject);
    if (!requestBody) return [];
    if (request.body === undefined || request.body === '') return requestBody['required'] ? [{ keyword: 'body', at: '/', message: 'a body is required' }] : [];
    // Eve also reads form bodies; the spec documents JSON only, so only JSON is checked here.
    if (!/json/i.test(request.contentType ?? '')) return [];
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch (error) {
      return [{ keyword: 'json', at: '/', message: `the body is not JSON: ${(error as Error).message}` }];
    }
    const media = (requestBody['content'] as Record<string, JsonObject>)['application/json'];
    const schema = media?.['schema'] as object | undefined;
    if (!schema) return [];
    const validate = this.#validators.validatorFor(schema);
    return validate(body) ? [] : problemsOf(validate.errors ?? [], body);
  }
}

/**
 * ajv's errors as problems. A body that may be one document or a list of them (POST) fails both
 * branches of the `oneOf`; only the branch of its own shape says what is wrong.
 */
function problemsOf(errors: ErrorObject[], body: unknown): RequestProblem[] {
  const shape = Array.isArray(body) ? 'array' : 'object';
  const relevant = errors.filter((e) => e.keyword !== 'oneOf' && !(e.instancePath === '' && e.keyword === 'type' && e.params['type'] !== shape));
  const chosen = relevant.length > 0 ? relevant : errors;
  return chosen.map((e) => {
    const field = e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties' ? String(e.params['unevaluatedProperty'] ?? e.params['additionalProperty']) : undefined;
    const at = field === undefined ? e.instancePath || '/' : `${e.instancePath}/${field}`;
    const message = field === undefined ? (e.message ?? e.keyword) : 'unknown field';
    return { keyword: e.keyword, at, message };
  });
}
