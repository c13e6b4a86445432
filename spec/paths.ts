// Finds the spec's path template and operation for a request path: shared by the answer and the request checkers.
import type { JsonObject } from './document.js';

const API_ROOT = '/api/v1';
const ROOT_PATHS = new Set(['/api-docs']);

interface PathTemplate {
  template: string;
  pattern: RegExp;
}

export class PathMatcher {
  readonly #paths: Record<string, JsonObject>;
  readonly #templates: PathTemplate[];

  constructor(spec: JsonObject) {
    this.#paths = spec['paths'] as Record<string, JsonObject>;
    this.#templates = compileTemplates(Object.keys(this.#paths));
  }

  /** The documented template a request path falls under, e.g. `/kubeclusters/{id}`; undefined when none. */
  match(path: string): string | undefined {
    // Dot segments are resolved before routing, as the URL the server sees has them resolved.
    const bare = new URL(path.split('?')[0] ?? path, 'http://host').pathname.replace(/^\/api\/v1$/, `${API_ROOT}/`);
    const relative = bare.startsWith(`${API_ROOT}/`) ? bare.slice(API_ROOT.length) : bare;
    const candidates = this.#templates.filter((t) => t.pattern.test(relative));
    const rooted = (t: PathTemplate) => ROOT_PATHS.has(t.template) || t.template.startsWith('/kubeclusteragents/');
    const usable = candidates.filter((t) => rooted(t) === !bare.startsWith(`${API_ROOT}/`));
    // Literal segments beat parameters: /kubeclusters/cloudcasa-images over /kubeclusters/{id}.
    return usable.sort((a, b) => countParams(a.template) - countParams(b.template))[0]?.template;
  }

  /** The operation object of `method` on `template`, when documented. */
  operation(template: string, method: string): JsonObject | undefined {
    return this.#paths[template]?.[method.toLowerCase()] as JsonObject | undefined;
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
