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
  return assignNested(merged, patch);
}

/** `mergeNested` onto `target` itself (the caller's own copy); nested objects it merges are new ones. */
export function assignNested(target: Plain, patch: Plain): Plain {
  for (const [key, value] of Object.entries(patch)) {
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    setOwn(target, key, isPlainObject(current) && isPlainObject(value) ? mergeNested(current, value) : value);
  }
  return target;
}
