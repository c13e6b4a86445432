// PATCH semantics: Eve's MERGE_NESTED_DOCUMENTS, where nested objects merge and everything else replaces.

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A new object: `patch` laid over `base`, merging nested objects key by key (own keys only). */
export function mergeNested(base: Plain, patch: Plain): Plain {
  const merged: Plain = {};
  for (const [key, value] of Object.entries(base)) defineOwn(merged, key, value);
  for (const [key, value] of Object.entries(patch)) {
    const current = Object.hasOwn(merged, key) ? merged[key] : undefined;
    defineOwn(merged, key, isPlainObject(current) && isPlainObject(value) ? mergeNested(current, value) : value);
  }
  return merged;
}

/** Assignment that keeps `__proto__` an ordinary own key instead of swapping the prototype. */
function defineOwn(target: Plain, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
