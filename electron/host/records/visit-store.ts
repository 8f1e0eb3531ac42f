import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const visitsSchema = z.record(z.string(), z.record(z.string(), z.iso.datetime()));

/**
 * When each user last opened each patient's record at this workstation: what "new since my last
 * visit" is measured from. Keyed by the source's opaque patient id, never a name or an INS.
 */
export class VisitStore {
  readonly #file: string;
  #visits: z.infer<typeof visitsSchema>;

  constructor(file: string) {
    this.#file = file;
    mkdirSync(dirname(file), { recursive: true });
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      raw = {};
    }
    const parsed = visitsSchema.safeParse(raw);
    this.#visits = parsed.success ? parsed.data : {};
  }

  lastVisit(actor: string, patientId: string): string | undefined {
    return this.#visits[actor]?.[patientId];
  }

  /** Records a visit now and returns the previous one. */
  visit(actor: string, patientId: string, now: Date = new Date()): string | undefined {
    const previous = this.lastVisit(actor, patientId);
    this.#visits[actor] = { ...this.#visits[actor], [patientId]: now.toISOString() };
    const temporary = `${this.#file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.#visits), { mode: 0o600 });
    renameSync(temporary, this.#file);
    return previous;
  }
}
