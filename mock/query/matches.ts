// The first matches of a query, in order, and how many match in all; cached until the collection changes.
import type { StoredDoc } from '../store/document.js';
import { compareBy } from './sort.js';
import type { SortKey } from './sort.js';

export interface Matches {
  /** The first matches in answer order: at least as many as asked for, or all of them. */
  prefix: StoredDoc[];
  total: number;
}

/** Past this many kept documents a full sort is cheaper than keeping a sorted buffer. */
const BUFFER_LIMIT = 2000;

export function firstMatches(docs: Iterable<StoredDoc>, predicate: ((doc: StoredDoc) => boolean) | undefined, sort: readonly SortKey[] | undefined, keep: number): Matches {
  if (!sort || sort.length === 0) return firstInNaturalOrder(docs, predicate, keep);
  const compare = compareBy(sort);
  if (keep > BUFFER_LIMIT) {
    const matched = predicate ? [...docs].filter(predicate) : [...docs];
    return { prefix: matched.sort(compare), total: matched.length };
  }
  return firstSorted(docs, predicate, compare, keep);
}

function firstInNaturalOrder(docs: Iterable<StoredDoc>, predicate: ((doc: StoredDoc) => boolean) | undefined, keep: number): Matches {
  const prefix: StoredDoc[] = [];
  let total = 0;
  for (const doc of docs) {
    if (predicate && !predicate(doc)) continue;
    if (prefix.length < keep) prefix.push(doc);
    total++;
  }
  return { prefix, total };
}

/**
 * Keeps only the best `keep` matches in a sorted buffer, so a page near the front costs O(n log k)
 * rather than sorting everything. Equal keys keep their natural order, as a stable sort would.
 */
function firstSorted(docs: Iterable<StoredDoc>, predicate: ((doc: StoredDoc) => boolean) | undefined, compare: (a: StoredDoc, b: StoredDoc) => number, keep: number): Matches {
  const best: StoredDoc[] = [];
  let total = 0;
  for (const doc of docs) {
    if (predicate && !predicate(doc)) continue;
    total++;
    if (best.length === keep && compare(doc, best[keep - 1] as StoredDoc) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(best[middle] as StoredDoc, doc) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, doc);
    if (best.length > keep) best.pop();
  }
  return { prefix: best, total };
}

/**
 * Answers to recent queries, each valid for the collection revision it was computed at. Clients
 * poll the same list over and over; between writes, the second poll costs a slice.
 */
export class MatchCache {
  readonly #entries = new Map<string, Matches & { revision: number }>();

  constructor(private readonly capacity = 64) {}

  get(key: string, revision: number, keep: number): Matches | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.revision !== revision || (entry.prefix.length < keep && entry.prefix.length < entry.total)) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, revision: number, matches: Matches): void {
    this.#entries.delete(key);
    this.#entries.set(key, { ...matches, revision });
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}
