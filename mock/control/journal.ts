// The request journal: a ring of the last requests. A request's path is copied into the ring's own
// bytes instead of keeping the request's string: a string kept alive across garbage collections is
// copied, then promoted to the old generation, and on a busy server that cost more than all the
// rest of the journal (about 4 % of the CPU of a GET).

export interface JournalEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

/** A journal entry as recorded on the hot path; the time is formatted only when read. */
export type RecordedRequest = Omit<JournalEntry, 'time'> & { timeMs: number };

/** Bytes each entry has for its path; a longer path (rare: a long query) is kept as a string. */
const PATH_BYTES = 256;
const FIRST_CAPACITY = 64;

export class JournalRing {
  // One array per field, indexed by slot; `#pathLengths` is -1 where the path is in `#longPaths`.
  readonly #timeMs: number[] = [];
  readonly #durationMs: number[] = [];
  readonly #status: number[] = [];
  readonly #methods: string[] = [];
  readonly #pathLengths: number[] = [];
  readonly #longPaths: Array<string | undefined> = [];
  /** Grows by doubling up to `size` slots, so a large journal costs memory only once it fills. */
  #pathBytes = Buffer.alloc(0);
  #next = 0;
  #count = 0;

  constructor(readonly size: number) {}

  record(entry: RecordedRequest): void {
    if (this.size <= 0) return;
    const slot = this.#next;
    if (slot * PATH_BYTES >= this.#pathBytes.length) this.#grow();
    this.#timeMs[slot] = entry.timeMs;
    this.#durationMs[slot] = entry.durationMs;
    this.#status[slot] = entry.status;
    this.#methods[slot] = entry.method;
    const path = entry.path;
    if (path.length * 3 <= PATH_BYTES || Buffer.byteLength(path) <= PATH_BYTES) {
      this.#pathLengths[slot] = this.#pathBytes.write(path, slot * PATH_BYTES, PATH_BYTES, 'utf8');
      if (this.#longPaths[slot] !== undefined) this.#longPaths[slot] = undefined;
    } else {
      this.#pathLengths[slot] = -1;
      this.#longPaths[slot] = path;
    }
    this.#next = (slot + 1) % this.size;
    if (this.#count < this.size) this.#count++;
  }

  /** The last `limit` requests, oldest first. */
  entries(limit = this.size): JournalEntry[] {
    const kept = Math.max(0, Math.min(limit, this.#count));
    const first = (this.#next - kept + this.size) % this.size;
    return Array.from({ length: kept }, (_, index) => this.#entryAt((first + index) % this.size));
  }

  clear(): void {
    this.#next = 0;
    this.#count = 0;
    this.#longPaths.length = 0;
  }

  #entryAt(slot: number): JournalEntry {
    const length = this.#pathLengths[slot] as number;
    const start = slot * PATH_BYTES;
    return {
      time: new Date(this.#timeMs[slot] as number).toISOString(),
      method: this.#methods[slot] as string,
      path: length < 0 ? (this.#longPaths[slot] as string) : this.#pathBytes.toString('utf8', start, start + length),
      status: this.#status[slot] as number,
      durationMs: this.#durationMs[slot] as number,
    };
  }

  #grow(): void {
    const slots = Math.min(this.size, Math.max(FIRST_CAPACITY, 2 * (this.#pathBytes.length / PATH_BYTES)));
    const grown = Buffer.alloc(slots * PATH_BYTES);
    this.#pathBytes.copy(grown);
    this.#pathBytes = grown;
  }
}
