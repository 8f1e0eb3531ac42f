import { parseDicomJsonList, type DicomJsonDataset } from '../../../../shared/dicom/dicom-json';
import { ImagingError } from '../../../../shared/imaging/imaging-error';
import { buildSeriesModel, type SeriesModel } from '../../../../shared/imaging/series-model';
import { gatewayJson } from './imaging-fetch';

/** DICOMweb reads of one study through the gateway, parsed before use. */

async function datasets(url: string, signal?: AbortSignal): Promise<DicomJsonDataset[]> {
  const list = parseDicomJsonList(await gatewayJson(url, signal));
  if (!list) throw new ImagingError('malformed');
  return list;
}

/** QIDO-RS: the study's series. */
export function searchSeries(
  gatewayBase: string,
  studyUid: string,
  signal?: AbortSignal,
): Promise<DicomJsonDataset[]> {
  return datasets(
    `${gatewayBase}studies/${studyUid}/series?includefield=00080021&includefield=00201209`,
    signal,
  );
}

/** QIDO-RS: the series' instances, or a page of them. */
export function searchInstances(
  gatewayBase: string,
  studyUid: string,
  seriesUid: string,
  signal?: AbortSignal,
  page?: { limit: number; offset: number },
): Promise<DicomJsonDataset[]> {
  const query = page ? `?limit=${page.limit}&offset=${page.offset}` : '';
  return datasets(
    `${gatewayBase}studies/${studyUid}/series/${seriesUid}/instances${query}`,
    signal,
  );
}

/** WADO-RS series metadata, then the series model built from it. */
export async function loadSeriesModel(
  gatewayBase: string,
  studyUid: string,
  seriesUid: string,
  signal?: AbortSignal,
): Promise<SeriesModel> {
  const instances = await datasets(
    `${gatewayBase}studies/${studyUid}/series/${seriesUid}/metadata`,
    signal,
  );
  const model = buildSeriesModel(instances);
  if (!model) throw new ImagingError('malformed', undefined, 'series without displayable images');
  return model;
}
