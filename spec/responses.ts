// Checks an HTTP answer against what the spec documents for that operation: status, headers, body.
import { loadSpec, resolveRef } from './document.js';
import type { JsonObject } from './document.js';
import { PathMatcher } from './paths.js';
import { createSchemaValidators } from './schemas.js';
import type { SchemaValidators } from './schemas.js';

export interface ObservedResponse {
  method: string;
  /** The request path, e.g. `/api/v1/kubeclusters/5eb5…` or `/kubeclusteragents/agent-x/t.yaml`. */
  path: string;
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text for non-JSON answers, or undefined when empty. */
  body: unknown;
}

export class ResponseChecker {
  readonly #spec = loadSpec();
  readonly #validators: SchemaValidators = createSchemaValidators();
  readonly #matcher = new PathMatcher(this.#spec);

  /** Problems found (empty when the answer is exactly as documented). */
  check(response: ObservedResponse): string[] {
    // HEAD is GET without a body (HTTP semantics): the GET operation documents it.
    if (response.method.toUpperCase() === 'HEAD') {
      const problems = this.check({ ...response, method: 'GET', body: undefined });
      const empty = response.body === undefined || response.body === '';
      return empty ? problems.filter((p) => !p.startsWith('body ')) : [...problems, 'a HEAD answer must have no body'];
    }
    // OPTIONS is answered by the framework on every path (Flask): 200, no body, `Allow` where a route matches.
    if (response.method.toUpperCase() === 'OPTIONS') {
      const empty = response.body === undefined || response.body === '';
      return response.status === 200 && empty ? [] : [`OPTIONS must answer 200 with no body, got ${response.status}`];
    }
    const template = this.#matcher.match(response.path);
    if (!template) return response.status === 404 ? this.#checkError(response) : [`${response.path} is not a documented path`];
    const operation = this.#matcher.operation(template, response.method);
    if (!operation) return response.status === 405 ? this.#checkError(response) : [`${response.method} ${template} is not documented`];
    const responses = operation['responses'] as JsonObject;
    const documented = responses[String(response.status)] as JsonObject | undefined;
    if (!documented) return [`${response.method} ${template} does not document status ${response.status}`];
    return this.#checkAgainst(resolveRef(this.#spec, documented), response);
  }

  #checkError(response: ObservedResponse): string[] {
    return this.#checkBody(this.#validators.validator('Error'), response.body, response.status);
  }

  #checkAgainst(documented: JsonObject, response: ObservedResponse): string[] {
    const problems = this.#checkHeaders(documented, response);
    const content = documented['content'] as Record<string, JsonObject> | undefined;
    if (!content) {
      if (response.body !== undefined && response.body !== '') problems.push(`status ${response.status} must have no body`);
      return problems;
    }
    const [mediaType, media] = Object.entries(content)[0] as [string, JsonObject];
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.startsWith(mediaType)) problems.push(`Content-Type is "${contentType}", expected ${mediaType}`);
    const schema = media['schema'] as object | undefined;
    if (schema) problems.push(...this.#checkBody(this.#validators.validatorFor(schema), response.body, response.status));
    return problems;
  }

  #checkHeaders(documented: JsonObject, response: ObservedResponse): string[] {
    const headers = (documented['headers'] ?? {}) as Record<string, JsonObject>;
    const problems: string[] = [];
    for (const [name, header] of Object.entries(headers)) {
      const value = response.headers.get(name);
      const schema = resolveRef(this.#spec, header)['schema'] as object | undefined;
      // Documented headers are optional in the spec, but when present they must match their schema.
      if (value !== null && schema && !this.#validators.validatorFor(schema)(value)) {
        problems.push(`header ${name}: "${value}" does not match its schema`);
      }
    }
    return problems;
  }

  #checkBody(validate: ReturnType<SchemaValidators['validator']>, body: unknown, status: number): string[] {
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `body (status ${status}) at "${e.instancePath || '/'}": ${e.message ?? e.keyword}`);
  }
}
