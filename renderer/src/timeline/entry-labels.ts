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

/** Building a formatter costs far more than using one: one per locale and style, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

export function formatDate(
  locale: string,
  date: string | undefined,
  withTime = false,
): string | undefined {
  if (!date) return undefined;
  const time = Date.parse(date);
  if (Number.isNaN(time)) return undefined;
  return formatter(locale, {
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
  const label = formatter(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(time);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
