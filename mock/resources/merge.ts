// PATCH semantics: Eve's MERGE_NESTED_DOCUMENTS, where nested objects merge and everything else replaces.
import { setOwn } from '../store/document.js';

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A new object: `patch` laid over `base`, merging nested objects key by key (own keys only). */
export function mergeNested(base: Plain, patch: Plain): Plain {
  const merged: Plain = {};
  for (const [key, value] of Object.entries(base)) setOwn(merged, key, value);
  for (const [key, value] of Object.entries(patch)) {
    const current = Object.hasOwn(merged, key) ? merged[key] : undefined;
    setOwn(merged, key, isPlainObject(current) && isPlainObject(value) ? mergeNested(current, value) : value);
  }
  return merged;
}

