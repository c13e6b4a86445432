// The exchanges forwarded and not answered yet: each one's deadline (--upstream-timeout), and their end
// when the proxy stops, so that neither a silent server nor Ctrl+C leaves a client waiting.
import type { RecordedRequest } from '../client.js';
import { curlOf } from '../client.js';

/** The proxy's own rule: the server answered nothing within --upstream-timeout. */
export const PROXY_TIMEOUT = 'PROXY-TIMEOUT';

/** An exchange the proxy stopped before the server answered it. */
export interface Unanswered {
  request: string;
  /** How long it had waited, in seconds (one decimal). */
  waited: number;
}

/** One forwarded request: the signal its fetch runs under, and why that signal fired. */
export interface Ticket {
  signal: AbortSignal;
  /** Why the fetch was given up: its deadline passed, or the proxy stopped. */
  readonly ended: 'timeout' | 'stopped' | undefined;
  /** The exchange is over (answered, or answered for): it no longer counts as in flight. */
  done(): void;
}

interface Open {
  request: RecordedRequest;
  startedAt: number;
  stop: AbortController;
}

export class InFlight {
  readonly #open = new Set<Open>();
  #stopped = false;

  constructor(readonly timeoutMs: number) {}

  start(request: RecordedRequest): Ticket {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const entry: Open = { request, startedAt: performance.now(), stop: new AbortController() };
    this.#open.add(entry);
    // A request read to its end after the proxy stopped is not sent on.
    if (this.#stopped) entry.stop.abort(new Error('the proxy stopped'));
    return {
      signal: AbortSignal.any([deadline, entry.stop.signal]),
      get ended() {
        return entry.stop.signal.aborted ? 'stopped' : deadline.aborted ? 'timeout' : undefined;
      },
      done: () => void this.#open.delete(entry),
    };
  }

  /** Gives up every exchange still waiting for the server (their fetches end at once) and says which they were. */
  stop(): Unanswered[] {
    this.#stopped = true;
    const now = performance.now();
    const unanswered = [...this.#open].map(({ request, startedAt }) => ({ request: curlOf(request), waited: Math.round((now - startedAt) / 100) / 10 }));
    for (const entry of this.#open) entry.stop.abort(new Error('the proxy stopped'));
    return unanswered;
  }
}

/** The message of the 504 a client gets for an exchange the server did not answer. */
export function unansweredMessage(ended: 'timeout' | 'stopped', upstream: string, timeoutMs: number): string {
  return ended === 'timeout'
    ? `The upstream server ${upstream} did not answer within ${timeoutMs / 1000} s (the proxy's --upstream-timeout)`
    : `The proxy stopped before the upstream server ${upstream} answered`;
}
