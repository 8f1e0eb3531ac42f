import { z } from 'zod';
import { readJsonState, writeJsonState } from '../storage/json-file';

const visitsSchema = z.record(z.string(), z.record(z.string(), z.iso.datetime()));

/**
 * When each user last opened each patient's record at this workstation: what "new since my last
 * visit" is measured from. Keyed by the source's opaque patient id, never a name or an INS.
 */
export class VisitStore {
  readonly #file: string;
  readonly #visits: z.infer<typeof visitsSchema>;

  constructor(file: string) {
    this.#file = file;
    this.#visits = readJsonState(file, visitsSchema, {});
  }

  lastVisit(actor: string, patientId: string): string | undefined {
    return this.#visits[actor]?.[patientId];
  }

  /** Records a visit now and returns the previous one. */
  visit(actor: string, patientId: string, now: Date = new Date()): string | undefined {
    const previous = this.lastVisit(actor, patientId);
    this.#visits[actor] = { ...this.#visits[actor], [patientId]: now.toISOString() };
    writeJsonState(this.#file, this.#visits);
    return previous;
  }
}
