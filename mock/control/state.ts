// The control API's own state: the bounded request journal and the injected faults.

export interface JournalEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

export interface FaultSpec {
  /** HTTP method to match; unset matches any. */
  method?: string;
  /** Path to match; `*` matches any run of characters, e.g. `/api/v1/kubeclusters/*`. */
  path: string;
  /** Answer this status (with Eve's error body) instead of handling the request. */
  status?: number;
  /** Wait this long before handling (or failing) the request. */
  latencyMs?: number;
  /** How many requests it applies to; unset: until removed. */
  count?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  remaining: number | undefined;
}

/** A journal entry as recorded on the hot path; the time is formatted only when read. */
export type RecordedRequest = Omit<JournalEntry, 'time'> & { timeMs: number };

export class MockControlState {
  /** A ring buffer: recording is O(1) however full the journal is. */
  readonly #journal: RecordedRequest[] = [];
  #next = 0;
  #faults: Fault[] = [];
  #nextFaultId = 1;

  constructor(private readonly journalSize: number) {}

  /**
   * Copies `entry` into the ring. A full ring overwrites its oldest entry in place: a request leaves
   * behind no new object for the garbage collector to carry (on a busy server, that cost shows).
   */
  record(entry: RecordedRequest): void {
    if (this.journalSize <= 0) return;
    const slot = this.#journal[this.#next];
    if (!slot) this.#journal.push({ ...entry });
    else {
      slot.timeMs = entry.timeMs;
      slot.method = entry.method;
      slot.path = entry.path;
      slot.status = entry.status;
      slot.durationMs = entry.durationMs;
    }
    this.#next = (this.#next + 1) % this.journalSize;
  }

  /** The last `limit` requests, oldest first. */
  journal(limit = this.journalSize): JournalEntry[] {
    const ordered = this.#journal.length < this.journalSize ? this.#journal : [...this.#journal.slice(this.#next), ...this.#journal.slice(0, this.#next)];
    const kept = limit <= 0 ? [] : ordered.slice(-limit);
    return kept.map(({ timeMs, ...rest }) => ({ time: new Date(timeMs).toISOString(), ...rest }));
  }

  clearJournal(): void {
    this.#journal.length = 0;
    this.#next = 0;
  }

  addFault(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.#nextFaultId++, remaining: spec.count };
    this.#faults.push(fault);
    return fault;
  }

  faults(): Fault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  clearFaults(): void {
    this.#faults = [];
  }

  /** The first live fault matching the request, used up by one. */
  takeFault(method: string, path: string): Fault | undefined {
    if (this.#faults.length === 0) return undefined;
    const fault = this.#faults.find((f) => (!f.method || f.method.toUpperCase() === method) && globMatches(f.path, path));
    if (!fault) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault);
    }
    return fault;
  }

  reset(): void {
    this.clearJournal();
    this.clearFaults();
  }
}

function globMatches(glob: string, path: string): boolean {
  const pattern = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(path);
}
