import type { AccessPoint } from '../access/access-point';
import type { HostEvents } from '../bridge/host-events';
import type { Logger } from '../logging/logger';
import type { RecordSource } from './mhd-record-source';
import type { WatchList } from './watch-list';

export interface DocumentWatcherOptions {
  source: RecordSource;
  watchList: WatchList;
  access: AccessPoint;
  events: HostEvents;
  logger: Logger;
  actor: string;
  intervalMs: number;
  now?: () => Date;
  /** False while no clinician may see patient data (signed out, screen locked): no polling. */
  active?: () => boolean;
}

/**
 * While the workstation runs, polls the record source for documents recorded since the last look
 * at each followed patient (the DMP pushes nothing to professionals), and raises one event per
 * patient with news. Each poll is a search, so it passes the access point like any other.
 */
export class DocumentWatcher {
  readonly #options: DocumentWatcherOptions;
  readonly #since = new Map<string, string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #running = false;

  constructor(options: DocumentWatcherOptions) {
    this.#options = options;
  }

  start(): void {
    const started = (this.#options.now ?? (() => new Date()))().toISOString();
    for (const patientId of this.#options.watchList.followed(this.#options.actor)) {
      this.#since.set(patientId, started);
    }
    this.#timer = setInterval(() => void this.poll(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Starts watching from now: what the user already saw is not news. */
  watchFrom(patientId: string, since: string): void {
    this.#since.set(patientId, since);
  }

  async poll(): Promise<void> {
    if (this.#running || this.#options.active?.() === false) return;
    this.#running = true;
    const { source, watchList, access, events, logger, actor } = this.#options;
    const now = () => (this.#options.now ?? (() => new Date()))().toISOString();
    try {
      for (const patientId of watchList.followed(actor)) {
        const since = this.#since.get(patientId) ?? now();
        const checkedAt = now();
        try {
          const count = await access.run(
            { action: 'document.search', patientRef: patientId, target: 'watch' },
            () => source.countChangedSince(patientId, since),
          );
          this.#since.set(patientId, checkedAt);
          if (count > 0) events.emit('documentsChanged', { patientId, count });
        } catch {
          logger.warn('watch.poll-failed', { reason: 'record source' });
        }
      }
    } finally {
      this.#running = false;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
