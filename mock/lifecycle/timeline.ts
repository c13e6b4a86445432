// The one timing mechanism of every progression (a cluster's activation, a job's steps): when each
// document's next move is due on the mock's clock, and applying the due moves in time order.
import type { Clock } from '../store/clock.js';
import type { ResourceName, StoredDoc } from '../store/document.js';
import type { Located, Store, StoreObserver } from '../store/store.js';
import type { StateMachine } from './state-machine.js';

/** How long a state lasts before its timed move; `'never'`: only the control API moves it on. */
export type Delay = number | 'never';

/** One kind of document that moves through a state machine by itself. */
export interface Progression<S extends string> {
  resource: ResourceName;
  machine: StateMachine<S>;
  stateOf(doc: StoredDoc): S | undefined;
  delayOf(state: S): Delay;
  /** Writes the timed move; `at` is when it was due (the document's new `_updated`). */
  move(entry: Located, to: S, at: number): void;
}

export interface DueMove {
  id: string;
  due: number;
}

interface Waiting extends DueMove {
  resource: ResourceName;
  /** The state the move leaves; a document found in another state by then is not moved. */
  from: string;
}

export class Timeline implements StoreObserver {
  readonly #progressions = new Map<ResourceName, Progression<string>>();
  /** Document id (unique across the store) → its waiting move. */
  readonly #waiting = new Map<string, Waiting>();
  #nextDue = Number.POSITIVE_INFINITY;
  /** Set while a due move is written: the next step is timed from when this one was due, not from when it was noticed. */
  #movingAt: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    store.observe(this);
  }

  follow<S extends string>(progression: Progression<S>): void {
    this.#progressions.set(progression.resource, progression as unknown as Progression<string>);
  }

  /** Applies every move due by now, earliest first (a move may make the next one due at once). Cheap when none is. */
  settle(): void {
    const now = this.clock.now();
    // Timed moves form no cycle (each machine's timed path ends in a state without one), so this ends.
    while (this.#nextDue <= now) {
      const due = [...this.#waiting.values()].filter((waiting) => waiting.due <= now).sort((a, b) => a.due - b.due);
      for (const waiting of due) this.#apply(waiting);
      this.#nextDue = Number.POSITIVE_INFINITY;
      for (const waiting of this.#waiting.values()) this.#nextDue = Math.min(this.#nextDue, waiting.due);
    }
  }

  /** Drops the waiting move of `id` (a job held by the control API). */
  cancel(id: string): void {
    this.#waiting.delete(id);
  }

  /** The waiting moves of one resource, for export. */
  pending(resource: ResourceName): DueMove[] {
    return [...this.#waiting.values()].filter((waiting) => waiting.resource === resource).map(({ id, due }) => ({ id, due }));
  }

  /** Makes exactly these the waiting moves of `resource` (an imported state), each leaving its document's current state. */
  replace(resource: ResourceName, moves: readonly DueMove[]): void {
    for (const [id, waiting] of this.#waiting) if (waiting.resource === resource) this.#waiting.delete(id);
    const progression = this.#progressions.get(resource);
    for (const { id, due } of moves) {
      const entry = this.store.locate(id);
      const from = entry && progression?.stateOf(entry.doc);
      if (entry?.resource === resource && from !== undefined) this.#wait({ resource, id, due, from });
    }
  }

  written({ resource, doc }: Located): void {
    const progression = this.#progressions.get(resource);
    if (!progression) return;
    const state = progression.stateOf(doc);
    if (state === undefined || progression.machine.timedMove(state) === undefined) {
      this.#waiting.delete(doc._id);
      return;
    }
    const waiting = this.#waiting.get(doc._id);
    // A client's write (a PATCH of a PENDING cluster's description) keeps the time already set.
    if (waiting?.from === state) return;
    this.#waiting.delete(doc._id);
    const delay = progression.delayOf(state);
    if (delay !== 'never') this.#wait({ resource, id: doc._id, due: (this.#movingAt ?? this.clock.now()) + delay, from: state });
  }

  removed({ doc }: Located): void {
    this.#waiting.delete(doc._id);
  }

  cleared(): void {
    this.#waiting.clear();
    this.#nextDue = Number.POSITIVE_INFINITY;
  }

  #wait(waiting: Waiting): void {
    this.#waiting.set(waiting.id, waiting);
    this.#nextDue = Math.min(this.#nextDue, waiting.due);
  }

  #apply(waiting: Waiting): void {
    if (this.#waiting.get(waiting.id) !== waiting) return;
    this.#waiting.delete(waiting.id);
    const progression = this.#progressions.get(waiting.resource);
    const entry = this.store.locate(waiting.id);
    if (!progression || !entry || progression.stateOf(entry.doc) !== waiting.from) return;
    const to = progression.machine.timedMove(waiting.from);
    if (to === undefined) return;
    this.#movingAt = waiting.due;
    try {
      progression.move(entry, to, waiting.due);
    } finally {
      this.#movingAt = undefined;
    }
  }
}
