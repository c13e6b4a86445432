// Checks an HTTP answer against what the spec documents for that operation: status, headers, body.
import { loadSpec } from './document.js';
import type { JsonObject } from './document.js';
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

const API_ROOT = '/api/v1';
const ROOT_PATHS = new Set(['/api-docs']);

interface PathTemplate {
  template: string;
  pattern: RegExp;
}

export class ResponseChecker {
  readonly #spec = loadSpec();
  readonly #validators: SchemaValidators = createSchemaValidators();
  readonly #templates: PathTemplate[] = compileTemplates(Object.keys(this.#paths()));

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
    const template = this.#match(response.path);
    if (!template) return response.status === 404 ? this.#checkError(response) : [`${response.path} is not a documented path`];
    const operation = this.#paths()[template]?.[response.method.toLowerCase()] as JsonObject | undefined;
    if (!operation) return response.status === 405 ? this.#checkError(response) : [`${response.method} ${template} is not documented`];
    const responses = operation['responses'] as JsonObject;
    const documented = responses[String(response.status)] as JsonObject | undefined;
    if (!documented) return [`${response.method} ${template} does not document status ${response.status}`];
    return this.#checkAgainst(this.#resolve(documented), response);
  }

  #paths(): Record<string, JsonObject> {
    return this.#spec['paths'] as Record<string, JsonObject>;
  }

  #match(path: string): string | undefined {
    // Dot segments are resolved before routing, as the URL the server sees has them resolved.
    const bare = new URL(path.split('?')[0] ?? path, 'http://host').pathname.replace(/^\/api\/v1$/, `${API_ROOT}/`);
    const relative = bare.startsWith(`${API_ROOT}/`) ? bare.slice(API_ROOT.length) : bare;
    const candidates = this.#templates.filter((t) => t.pattern.test(relative));
    const rooted = (t: PathTemplate) => ROOT_PATHS.has(t.template) || t.template.startsWith('/kubeclusteragents/');
    const usable = candidates.filter((t) => rooted(t) === !bare.startsWith(`${API_ROOT}/`));
    // Literal segments beat parameters: /kubeclusters/cloudcasa-images over /kubeclusters/{id}.
    return usable.sort((a, b) => countParams(a.template) - countParams(b.template))[0]?.template;
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
      const schema = this.#resolve(header)['schema'] as object | undefined;
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

  #resolve(node: JsonObject): JsonObject {
    const ref = node['$ref'];
    if (typeof ref !== 'string') return node;
    const target = ref.slice(2).split('/').reduce<unknown>((at, key) => (at as JsonObject)[key], this.#spec);
    return this.#resolve(target as JsonObject);
  }
}

function compileTemplates(templates: string[]): PathTemplate[] {
  return templates.map((template) => {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    return { template, pattern: new RegExp(`^${source}$`) };
  });
}

function countParams(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}
