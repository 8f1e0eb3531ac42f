/** Calendar helpers in Europe/Paris local time, computed without the host time zone. */

function lastSundayOfMonth(year: number, monthIndex: number): number {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** UTC offset in Paris on a given date at daytime hours: +02:00 between the last Sundays of March and October. */
function parisOffset(isoDate: string): '+01:00' | '+02:00' {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const afterStart = month > 3 || (month === 3 && day >= lastSundayOfMonth(year, 2));
  const beforeEnd = month < 10 || (month === 10 && day < lastSundayOfMonth(year, 9));
  return afterStart && beforeEnd ? '+02:00' : '+01:00';
}

/** FHIR instant, e.g. 2026-09-14T10:32:00+02:00. */
export function fhirInstant(isoDate: string, hhmm: string): string {
  return `${isoDate}T${hhmm}:00${parisOffset(isoDate)}`;
}

/** HL7 v3 TS with offset, e.g. 20260914103200+0200. */
export function hl7Timestamp(isoDate: string, hhmm: string): string {
  return `${isoDate.replaceAll('-', '')}${hhmm.replace(':', '')}00${parisOffset(isoDate).replace(':', '')}`;
}

/** DICOM DA. */
export function dicomDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round(
    (Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / 86_400_000,
  );
}

/** Age in whole years on a date, as DICOM AS (e.g. 068Y). */
export function dicomAge(birthIsoDate: string, onIsoDate: string): string {
  const [by, bm, bd] = birthIsoDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onIsoDate.split('-').map(Number) as [number, number, number];
  const years = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return `${String(years).padStart(3, '0')}Y`;
}

export function hhmm(hours: number, minutes: number): string {
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Adds minutes to HH:MM, staying within the day. */
export function addMinutes(time: string, minutes: number): string {
  const [hours, mins] = time.split(':').map(Number) as [number, number];
  const total = Math.min(23 * 60 + 59, hours * 60 + mins + minutes);
  return hhmm(Math.floor(total / 60), total % 60);
}
