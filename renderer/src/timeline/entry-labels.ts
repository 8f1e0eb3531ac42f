import type { TFunction } from 'i18next';
import type { DocumentEntry } from '../../../shared/domain/document';

/** The French (or English) label of a document type: ours for known codes, the producer's otherwise. */
export function documentTypeLabel(t: TFunction, document: DocumentEntry): string {
  const code = document.type?.code;
  if (code) {
    const label = t(`documentTypes.${code}`, { defaultValue: '' });
    if (label) return label;
  }
  return document.type?.display ?? t('timeline.unknownType');
}

export function formatDate(
  locale: string,
  date: string | undefined,
  withTime = false,
): string | undefined {
  if (!date) return undefined;
  const time = Date.parse(date);
  if (Number.isNaN(time)) return undefined;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Paris',
  }).format(time);
}

/** "Novembre 2026": the period a timeline row is grouped under. */
export function periodLabel(locale: string, date: string | undefined): string | undefined {
  if (!date) return undefined;
  const time = Date.parse(date);
  if (Number.isNaN(time)) return undefined;
  const label = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(time);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
