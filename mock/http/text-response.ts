// A Response whose body is a string kept as it is until someone asks for a stream. On Node 20 every
// `new Response(body)` builds a web ReadableStream, and building one (makeTransferable) costs more
// than the mock's own work for a GET; a caller that reads `text()` or `json()` needs none. `body`,
// `clone()` and `formData()` make the real one on demand and hand over to it, so every reader sees
// what a Response made from the same string shows.

const encoder = new TextEncoder();

export class TextResponse extends Response {
  #text: string | undefined;
  /** The Response with the same body, made the first time a stream is asked for; it owns the body from then on. */
  #streamed: Response | undefined;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
    if (!this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8');
  }

  /** The body as a string, once; a second read fails as a Response's does. */
  #take(): Promise<string> {
    if (this.#streamed) return this.#streamed.text();
    const text = this.#text;
    if (text === undefined) return Promise.reject(new TypeError('Response body object should not be disturbed or locked'));
    this.#text = undefined;
    return Promise.resolve(text);
  }

  /** The Response that owns the body as a stream, made now if needed (an empty, used one once the text was read). */
  #handedOver(): Response {
    if (!this.#streamed) {
      const used = this.#text === undefined;
      this.#streamed = new Response(this.#text ?? '', { headers: { 'content-type': this.headers.get('content-type') ?? '' } });
      this.#text = undefined;
      // Read already as text: the stream a reader gets now is the used one a Response would show.
      if (used) void this.#streamed.arrayBuffer();
    }
    return this.#streamed;
  }

  #used(): boolean {
    return this.#streamed ? this.#streamed.bodyUsed : this.#text === undefined;
  }

  #clone(): Response {
    if (this.#used()) throw new TypeError('Response.clone: Body has already been consumed.');
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    return this.#streamed ? new Response(this.#streamed.clone().body, init) : new TextResponse(this.#text as string, init);
  }

  static {
    // Response's own members, replaced on the prototype rather than declared in the class: Node's
    // types and the DOM's disagree on which are methods, accessors or properties, and a class that
    // overrides them cannot satisfy both. The private fields are in reach here.
    const members: Record<string, (this: TextResponse) => unknown> = {
      text() {
        return this.#take();
      },
      json() {
        return this.#take().then(JSON.parse);
      },
      bytes() {
        return this.#take().then((text) => encoder.encode(text));
      },
      arrayBuffer() {
        return this.#take().then((text) => encoder.encode(text).buffer);
      },
      blob() {
        return this.#take().then((text) => new Blob([text], { type: this.headers.get('content-type') ?? '' }));
      },
      formData() {
        return this.#handedOver().formData();
      },
      clone() {
        return this.#clone();
      },
    };
    for (const [name, value] of Object.entries(members)) Object.defineProperty(this.prototype, name, { value, writable: true, configurable: true, enumerable: true });
    Object.defineProperties(this.prototype, {
      body: {
        get(this: TextResponse) {
          return this.#handedOver().body;
        },
        enumerable: true,
        configurable: true,
      },
      bodyUsed: {
        get(this: TextResponse) {
          return this.#used();
        },
        enumerable: true,
        configurable: true,
      },
    });
  }
}
