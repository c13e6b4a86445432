// A host's own reading of a request (Node's raw request on a real port), faster than the Web Request's;
// the core reads the Request whenever the host has none for this request.

export interface HostRequestReader {
  /** The request's raw header list (name, value, name, value…) when the host has it, from Hono's bindings. */
  rawHeaders(env: unknown): readonly string[] | undefined;
  /** The body as UTF-8 text, at most `maxBytes` (else an ApiError 413), when the host reads it itself. */
  text(env: unknown, maxBytes: number): Promise<string> | undefined;
  /** The bindings for a request re-dispatched with its body already read (the method override). */
  withoutBody(env: unknown): unknown;
}

let reader: HostRequestReader | undefined;

/** Set once by a host (mock/node/fast-paths.ts); each of its answers says whether it applies to a request. */
export function useHostRequestReader(hostReader: HostRequestReader): void {
  reader = hostReader;
}

export function hostRequestReader(): HostRequestReader | undefined {
  return reader;
}
