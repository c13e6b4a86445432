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
/** Each entry's numbers, side by side in one array: time, duration, status, path length (-1: a long path). */
const NUMBERS = 4;
const [TIME, DURATION, STATUS, PATH_LENGTH] = [0, 1, 2, 3];
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class JournalRing {
  #numbers = new Float64Array(0);
  readonly #methods: string[] = [];
  /** Slot → the path too long for its bytes. */
  readonly #longPaths = new Map<number, string>();
  /** Grows by doubling up to `size` slots, so a large journal costs memory only once it fills. */
  #pathBytes = new Uint8Array(0);
  #next = 0;
  #count = 0;

  constructor(readonly size: number) {}

  record(entry: RecordedRequest): void {
    if (this.size <= 0) return;
    const slot = this.#next;
    if (slot * PATH_BYTES >= this.#pathBytes.length) this.#grow();
    const at = slot * NUMBERS;
    this.#numbers[at + TIME] = entry.timeMs;
    this.#numbers[at + DURATION] = entry.durationMs;
    this.#numbers[at + STATUS] = entry.status;
    this.#numbers[at + PATH_LENGTH] = this.#keepPath(slot, entry.path);
    this.#methods[slot] = entry.method;
    this.#next = (slot + 1) % this.size;
    if (this.#count < this.size) this.#count++;
  }

  /**
   * Copies `path` into its slot's bytes and answers its length in bytes, or -1 when it is kept as a
   * string. An ASCII path (nearly all of them) is copied here: a call into the runtime costs more.
   */
  #keepPath(slot: number, path: string): number {
    if (this.#longPaths.size > 0) this.#longPaths.delete(slot);
    const start = slot * PATH_BYTES;
    const bytes = this.#pathBytes;
    if (path.length <= PATH_BYTES) {
      let index = 0;
      for (; index < path.length; index++) {
        const code = path.charCodeAt(index);
        if (code > 127) break;
        bytes[start + index] = code;
      }
      if (index === path.length) return path.length;
    }
    const { read, written } = utf8.encodeInto(path, bytes.subarray(start, start + PATH_BYTES));
    if (read === path.length) return written;
    this.#longPaths.set(slot, path);
    return -1;
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
    this.#longPaths.clear();
  }

  #entryAt(slot: number): JournalEntry {
    const at = slot * NUMBERS;
    const length = this.#numbers[at + PATH_LENGTH] as number;
    const start = slot * PATH_BYTES;
    return {
      time: new Date(this.#numbers[at + TIME] as number).toISOString(),
      method: this.#methods[slot] as string,
      path: length < 0 ? (this.#longPaths.get(slot) as string) : fromUtf8.decode(this.#pathBytes.subarray(start, start + length)),
      status: this.#numbers[at + STATUS] as number,
      durationMs: this.#numbers[at + DURATION] as number,
    };
  }

  #grow(): void {
    const slots = Math.min(this.size, Math.max(FIRST_CAPACITY, 2 * (this.#pathBytes.length / PATH_BYTES)));
    const pathBytes = new Uint8Array(slots * PATH_BYTES);
    pathBytes.set(this.#pathBytes);
    this.#pathBytes = pathBytes;
    const numbers = new Float64Array(slots * NUMBERS);
    numbers.set(this.#numbers);
    this.#numbers = numbers;
  }
}
