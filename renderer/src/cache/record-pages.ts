/**
 * Tables whose items are small and read a patient at a time (the document list) are kept in pages:
 * one stored row, sealed whole, holds up to MAX_PAGE_ITEMS items of one write. Each stored row
 * costs a WebCrypto call and its own bindings to open (about 10 µs in Chromium, measured): 2,000
 * documents a row each opened in 2 to 2.5 times plain Dexie's time, whatever was trimmed around
 * the calls. Eight pages open in less time than plain Dexie reads the 2,000 rows, since IndexedDB
 * itself spends most of its time per row.
 *
 * An item written again goes into a new page, with a higher generation than every page the
 * patient has: on reading, the newest generation holding an item wins. A page whose every item
 * is held by a newer one is deleted (see PageIndex), so pages do not pile up. A page is read,
 * altered or lost whole: one flipped byte makes its items absent, to be fetched again.
 */
export const MAX_PAGE_ITEMS = 250;

export interface PageItem {
  readonly id: string;
  readonly value: unknown;
}

/** A page as sealed: the items of one write, and its place among the patient's writes. */
export interface RecordPage {
  readonly generation: number;
  readonly items: readonly PageItem[];
}

/** A page read back: its row's key and fetch time beside what it holds. */
export interface StoredPage {
  readonly rowId: string;
  readonly storedAt: number;
  readonly page: RecordPage;
}

export interface ResolvedItem extends PageItem {
  readonly storedAt: number;
}

/** The items of one patient as they stand, and what that says of each page. */
export interface ResolvedPages {
  /** Each item once, from the newest page holding it. */
  readonly items: ResolvedItem[];
  /** The items each page still serves, for the pages that serve some. */
  readonly live: Map<string, Set<string>>;
  /** Pages whose every item is served by a newer page: to delete. */
  readonly superseded: string[];
  readonly generation: number;
}

export function isRecordPage(value: unknown): value is RecordPage {
  if (typeof value !== 'object' || value === null) return false;
  const { generation, items } = value as Partial<Record<keyof RecordPage, unknown>>;
  return (
    Number.isSafeInteger(generation) &&
    Array.isArray(items) &&
    items.every(
      (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as Partial<PageItem>).id === 'string' &&
        'value' in item,
    )
  );
}

/** Items to write, each once (the last given wins), in pages of at most MAX_PAGE_ITEMS. */
export function paginate(items: readonly PageItem[], generation: number): RecordPage[] {
  const unique = new Map<string, unknown>();
  for (const item of items) {
    unique.delete(item.id);
    unique.set(item.id, item.value);
  }
  const all = [...unique].map(([id, value]) => ({ id, value }));
  const pages: RecordPage[] = [];
  for (let start = 0; start < all.length; start += MAX_PAGE_ITEMS) {
    pages.push({
      generation: generation + pages.length,
      items: all.slice(start, start + MAX_PAGE_ITEMS),
    });
  }
  return pages;
}

/** Newest generation first; equal generations (never written so) by fetch time, then key. */
function newestFirst(a: StoredPage, b: StoredPage): number {
  return (
    b.page.generation - a.page.generation ||
    b.storedAt - a.storedAt ||
    (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0)
  );
}

export function resolvePages(pages: readonly StoredPage[]): ResolvedPages {
  const seen = new Set<string>();
  const items: ResolvedItem[] = [];
  const live = new Map<string, Set<string>>();
  const superseded: string[] = [];
  let generation = 0;
  for (const stored of [...pages].sort(newestFirst)) {
    generation = Math.max(generation, stored.page.generation);
    const served = new Set<string>();
    for (const item of stored.page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      served.add(item.id);
      items.push({ id: item.id, value: item.value, storedAt: stored.storedAt });
    }
    if (served.size > 0) live.set(stored.rowId, served);
    else superseded.push(stored.rowId);
  }
  return { items, live, superseded, generation };
}

/** What the cache knows of one patient's pages in one table, once it has read or written them. */
export interface PatientPages {
  /** The highest generation among them: the next write goes above it. */
  generation: number;
  /** The items each page still serves. */
  readonly live: Map<string, Set<string>>;
}

/**
 * Which items each known page still serves, so that a write can tell, without opening anything,
 * which older pages it leaves with nothing to serve. A patient's pages are learnt by reading them
 * all once (resolvePages), then kept up to date by each write. A page deleted by other means
 * (eviction, age, failing to open) may linger here: deleting it again is harmless, and the next
 * full read replaces what is known of the patient.
 */
export class PageIndex {
  /** By patient (blind key), then by table. */
  readonly #patients = new Map<string, Map<string, PatientPages>>();

  get(table: string, patient: string): PatientPages | undefined {
    return this.#patients.get(patient)?.get(table);
  }

  set(table: string, patient: string, pages: PatientPages): void {
    let tables = this.#patients.get(patient);
    if (!tables) this.#patients.set(patient, (tables = new Map()));
    tables.set(table, pages);
  }

  /** After a write: the new pages, and what they take over from the older ones. */
  written(
    table: string,
    patient: string,
    added: readonly { rowId: string; page: RecordPage }[],
    superseded: readonly string[],
  ): void {
    const known = this.get(table, patient);
    if (!known) return;
    for (const rowId of superseded) known.live.delete(rowId);
    for (const { page } of added) {
      for (const served of known.live.values()) {
        for (const item of page.items) served.delete(item.id);
      }
    }
    for (const { rowId, page } of added) {
      known.live.set(rowId, new Set(page.items.map((item) => item.id)));
      known.generation = Math.max(known.generation, page.generation);
    }
  }

  /** The known pages that a write of these items would leave serving nothing. */
  supersededBy(table: string, patient: string, ids: ReadonlySet<string>): string[] {
    const known = this.get(table, patient);
    if (!known) return [];
    const superseded: string[] = [];
    for (const [rowId, served] of known.live) {
      if ([...served].every((id) => ids.has(id))) superseded.push(rowId);
    }
    return superseded;
  }

  forgetPatient(patient: string): void {
    this.#patients.delete(patient);
  }
}
