// The OpenAPI document (the single source of truth). The YAML is what people edit; its JSON twin
// (`npm run gen:spec-json`, checked by a test) is what is imported, as JSON parses in milliseconds:
// a module import, so that every runtime (Node, a bundler, the browser bundle) has it without files.
import document from './kubeclusters.openapi.json' with { type: 'json' };

export type JsonObject = { [key: string]: unknown };

/** The parsed OpenAPI document. Callers must not mutate it. */
export function loadSpec(): JsonObject {
  return document as JsonObject;
}

/** Follows a `$ref` (`#/components/...`) to the node it names, repeatedly; any other node is returned as is. */
export function resolveRef(spec: JsonObject, node: JsonObject): JsonObject {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const target = ref.slice(2).split('/').reduce<unknown>((at, key) => (at as JsonObject)[key], spec);
  return resolveRef(spec, target as JsonObject);
}
