import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const watchSchema = z.record(z.string(), z.array(z.string()));

/** The patients each user follows at this workstation, by the source's opaque id. */
export class WatchList {
  readonly #file: string;
  #followed: z.infer<typeof watchSchema>;

  constructor(file: string) {
    this.#file = file;
    mkdirSync(dirname(file), { recursive: true });
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      raw = {};
    }
    const parsed = watchSchema.safeParse(raw);
    this.#followed = parsed.success ? parsed.data : {};
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
    const temporary = `${this.#file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.#followed), { mode: 0o600 });
    renameSync(temporary, this.#file);
    return follow;
  }
}
