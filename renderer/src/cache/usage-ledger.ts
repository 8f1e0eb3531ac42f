import type { RecordTable, UsageEntry, UsageRow } from './cache-database';

function entryKey(table: RecordTable, id: string): string {
  return `${table}/${id}`;
}

/**
 * The cache's usage, in memory: what each item weighs, when it was stored and last read, by
 * patient. Eviction and the age limit decide from here without opening any record; the rows of
 * the patients whose entries changed are written back in batches (`takeChanged`).
 */
export class UsageLedger {
  readonly #entries = new Map<string, { patient: string; entry: UsageEntry }>();
  readonly #byPatient = new Map<string, Set<string>>();
  readonly #changed = new Set<string>();
  #total = 0;

  /** Bytes of every entry together. */
  get total(): number {
    return this.#total;
  }

  load(rows: readonly UsageRow[]): void {
    for (const row of rows) for (const entry of row.entries) this.#put(row.patient, entry);
  }

  has(table: RecordTable, id: string): boolean {
    return this.#entries.has(entryKey(table, id));
  }

  entry(table: RecordTable, id: string): UsageEntry | undefined {
    return this.#entries.get(entryKey(table, id))?.entry;
  }

  add(patient: string, entry: UsageEntry): void {
    this.#put(patient, entry);
    this.#changed.add(patient);
  }

  touch(table: RecordTable, id: string, now: number): void {
    const found = this.#entries.get(entryKey(table, id));
    if (!found) return;
    found.entry.lastAccess = now;
    this.#changed.add(found.patient);
  }

  remove(table: RecordTable, id: string): void {
    const key = entryKey(table, id);
    const found = this.#entries.get(key);
    if (!found) return;
    this.#entries.delete(key);
    this.#byPatient.get(found.patient)?.delete(key);
    this.#total -= found.entry.size;
    this.#changed.add(found.patient);
  }

  ofPatient(patient: string): UsageEntry[] {
    return [...(this.#byPatient.get(patient) ?? [])].flatMap((key) => {
      const found = this.#entries.get(key);
      return found ? [found.entry] : [];
    });
  }

  /** Entries, least recently used first, until they weigh at least `bytes`. */
  leastRecentlyUsed(bytes: number): UsageEntry[] {
    const entries = [...this.#entries.values()]
      .map(({ entry }) => entry)
      .sort((a, b) => a.lastAccess - b.lastAccess);
    const chosen: UsageEntry[] = [];
    let freed = 0;
    for (const entry of entries) {
      if (freed >= bytes) break;
      chosen.push(entry);
      freed += entry.size;
    }
    return chosen;
  }

  storedBefore(time: number): UsageEntry[] {
    return [...this.#entries.values()]
      .map(({ entry }) => entry)
      .filter((entry) => entry.storedAt < time);
  }

  /** The rows to write back for the patients whose entries changed; an empty row is deleted. */
  takeChanged(): UsageRow[] {
    const rows = [...this.#changed].map((patient) => ({
      patient,
      entries: this.ofPatient(patient).map((entry) => ({ ...entry })),
    }));
    this.#changed.clear();
    return rows;
  }

  /** Rows that could not be written are written with the next batch. */
  markChanged(patients: readonly string[]): void {
    for (const patient of patients) this.#changed.add(patient);
  }

  #put(patient: string, entry: UsageEntry): void {
    this.remove(entry.table, entry.id);
    const key = entryKey(entry.table, entry.id);
    this.#entries.set(key, { patient, entry: { ...entry } });
    let keys = this.#byPatient.get(patient);
    if (!keys) this.#byPatient.set(patient, (keys = new Set()));
    keys.add(key);
    this.#total += entry.size;
  }
}
