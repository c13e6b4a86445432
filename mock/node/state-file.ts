// `serve --state <file>`: the state survives restarts. Loaded at start; after any request that changed
// something, written before the answer leaves (temp file, fsync, rename), so a crash at any moment
// leaves the old state or the new one, and every acknowledged write is on disk.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { MockRuntime } from '../runtime.js';
import { ApiError } from '../http/errors.js';
import type { Step } from '../http/pipeline.js';
import type { StoreObserver } from '../store/store.js';
import { exportState, importState } from '../control/snapshot.js';

export class StateFileError extends Error {
  override name = 'StateFileError';
}

export class StateFile implements StoreObserver {
  #dirty = false;
  /** Whether the state came from an existing file (then fixtures are not loaded over it). */
  loaded = false;

  constructor(
    readonly path: string,
    private readonly runtime: MockRuntime,
  ) {
    runtime.store.observe(this);
  }

  /** Loads the file when it exists (answers whether it did); a file that cannot be used is left untouched. */
  load(): boolean {
    if (!existsSync(this.path)) return false;
    let snapshot: unknown;
    try {
      snapshot = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new StateFileError(`Cannot use the state file ${this.path}: ${(error as Error).message}. It was left as it is; move it away to start empty.`);
    }
    try {
      importState(this.runtime.store, this.runtime.timeline, snapshot);
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : String(error);
      throw new StateFileError(`The state file ${this.path} is not a mock state: ${reason}. It was left as it is.`);
    }
    this.#dirty = false;
    this.loaded = true;
    return true;
  }

  written(): void {
    this.#dirty = true;
  }

  removed(): void {
    this.#dirty = true;
  }

  cleared(): void {
    this.#dirty = true;
  }

  saveIfChanged(): void {
    if (this.#dirty) this.save();
  }

  save(): void {
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(exportState(this.runtime.store, this.runtime.timeline)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
    syncDirectory(dirname(this.path));
    this.#dirty = false;
  }

  /** Saves after each request that changed the state, before its answer is sent. */
  step(): Step {
    return (_c, next, after) => {
      after((response) => {
        this.saveIfChanged();
        return response;
      });
      return next();
    };
  }
}

/** The rename itself is durable only once the directory entry is flushed. */
function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot open a directory; the rename is still atomic there.
  }
}
