import { z } from 'zod';
import type { Logger } from '../logging/logger';
import { readJsonState, writeJsonState } from '../storage/json-file';
import { auditEventOf, type AuditEventResource } from './audit-event';
import type { AuditJournal } from './journal';

/** Where AuditEvents go: the record source's FHIR endpoint. */
export interface AuditSink {
  create(type: 'AuditEvent', resource: AuditEventResource, signal?: AbortSignal): Promise<unknown>;
}

const cursorSchema = z.object({ sent: z.number().int().nonnegative() });

/**
 * Sends the journal's records, as AuditEvents, to the record source, in order. The journal is the
 * queue: a file remembers how far sending got, so records written while the endpoint is down (or
 * the workstation off) go out once it answers again, and none is lost or sent twice in order.
 */
export class AuditForwarder {
  readonly #journal: AuditJournal;
  readonly #sink: AuditSink;
  readonly #cursorFile: string;
  readonly #workstation: string;
  readonly #logger: Logger;
  #running: Promise<number> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: {
    journal: AuditJournal;
    sink: AuditSink;
    cursorFile: string;
    workstation: string;
    logger: Logger;
  }) {
    this.#journal = options.journal;
    this.#sink = options.sink;
    this.#cursorFile = options.cursorFile;
    this.#workstation = options.workstation;
    this.#logger = options.logger;
  }

  /** How many records have been accepted by the endpoint so far. */
  sent(): number {
    return readJsonState(this.#cursorFile, cursorSchema, { sent: 0 }).sent;
  }

  /** Sends what is pending; resolves with how many went out this time. One run at a time. */
  flush(): Promise<number> {
    this.#running ??= this.#send().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #send(): Promise<number> {
    let sent = this.sent();
    const pending = this.#journal.read().records.filter((record) => record.seq > sent);
    let count = 0;
    for (const record of pending) {
      try {
        await this.#sink.create(
          'AuditEvent',
          auditEventOf(record, this.#workstation, this.#journal.openNote(record)),
        );
      } catch (error) {
        // Kept in the journal: the next flush starts from here.
        this.#logger.warn('audit.forward-failed', {
          pending: pending.length - count,
          error: (error as Error).name,
        });
        break;
      }
      sent = record.seq;
      count++;
      writeJsonState(this.#cursorFile, { sent });
    }
    return count;
  }
}
