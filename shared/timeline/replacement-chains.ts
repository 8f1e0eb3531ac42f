import type { DocumentEntry } from '../domain/document';

export interface ResolvedDocument {
  document: DocumentEntry;
  /** Versions this one replaced, newest first. */
  history: DocumentEntry[];
}

function newer(a: DocumentEntry, b: DocumentEntry): boolean {
  if (a.status !== b.status) return a.status === 'current';
  return (a.recordedAt ?? '') > (b.recordedAt ?? '');
}

/**
 * Keeps one entry per document: duplicates of the same uniqueId (the same CDA arriving twice) are
 * merged, and each replacement chain is followed to its latest version, with the versions it
 * replaced reachable as its history.
 */
export function resolveReplacements(documents: readonly DocumentEntry[]): ResolvedDocument[] {
  const byUniqueId = new Map<string, DocumentEntry>();
  for (const document of documents) {
    const seen = byUniqueId.get(document.uniqueId);
    if (!seen || newer(document, seen)) byUniqueId.set(document.uniqueId, document);
  }
  const unique = [...byUniqueId.values()];
  const byLogicalId = new Map(unique.map((document) => [document.logicalId, document]));
  const replaced = new Set(unique.flatMap((document) => document.replaces));

  const historyOf = (document: DocumentEntry): DocumentEntry[] => {
    const history: DocumentEntry[] = [];
    const visited = new Set([document.logicalId]);
    let frontier = document.replaces;
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const id of frontier) {
        const previous = byLogicalId.get(id);
        if (!previous || visited.has(id)) continue;
        visited.add(id);
        history.push(previous);
        next.push(...previous.replaces);
      }
      frontier = next;
    }
    return history;
  };

  return unique
    .filter((document) => !replaced.has(document.logicalId))
    .map((document) => ({ document, history: historyOf(document) }));
}
