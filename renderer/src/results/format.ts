import type { TFunction } from 'i18next';
import type { LabResult } from '../../../shared/cda/lab-results';

/** Formatters are costly to build and a long series formats thousands of values: built once each. */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, locale: string, options: object, build: () => F): F {
  const key = `${locale}|${JSON.stringify(options)}`;
  const found = cache.get(key);
  if (found) return found;
  const built = build();
  cache.set(key, built);
  return built;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** Digits the laboratory printed after the decimal point: `1.950` keeps three. */
function printedDecimals(valueText: string): number | undefined {
  if (/e/i.test(valueText)) return undefined;
  return Math.min(valueText.split('.')[1]?.length ?? 0, 10);
}

/** The value in the reader's locale at the laboratory's precision; non-numeric results as written. */
export function formatValue(result: LabResult, locale: string): string {
  if (result.value === undefined) return result.valueText;
  const decimals = printedDecimals(result.valueText);
  return numberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals ?? 6,
  }).format(result.value);
}

export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}

/** A date-only ISO value is a calendar day, not UTC midnight: formatted without a time zone shift. */
export function formatDate(iso: string, locale: string): string {
  const dateOnly = !iso.includes('T');
  return dateFormat(locale, {
    dateStyle: 'medium',
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(new Date(iso));
}

export function formatTick(time: number, locale: string, options: Intl.DateTimeFormatOptions) {
  return dateFormat(locale, options).format(time);
}

export function formatRange(
  low: number | undefined,
  high: number | undefined,
  locale: string,
  t: TFunction,
): string | undefined {
  if (low !== undefined && high !== undefined) {
    return t('results.range.between', {
      low: formatNumber(low, locale),
      high: formatNumber(high, locale),
    });
  }
  if (low !== undefined) return t('results.range.atLeast', { low: formatNumber(low, locale) });
  if (high !== undefined) return t('results.range.atMost', { high: formatNumber(high, locale) });
  return undefined;
}
