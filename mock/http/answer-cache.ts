// Answers kept while what they were made from stays the same: a list page until its collection
// changes, an item until it is written again. A client polling one cluster or one page gets the
// text and headers of the last answer; nothing is rendered again.
import { textAnswer } from './host-answer.js';
import { answerHeaders } from './render.js';
import type { AnswerHeaders } from './render.js';

interface Kept<Version> {
  version: Version;
  body: string;
  /** Shared by every answer made from this entry: nothing writes to a response's header object. */
  headers: Readonly<Record<string, string>>;
}

export class AnswerCache<Version> {
  readonly #entries = new Map<string, Kept<Version>>();

  constructor(private readonly capacity: number) {}

  /** The answer kept under `key` when it was made from `version`, as a new 200 response to the request with bindings `env`. */
  answer(env: unknown, key: string, version: Version): Response | undefined {
    const kept = this.#entries.get(key);
    return kept && kept.version === version ? textAnswer(env, kept.body, { status: 200, headers: kept.headers }) : undefined;
  }

  /** Keeps a 200 answer's body and headers; the oldest entry goes when the cache is full. */
  keep(env: unknown, key: string, version: Version, body: string, headers: AnswerHeaders): Response {
    if (!this.#entries.has(key) && this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
    const kept = { version, body, headers: Object.freeze(answerHeaders(headers)) };
    this.#entries.set(key, kept);
    return textAnswer(env, body, { status: 200, headers: kept.headers });
  }
}
