import {
  dicomNumber,
  dicomString,
  dicomStrings,
  isDicomJsonDataset,
  Tag,
  type DicomJsonDataset,
} from './dicom-json';
import type { StudySummary } from '../domain/study';

function count(item: DicomJsonDataset, tag: string): number | undefined {
  const value = dicomNumber(item, tag);
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
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
  if (!isDicomJsonDataset(raw)) return undefined;
  const item = raw;
  const uid = dicomString(item, Tag.studyInstanceUid);
  if (!uid || !/^[0-9.]{1,64}$/.test(uid)) return undefined;
  const modalities = dicomStrings(item, Tag.modalitiesInStudy);
  const summary: StudySummary = { sourceId, studyInstanceUid: uid, modalities };
  const date = isoDate(dicomString(item, Tag.studyDate), dicomString(item, Tag.studyTime));
  const optional = {
    date,
    description: dicomString(item, Tag.studyDescription),
    accessionNumber: dicomString(item, Tag.accessionNumber),
    bodyPart: dicomString(item, Tag.bodyPart),
    referringPhysician: dicomString(item, Tag.referringPhysicianName),
    seriesCount: count(item, Tag.studyRelatedSeries),
    instanceCount: count(item, Tag.studyRelatedInstances),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (summary as Record<string, unknown>)[key] = value;
  }
  return summary;
}
