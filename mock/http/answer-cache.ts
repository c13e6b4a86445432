// Answers kept as bytes while what they were made from stays the same: a list page until its
// collection changes, an item until it is written again. A client polling one cluster or one
// page gets the bytes of the last answer; nothing is rendered or encoded again.
import { jsonAnswer } from './render.js';
import type { AnswerHeaders } from './render.js';

const encoder = new TextEncoder();

interface Kept<Version> {
  version: Version;
  body: Uint8Array<ArrayBuffer>;
  headers: AnswerHeaders;
}

export class AnswerCache<Version> {
  readonly #entries = new Map<string, Kept<Version>>();

  constructor(private readonly capacity: number) {}

  /** The answer kept under `key` when it was made from `version`, as a new 200 response. */
  answer(key: string, version: Version): Response | undefined {
    const kept = this.#entries.get(key);
    return kept && kept.version === version ? jsonAnswer(kept.body, 200, kept.headers) : undefined;
  }

  /** Keeps a 200 answer's body and headers; the oldest entry goes when the cache is full. */
  keep(key: string, version: Version, json: string, headers: AnswerHeaders): Response {
    const body = encoder.encode(json);
    if (!this.#entries.has(key) && this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { version, body, headers });
    return jsonAnswer(body, 200, headers);
  }
}
