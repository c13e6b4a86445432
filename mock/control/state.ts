// The control API's own state: the bounded request journal and the injected faults.
import { JournalRing } from './journal.js';
import type { JournalEntry, RecordedRequest } from './journal.js';

export type { JournalEntry, RecordedRequest } from './journal.js';

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

export class MockControlState {
  readonly #journal: JournalRing;
  #faults: Fault[] = [];
  #nextFaultId = 1;

  constructor(journalSize: number) {
    this.#journal = new JournalRing(journalSize);
  }

  record(entry: RecordedRequest): void {
    this.#journal.record(entry);
  }

  /** The last `limit` requests, oldest first. */
  journal(limit?: number): JournalEntry[] {
    return this.#journal.entries(limit);
  }

  clearJournal(): void {
    this.#journal.clear();
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
