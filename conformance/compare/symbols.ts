// One server's view of the sequence's symbols: which `_id` each symbol has there and which etags it
// has had, learned from that server's own answers; fills placeholders and names ids and etags back.
import { PLACEHOLDER, UNKNOWN_ETAG, UNKNOWN_ID } from './steps.js';
import type { ResourceName, Step, Sym } from './steps.js';

interface Known {
  id: string;
  /** Every etag seen for it, oldest first; the last is the current one. */
  etags: string[];
}

type Doc = Record<string, unknown>;

export class SymbolTable {
  readonly #bySym = new Map<Sym, Known>();
  readonly #byId = new Map<string, Sym>();
  readonly #byEtag = new Map<string, Sym>();

  /** The text with every placeholder replaced by this server's value (unknown ones by values no document has). */
  resolve(text: string): string {
    return text.replace(PLACEHOLDER, (_match, kind: string, sym: Sym) => {
      const known = this.#bySym.get(sym);
      if (kind === 'id') return known?.id ?? UNKNOWN_ID;
      if (kind === 'etag') return known?.etags.at(-1) ?? UNKNOWN_ETAG;
      return known && known.etags.length > 1 ? (known.etags.at(-2) as string) : UNKNOWN_ETAG;
    });
  }

  /** Learns ids (of created documents, and of documents first seen in a list) and etags from an answer. */
  learn(step: Step, status: number, body: unknown): void {
    const docs = documentsIn(body);
    if (status === 201 && step.creates) {
      docs.forEach((doc, i) => {
        const sym = step.creates?.[i];
        if (sym && typeof doc['_id'] === 'string') this.#bind(sym, doc['_id']);
      });
    }
    for (const doc of docs) {
      if (typeof doc['_id'] !== 'string') continue;
      const sym = this.#byId.get(doc['_id']) ?? this.#bindByName(doc, step.resource);
      if (sym && typeof doc['_etag'] === 'string') this.#etagSeen(sym, doc['_etag']);
    }
  }

  /** `<a:kubeclusters#3>` for a known id. */
  idName(id: string): string | undefined {
    const sym = this.#byId.get(id);
    return sym === undefined ? undefined : `<${sym}>`;
  }

  /**
   * `<etag a:kubeclusters#3>` for the document's latest etag, `<etag a:kubeclusters#3 (earlier)>` for
   * an older one. Not numbered: a write one server took and the other refused would shift every later number.
   */
  etagName(etag: string): string | undefined {
    const sym = this.#byEtag.get(etag);
    if (sym === undefined) return undefined;
    return this.#bySym.get(sym)?.etags.at(-1) === etag ? `<etag ${sym}>` : `<etag ${sym} (earlier)>`;
  }

  idOf(sym: Sym): string | undefined {
    return this.#bySym.get(sym)?.id;
  }

  /** Every symbol bound here with its id (for clean-up). */
  entries(): Array<[Sym, string]> {
    return [...this.#bySym].map(([sym, known]) => [sym, known.id]);
  }

  #bind(sym: Sym, id: string): void {
    this.#bySym.set(sym, { id, etags: [] });
    this.#byId.set(id, sym);
  }

  /** A document this run did not create (there before, or made by the other tenant): named by its name. */
  #bindByName(doc: Doc, resource: ResourceName | undefined): Sym | undefined {
    if (typeof doc['name'] !== 'string' || !resource) return undefined;
    const sym = `~${resource}/${doc['name']}`;
    if (this.#bySym.has(sym)) return undefined;
    this.#bind(sym, doc['_id'] as string);
    return sym;
  }

  #etagSeen(sym: Sym, etag: string): void {
    const known = this.#bySym.get(sym);
    if (!known || known.etags.at(-1) === etag) return;
    known.etags.push(etag);
    if (!this.#byEtag.has(etag)) this.#byEtag.set(etag, sym);
  }
}

/** The documents an answer carries: its `_items`, or the body itself. */
export function documentsIn(body: unknown): Doc[] {
  if (Array.isArray(body)) return body.filter(isDoc);
  if (!isDoc(body)) return [];
  const items = body['_items'];
  return Array.isArray(items) ? items.filter(isDoc) : [body];
}

function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
