import { hl7TimeToIso } from '../../../../shared/cda/hl7-time';

const ISO_PARTS = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?/;

/**
 * An HL7 TS shown with the precision it carries, in the reader's language, at the wall-clock time
 * the author wrote (the offset is not applied).
 */
export function formatHl7Time(value: string | undefined, locale: string): string | undefined {
  const match = value ? ISO_PARTS.exec(hl7TimeToIso(value) ?? '') : null;
  if (!match) return value;
  const [, year, month, day, hour, minute] = match.map((part) =>
    part === undefined ? undefined : Number(part),
  );
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month !== undefined) options.month = day === undefined ? 'long' : '2-digit';
  if (day !== undefined) options.day = '2-digit';
  if (hour !== undefined) {
    options.hour = '2-digit';
    options.minute = '2-digit';
  }
  return new Intl.DateTimeFormat(locale, options).format(date);
}
