import { z } from 'zod';
import { readJsonState, writeJsonState } from '../storage/json-file';

const watchSchema = z.record(z.string(), z.array(z.string()));

/** The patients each user follows at this workstation, by the source's opaque id. */
export class WatchList {
  readonly #file: string;
  readonly #followed: z.infer<typeof watchSchema>;

  constructor(file: string) {
    this.#file = file;
    this.#followed = readJsonState(file, watchSchema, {});
  }

  isFollowing(actor: string, patientId: string): boolean {
    return this.#followed[actor]?.includes(patientId) ?? false;
  }

  followed(actor: string): string[] {
    return [...(this.#followed[actor] ?? [])];
  }

  set(actor: string, patientId: string, follow: boolean): boolean {
    const current = new Set(this.#followed[actor] ?? []);
    if (follow) current.add(patientId);
    else current.delete(patientId);
    this.#followed[actor] = [...current];
    writeJsonState(this.#file, this.#followed);
    return follow;
  }
}
