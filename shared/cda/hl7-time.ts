const TS = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$/;

/**
 * HL7 v3 TS (`20140402145521+0200`, `20140402`, …) to ISO 8601 at the precision given. The
 * producer's offset is kept, so the wall-clock day of the act stays the one written in the report.
 */
export function hl7TimeToIso(ts: string): string | undefined {
  const match = TS.exec(ts.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, offset] = match;
  if (month && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day && (Number(day) < 1 || Number(day) > 31)) return undefined;
  if (hour && (Number(hour) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59)) {
    return undefined;
  }
  const date = [year, month, day].filter(Boolean).join('-');
  if (!hour || !day) return date;
  const time = `${hour}:${minute ?? '00'}${second ? `:${second}` : ''}`;
  const zone = offset ? `${offset.slice(0, 3)}:${offset.slice(3)}` : '';
  return `${date}T${time}${zone}`;
}
