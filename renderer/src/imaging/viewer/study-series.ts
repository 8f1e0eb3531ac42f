import {
  dicomNumber,
  dicomString,
  dicomUid,
  Tag,
  type DicomJsonDataset,
} from '../../../../shared/dicom/dicom-json';
import { isImageModality } from '../../../../shared/imaging/series-model';
import { searchSeries } from '../loading/dicomweb-queries';

/** A series as the study browser lists it (QIDO-RS), before its metadata is loaded. */
export interface SeriesSummary {
  seriesInstanceUid: string;
  modality: string | undefined;
  description: string | undefined;
  number: number | undefined;
  instanceCount: number | undefined;
}

export function seriesSummary(item: DicomJsonDataset): SeriesSummary | undefined {
  const seriesInstanceUid = dicomUid(item, Tag.seriesInstanceUid);
  if (!seriesInstanceUid) return undefined;
  return {
    seriesInstanceUid,
    modality: dicomString(item, Tag.modality),
    description: dicomString(item, Tag.seriesDescription),
    number: dicomNumber(item, Tag.seriesNumber),
    instanceCount: dicomNumber(item, Tag.seriesRelatedInstances),
  };
}

/** The study's image series, in series-number order. */
export async function listImageSeries(
  gatewayBase: string,
  studyInstanceUid: string,
  signal?: AbortSignal,
): Promise<SeriesSummary[]> {
  const found = await searchSeries(gatewayBase, studyInstanceUid, signal);
  return found
    .map(seriesSummary)
    .filter(
      (series): series is SeriesSummary => series !== undefined && isImageModality(series.modality),
    )
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}

/** The series a radiologist opens first: the one with the most images. */
export function mainSeries(series: readonly SeriesSummary[]): SeriesSummary | undefined {
  return [...series].sort((a, b) => (b.instanceCount ?? 0) - (a.instanceCount ?? 0))[0];
}
