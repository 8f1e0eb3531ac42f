/**
 * DICOM JSON (PS3.18 F.2), as QIDO-RS and WADO-RS metadata return it: tag -> { vr, Value }.
 * Accessors parse rather than trust: a missing or mistyped value reads as undefined.
 */
export type DicomJsonAttribute = { vr?: string; Value?: unknown; BulkDataURI?: string };

function valuesOf(item: DicomJsonDataset, tag: string): unknown[] | undefined {
  const values = item[tag]?.Value;
  return Array.isArray(values) ? values : undefined;
}
export type DicomJsonDataset = Record<string, DicomJsonAttribute | undefined>;

export function isDicomJsonDataset(value: unknown): value is DicomJsonDataset {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a QIDO-RS / WADO-RS metadata answer: an array of datasets, anything else refused. */
export function parseDicomJsonList(value: unknown): DicomJsonDataset[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.every(isDicomJsonDataset) ? value : undefined;
}

export function dicomString(item: DicomJsonDataset, tag: string): string | undefined {
  const value = valuesOf(item, tag)?.[0];
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'Alphabetic' in value) {
    const alphabetic = (value as { Alphabetic?: unknown }).Alphabetic;
    return typeof alphabetic === 'string' ? alphabetic.replaceAll('^', ' ').trim() : undefined;
  }
  return undefined;
}

/** Every string value of a multi-valued attribute (e.g. Modalities in Study). */
export function dicomStrings(item: DicomJsonDataset, tag: string): string[] {
  return (valuesOf(item, tag) ?? []).filter((value): value is string => typeof value === 'string');
}

export function dicomNumbers(item: DicomJsonDataset, tag: string): number[] | undefined {
  const values = valuesOf(item, tag);
  if (!values || values.length === 0) return undefined;
  const numbers = values.map(Number);
  return numbers.every(Number.isFinite) ? numbers : undefined;
}

export function dicomNumber(item: DicomJsonDataset, tag: string): number | undefined {
  return dicomNumbers(item, tag)?.[0];
}

export function dicomSequence(item: DicomJsonDataset, tag: string): DicomJsonDataset[] {
  return valuesOf(item, tag)?.filter(isDicomJsonDataset) ?? [];
}

const UID = /^[0-9]+(\.[0-9]+)*$/;

export function dicomUid(item: DicomJsonDataset, tag: string): string | undefined {
  const value = dicomString(item, tag);
  return value && value.length <= 64 && UID.test(value) ? value : undefined;
}

export const Tag = {
  sopClassUid: '00080016',
  sopInstanceUid: '00080018',
  studyDate: '00080020',
  studyTime: '00080030',
  accessionNumber: '00080050',
  modalitiesInStudy: '00080061',
  referringPhysicianName: '00080090',
  seriesDate: '00080021',
  modality: '00080060',
  studyDescription: '00081030',
  seriesDescription: '0008103E',
  retrieveUrl: '00081190',
  referencedSeriesSequence: '00081115',
  referencedSopSequence: '00081199',
  referencedSopClassUid: '00081150',
  referencedSopInstanceUid: '00081155',
  bodyPart: '00180015',
  sliceThickness: '00180050',
  studyInstanceUid: '0020000D',
  seriesInstanceUid: '0020000E',
  seriesNumber: '00200011',
  instanceNumber: '00200013',
  patientOrientation: '00200020',
  imagePositionPatient: '00200032',
  imageOrientationPatient: '00200037',
  frameOfReferenceUid: '00200052',
  sliceLocation: '00201041',
  studyRelatedSeries: '00201206',
  studyRelatedInstances: '00201208',
  seriesRelatedInstances: '00201209',
  samplesPerPixel: '00280002',
  photometricInterpretation: '00280004',
  numberOfFrames: '00280008',
  rows: '00280010',
  columns: '00280011',
  pixelSpacing: '00280030',
  bitsAllocated: '00280100',
  bitsStored: '00280101',
  pixelRepresentation: '00280103',
  windowCenter: '00281050',
  windowWidth: '00281051',
  rescaleIntercept: '00281052',
  rescaleSlope: '00281053',
  frameTime: '00181063',
  recommendedDisplayFrameRate: '00082144',
  cineRate: '00180040',
  valueType: '0040A040',
  relationshipType: '0040A010',
  contentSequence: '0040A730',
  evidenceSequence: '0040A375',
} as const;
