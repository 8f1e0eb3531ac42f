import type { DocumentEntry } from '../../../shared/domain/document';
import type { AccessPoint } from '../access/access-point';
import type { HostEvents } from '../bridge/host-events';
import type { Logger } from '../logging/logger';
import type { RecordSource } from './mhd-record-source';
import type { WatchList } from './watch-list';

export interface DocumentWatcherOptions {
  source: Pick<RecordSource, 'changedSince'>;
  watchList: WatchList;
  access: AccessPoint;
  events: HostEvents;
  logger: Logger;
  /** Whose follow list is polled: the signed-in clinician, or the system account without login. */
  actor: () => string;
  /** Whether this professional may still be told about this patient's record. */
  mayWatch: (patientId: string) => boolean;
  /** Whether this professional may see this document: only those count as news. */
  visible: (entry: DocumentEntry) => boolean;
  intervalMs: number;
  now?: () => Date;
  /** False while no clinician may see patient data (signed out, screen locked): no polling. */
  active?: () => boolean;
}

/**
 * While the workstation runs, polls the record source for documents recorded since the last look
 * at each patient the current user follows (the DMP pushes nothing to professionals), and raises
 * one event per patient with news the user may see. Each poll is a search, so it passes the access
 * point like any other.
 */
export class DocumentWatcher {
  readonly #options: DocumentWatcherOptions;
  /** Since when each user last looked at each patient they follow (`actor|patientId`). */
  readonly #since = new Map<string, string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #running = false;

  constructor(options: DocumentWatcherOptions) {
    this.#options = options;
  }

  #now(): string {
    return (this.#options.now ?? (() => new Date()))().toISOString();
  }

  start(): void {
    this.#timer = setInterval(() => void this.poll(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Starts watching from now: what the user already saw is not news. */
  watchFrom(patientId: string, since: string): void {
    this.#since.set(`${this.#options.actor()}|${patientId}`, since);
  }

  async poll(): Promise<void> {
    if (this.#running || this.#options.active?.() === false) return;
    this.#running = true;
    const { source, watchList, access, events, logger, mayWatch, visible } = this.#options;
    const actor = this.#options.actor();
    try {
      for (const patientId of watchList.followed(actor)) {
        if (!mayWatch(patientId)) continue;
        const key = `${actor}|${patientId}`;
        // A patient not looked at yet by this user: news starts now.
        const since = this.#since.get(key) ?? this.#now();
        const checkedAt = this.#now();
        try {
          const changed = await access.run(
            { action: 'document.search', patientRef: patientId, target: 'watch' },
            () => source.changedSince(patientId, since),
          );
          this.#since.set(key, checkedAt);
          const count = changed.filter(visible).length;
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
