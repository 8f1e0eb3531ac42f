import type { CacheStatus } from './cache-status';

/** The current status and who listens to it. */
export class StatusHolder {
  readonly #listeners = new Set<(status: CacheStatus) => void>();
  #status: CacheStatus;

  constructor(status: CacheStatus) {
    this.#status = status;
  }

  get current(): CacheStatus {
    return this.#status;
  }

  set(status: CacheStatus): void {
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }

  subscribe(listener: (status: CacheStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
