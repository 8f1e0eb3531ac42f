import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coded, DocumentEntry } from '../../../shared/domain/document';
import type { FilterChoices } from './TimelineFilters';

function distinct(codes: (Coded | undefined)[], label: (coded: Coded) => string) {
  const byCode = new Map<string, string>();
  for (const coded of codes)
    if (coded && !byCode.has(coded.code)) byCode.set(coded.code, label(coded));
  return [...byCode]
    .map(([code, text]) => ({ code, label: text }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The categories, types and facilities present in the loaded documents, labelled in the UI language. */
export function useFilterChoices(documents: readonly DocumentEntry[]): FilterChoices {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      categories: distinct(
        documents.map((d) => d.category),
        (c) => t(`documentCategories.${c.code}`, { defaultValue: c.display ?? c.code }),
      ),
      types: distinct(
        documents.map((d) => d.type),
        (c) => t(`documentTypes.${c.code}`, { defaultValue: c.display ?? c.code }),
      ),
      facilities: distinct(
        documents.map((d) => d.facility),
        (c) => c.display ?? c.code,
      ),
    }),
    [documents, t],
  );
}
