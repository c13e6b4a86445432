// Loads the OpenAPI document (the single source of truth) once. The YAML is what people edit; its JSON
// twin (`npm run gen:spec-json`, checked by a test) is what is read, as JSON parses in milliseconds.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type JsonObject = { [key: string]: unknown };

/** Works from the sources (`spec/document.ts`) and from the build (`dist/spec/document.js`). */
function locateSpec(): string {
  for (const candidate of ['./kubeclusters.openapi.yaml', '../../spec/kubeclusters.openapi.yaml']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('spec/kubeclusters.openapi.yaml not found next to the package');
}

export const specPath: string = locateSpec();
export const specJsonPath: string = specPath.replace(/\.yaml$/, '.json');

let cached: JsonObject | undefined;

/** The parsed OpenAPI document. Callers must not mutate it. */
export function loadSpec(): JsonObject {
  cached ??= JSON.parse(readFileSync(specJsonPath, 'utf8')) as JsonObject;
  return cached;
}

/** Follows a `$ref` (`#/components/...`) to the node it names, repeatedly; any other node is returned as is. */
export function resolveRef(spec: JsonObject, node: JsonObject): JsonObject {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const target = ref.slice(2).split('/').reduce<unknown>((at, key) => (at as JsonObject)[key], spec);
  return resolveRef(spec, target as JsonObject);
}
