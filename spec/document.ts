// Loads the OpenAPI document (the single source of truth) once, from YAML next to this module.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

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

let cached: JsonObject | undefined;

/** The parsed OpenAPI document. Callers must not mutate it. */
export function loadSpec(): JsonObject {
  cached ??= parse(readFileSync(specPath, 'utf8')) as JsonObject;
  return cached;
}
