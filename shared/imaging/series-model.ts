import {
  dicomNumber,
  dicomNumbers,
  dicomString,
  dicomUid,
  Tag,
  type DicomJsonDataset,
} from '../dicom/dicom-json';

/** One displayable frame of a series, in display order. */
export interface SeriesImage {
  sopInstanceUid: string;
  /** 1-based frame number inside its instance. */
  frame: number;
  /** Position of the image along the series' normal (mm), when the geometry allows it. */
  position: number | undefined;
  /** The instance's DICOM JSON metadata, given to the image loader. */
  metadata: DicomJsonDataset;
}

export interface SeriesModel {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string;
  description: string | undefined;
  number: number | undefined;
  frameOfReferenceUid: string | undefined;
  images: SeriesImage[];
  rows: number;
  columns: number;
  /** Distance between consecutive images (mm), when regular. */
  spacing: number | undefined;
  sliceThickness: number | undefined;
  /** True for a stack of parallel, evenly spaced single-frame images of one size: MPR is possible. */
  reconstructable: boolean;
  /** Patient Orientation (0020,0020) of images without a plane (projection radiographs). */
  patientOrientation: [string, string] | undefined;
  /** Multi-frame instance meant to be played (US, XA, dynamic). */
  cine: { framesPerSecond: number } | undefined;
}

const NOT_IMAGES = new Set(['KO', 'PR', 'SR', 'SEG', 'RTSTRUCT', 'DOC']);

export function isImageModality(modality: string | undefined): boolean {
  return modality !== undefined && !NOT_IMAGES.has(modality);
}

function normalOf(orientation: number[]): [number, number, number] | undefined {
  if (orientation.length !== 6) return undefined;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = orientation;
  const n: [number, number, number] = [b * f - c * e, c * d - a * f, a * e - b * d];
  const length = Math.hypot(...n);
  if (length <= 0.5) return undefined;
  // Pointing to the head, the front or the patient's right (whichever axis dominates), so that
  // display order is head first, front first, right first whatever the acquisition's direction.
  const main = [0, 1, 2].reduce((best, axis) =>
    Math.abs(n[axis] ?? 0) > Math.abs(n[best] ?? 0) ? axis : best,
  );
  const towards = main === 2 ? 1 : -1;
  const sign = Math.sign(n[main] ?? 0) === towards ? 1 : -1;
  return [(sign * n[0]) / length, (sign * n[1]) / length, (sign * n[2]) / length];
}

function sameVector(a: number[] | undefined, b: number[] | undefined, tolerance: number): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((value, i) => Math.abs(value - (b[i] ?? Number.NaN)) <= tolerance);
}

function framesPerSecond(item: DicomJsonDataset): number {
  const frameTime = dicomNumber(item, Tag.frameTime);
  if (frameTime && frameTime > 0) return Math.round(1000 / frameTime);
  const rate =
    dicomNumber(item, Tag.recommendedDisplayFrameRate) ?? dicomNumber(item, Tag.cineRate);
  return rate && rate > 0 ? rate : 15;
}

/**
 * Builds a series from its WADO-RS metadata: images in display order (from head to feet, front to
 * back, right to left along the series' normal, else by instance number), and what the viewer may
 * do with them. Instances without a usable UID or size are left out.
 */
export function buildSeriesModel(instances: readonly DicomJsonDataset[]): SeriesModel | undefined {
  const usable = instances.filter(
    (item) =>
      dicomUid(item, Tag.sopInstanceUid) !== undefined &&
      (dicomNumber(item, Tag.rows) ?? 0) > 0 &&
      (dicomNumber(item, Tag.columns) ?? 0) > 0,
  );
  const first = usable[0];
  if (!first) return undefined;
  const studyInstanceUid = dicomUid(first, Tag.studyInstanceUid);
  const seriesInstanceUid = dicomUid(first, Tag.seriesInstanceUid);
  if (!studyInstanceUid || !seriesInstanceUid) return undefined;

  const orientation = dicomNumbers(first, Tag.imageOrientationPatient);
  const normal = orientation ? normalOf(orientation) : undefined;
  const positionOf = (item: DicomJsonDataset): number | undefined => {
    const position = dicomNumbers(item, Tag.imagePositionPatient);
    if (!normal || !position || position.length !== 3) return undefined;
    return position.reduce((sum, value, i) => sum + value * (normal[i] ?? 0), 0);
  };
  const sorted = [...usable].sort((a, b) => {
    const pa = positionOf(a);
    const pb = positionOf(b);
    if (pa !== undefined && pb !== undefined && pa !== pb) return pb - pa;
    return (dicomNumber(a, Tag.instanceNumber) ?? 0) - (dicomNumber(b, Tag.instanceNumber) ?? 0);
  });

  const images: SeriesImage[] = sorted.flatMap((item) => {
    const sopInstanceUid = dicomUid(item, Tag.sopInstanceUid) ?? '';
    const frames = Math.max(1, Math.min(dicomNumber(item, Tag.numberOfFrames) ?? 1, 10_000));
    return Array.from({ length: frames }, (_, i) => ({
      sopInstanceUid,
      frame: i + 1,
      position: frames === 1 ? positionOf(item) : undefined,
      metadata: item,
    }));
  });

  const rows = dicomNumber(first, Tag.rows) ?? 0;
  const columns = dicomNumber(first, Tag.columns) ?? 0;
  const positions = images.map((image) => image.position);
  const gaps = positions
    .slice(1)
    .map((position, i) =>
      position !== undefined && positions[i] !== undefined ? positions[i] - position : undefined,
    );
  const spacing = gaps[0];
  const regular =
    spacing !== undefined &&
    spacing > 0 &&
    gaps.every((gap) => gap !== undefined && Math.abs(gap - spacing) <= spacing * 0.01 + 0.001);
  const singleFrames = sorted.length === images.length;
  const reconstructable =
    singleFrames &&
    images.length >= 3 &&
    regular &&
    sorted.every(
      (item) =>
        dicomNumber(item, Tag.rows) === rows &&
        dicomNumber(item, Tag.columns) === columns &&
        sameVector(dicomNumbers(item, Tag.imageOrientationPatient), orientation, 1e-4),
    );
  const multiFrame = sorted.length === 1 && images.length > 1;
  const orientationValues = first[Tag.patientOrientation]?.Value;
  const patientOrientation =
    Array.isArray(orientationValues) &&
    orientationValues.length === 2 &&
    orientationValues.every((value) => typeof value === 'string')
      ? ([orientationValues[0], orientationValues[1]] as [string, string])
      : undefined;
  const modality = dicomString(first, Tag.modality) ?? 'OT';

  return {
    studyInstanceUid,
    seriesInstanceUid,
    modality,
    description: dicomString(first, Tag.seriesDescription),
    number: dicomNumber(first, Tag.seriesNumber),
    frameOfReferenceUid: dicomUid(first, Tag.frameOfReferenceUid),
    images,
    rows,
    columns,
    spacing: regular ? spacing : undefined,
    sliceThickness: dicomNumber(first, Tag.sliceThickness),
    reconstructable,
    patientOrientation,
    cine: multiFrame ? { framesPerSecond: framesPerSecond(first) } : undefined,
  };
}
