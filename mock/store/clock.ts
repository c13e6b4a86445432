// The mock's clock: real time plus an offset by default, frozen for tests; moved only on request, never by timers.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface ClockDescription {
  now: number;
  frozen: boolean;
  offsetMs: number;
}

export class MockClock implements Clock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  constructor(options: { frozenAt?: number } = {}) {
    this.#frozenAt = options.frozenAt;
  }

  now(): number {
    return this.#frozenAt ?? Date.now() + this.#offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`The clock only moves forward; cannot advance by ${ms} ms`);
    if (this.#frozenAt !== undefined) this.#frozenAt += ms;
    else this.#offsetMs += ms;
  }

  set(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new RangeError(`Cannot set the clock to ${epochMs}`);
    if (this.#frozenAt !== undefined) this.#frozenAt = epochMs;
    else this.#offsetMs = epochMs - Date.now();
  }

  freeze(): void {
    this.#frozenAt ??= this.now();
  }

  unfreeze(): void {
    if (this.#frozenAt === undefined) return;
    this.#offsetMs = this.#frozenAt - Date.now();
    this.#frozenAt = undefined;
  }

  describe(): ClockDescription {
    return { now: this.now(), frozen: this.#frozenAt !== undefined, offsetMs: this.#frozenAt === undefined ? this.#offsetMs : this.#frozenAt - Date.now() };
  }
}
