import type { DocumentEntry } from '../domain/document';
import type { TimelineEntry } from './timeline-entry';

export interface TimelineFilter {
  /** Category codes (TRE_A03) to keep; empty keeps all. */
  categories: readonly string[];
  /** Type codes (LOINC and others) to keep; empty keeps all. */
  types: readonly string[];
  from?: string;
  to?: string;
  /** Matched against author name and organisation. */
  author: string;
  facility?: string;
  /** Free text over titles, metadata and the text of documents already retrieved. */
  text: string;
}

export const emptyFilter: TimelineFilter = { categories: [], types: [], author: '', text: '' };

/** Lower case without accents, so "créatinine" finds "CREATININE". */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export function documentsOf(entry: TimelineEntry): DocumentEntry[] {
  return entry.kind === 'document' ? [entry.document] : [...entry.reports, ...entry.manifests];
}

function metadataText(entry: TimelineEntry): string {
  const parts = documentsOf(entry).flatMap((document) => [
    document.title,
    document.type?.display,
    document.category?.display,
    document.author?.name,
    document.author?.organisation,
    document.facility?.display,
  ]);
  if (entry.kind === 'exam' && entry.study) {
    parts.push(entry.study.description, entry.study.bodyPart, ...entry.study.modalities);
  }
  return foldText(parts.filter(Boolean).join(' '));
}

/**
 * Applies the user's filters. `contentText` holds the searchable text of documents already
 * retrieved, keyed by logicalId, so search covers what the user has read without fetching more.
 */
export function filterTimeline(
  entries: readonly TimelineEntry[],
  filter: TimelineFilter,
  contentText: ReadonlyMap<string, string> = new Map(),
): TimelineEntry[] {
  const from = filter.from ? Date.parse(filter.from) : undefined;
  const to = filter.to ? Date.parse(`${filter.to}T23:59:59.999Z`) : undefined;
  const author = foldText(filter.author.trim());
  const words = foldText(filter.text.trim()).split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    const documents = documentsOf(entry);
    if (filter.categories.length > 0) {
      const codes =
        entry.kind === 'exam'
          ? ['31', ...documents.map((d) => d.category?.code)]
          : documents.map((d) => d.category?.code);
      if (!codes.some((code) => code !== undefined && filter.categories.includes(code)))
        return false;
    }
    if (
      filter.types.length > 0 &&
      !documents.some((d) => d.type && filter.types.includes(d.type.code))
    ) {
      return false;
    }
    const time = entry.date ? Date.parse(entry.date) : Number.NaN;
    if (from !== undefined && !(time >= from)) return false;
    if (to !== undefined && !(time <= to)) return false;
    if (
      author &&
      !documents.some((d) =>
        foldText(`${d.author?.name ?? ''} ${d.author?.organisation ?? ''}`).includes(author),
      )
    ) {
      return false;
    }
    if (filter.facility && !documents.some((d) => d.facility?.code === filter.facility))
      return false;
    if (words.length > 0) {
      const haystack = `${metadataText(entry)} ${documents.map((d) => foldText(contentText.get(d.logicalId) ?? '')).join(' ')}`;
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
}
