// How a text answer is made: by the host when it writes the request's answer itself (Node's port,
// where @hono/node-server writes a Response of its own class straight to the socket), otherwise as a
// TextResponse, which answers text() and json() without building a stream.
import { TextResponse } from './text-response.js';

/** A text answer's status and headers (a plain object: lower-case names, as the host writes them). */
export interface TextAnswerInit {
  status: number;
  headers: Readonly<Record<string, string>>;
}

/** The host's own answer for a request it will write itself; undefined for one it does not serve (in process). */
export type HostAnswerMaker = (env: unknown, body: string, init: TextAnswerInit) => Response | undefined;

let hostAnswer: HostAnswerMaker | undefined;

/** Set once by a host (mock/node/fast-paths.ts). */
export function useHostAnswerMaker(maker: HostAnswerMaker): void {
  hostAnswer = maker;
}

/** The answer to the request with bindings `env`: the host's, or a TextResponse. */
export function textAnswer(env: unknown, body: string, init: TextAnswerInit): Response {
  return hostAnswer?.(env, body, init) ?? new TextResponse(body, init);
}
