import type { StudySummary } from '../domain/study';

/** DICOM JSON (PS3.18 F.2) as QIDO-RS returns it: tag -> { vr, Value }. */
type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

const TAG = {
  studyDate: '00080020',
  studyTime: '00080030',
  accession: '00080050',
  modalitiesInStudy: '00080061',
  referring: '00080090',
  description: '00081030',
  studyUid: '0020000D',
  bodyPart: '00180015',
  seriesCount: '00201206',
  instanceCount: '00201208',
} as const;

function first(item: DicomJson, tag: string): unknown {
  return item[tag]?.Value?.[0];
}

function text(item: DicomJson, tag: string): string | undefined {
  const value = first(item, tag);
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && 'Alphabetic' in value) {
    const alphabetic = (value as { Alphabetic?: unknown }).Alphabetic;
    return typeof alphabetic === 'string' ? alphabetic.replaceAll('^', ' ').trim() : undefined;
  }
  return undefined;
}

function count(item: DicomJson, tag: string): number | undefined {
  const value = Number(first(item, tag));
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** YYYYMMDD (+ HHMMSS) to ISO, or undefined when it is not a date. */
function isoDate(date: string | undefined, time: string | undefined): string | undefined {
  const d = date?.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!d) return undefined;
  const t = time?.match(/^(\d{2})(\d{2})?(\d{2})?/);
  const day = `${d[1]}-${d[2]}-${d[3]}`;
  return t ? `${day}T${t[1]}:${t[2] ?? '00'}:${t[3] ?? '00'}` : day;
}

/** Maps one QIDO-RS study result; undefined when it has no usable Study Instance UID. */
export function studySummaryFromQido(raw: unknown, sourceId: string): StudySummary | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const item = raw as DicomJson;
  const uid = text(item, TAG.studyUid);
  if (!uid || !/^[0-9.]{1,64}$/.test(uid)) return undefined;
  const modalities = (item[TAG.modalitiesInStudy]?.Value ?? []).filter(
    (value): value is string => typeof value === 'string',
  );
  const summary: StudySummary = { sourceId, studyInstanceUid: uid, modalities };
  const date = isoDate(text(item, TAG.studyDate), text(item, TAG.studyTime));
  const optional = {
    date,
    description: text(item, TAG.description),
    accessionNumber: text(item, TAG.accession),
    bodyPart: text(item, TAG.bodyPart),
    referringPhysician: text(item, TAG.referring),
    seriesCount: count(item, TAG.seriesCount),
    instanceCount: count(item, TAG.instanceCount),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (summary as Record<string, unknown>)[key] = value;
  }
  return summary;
}
