import { cache, Enums, utilities } from '@cornerstonejs/core';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import { dicomUid, parseDicomJsonList, Tag } from '../../../../shared/dicom/dicom-json';
import { ImagingError } from '../../../../shared/imaging/imaging-error';
import { frameImageId } from '../cornerstone/frame-loader';
import { initCornerstone } from '../cornerstone/init-cornerstone';
import { searchInstances } from '../loading/dicomweb-queries';
import { gatewayGet, gatewayJson } from '../loading/imaging-fetch';

/**
 * Thumbnails load two at a time, once no viewport is waiting for its first image, so that they
 * never hold up what the user looks at.
 */
const CONCURRENCY = 2;
const THUMBNAIL_PIXELS = 128;
let running = 0;
const waiting: (() => void)[] = [];
let holds = 0;
let released: Promise<void> = Promise.resolve();
let release: () => void = () => undefined;

/** Holds thumbnails back until the returned function is called (once per hold). */
export function holdThumbnails(): () => void {
  if (holds++ === 0) released = new Promise((resolve) => (release = resolve));
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--holds === 0) release();
  };
}

async function slot<T>(task: () => Promise<T>): Promise<T> {
  await released;
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The middle instance of a series: the one its thumbnail shows. */
async function middleInstance(
  gatewayBase: string,
  studyUid: string,
  seriesUid: string,
  instanceCount: number | undefined,
  signal: AbortSignal,
): Promise<string | undefined> {
  const offset = Math.floor((instanceCount ?? 1) / 2);
  const found = await searchInstances(gatewayBase, studyUid, seriesUid, signal, {
    limit: 1,
    offset,
  });
  return found[0] ? dicomUid(found[0], Tag.sopInstanceUid) : undefined;
}

async function renderedByPacs(url: string, signal: AbortSignal): Promise<string> {
  const response = await gatewayGet(url, 'image/jpeg', signal);
  return URL.createObjectURL(await response.blob());
}

/** Decodes an instance's first frame through the viewer's own loader, at thumbnail priority. */
async function decodedHere(
  gatewayBase: string,
  studyUid: string,
  seriesUid: string,
  sopUid: string,
  signal: AbortSignal,
): Promise<string> {
  await initCornerstone();
  const metadata = parseDicomJsonList(
    await gatewayJson(
      `${gatewayBase}studies/${studyUid}/series/${seriesUid}/instances/${sopUid}/metadata`,
      signal,
    ),
  )?.[0];
  if (!metadata) throw new ImagingError('malformed');
  signal.throwIfAborted();
  const imageId = frameImageId(gatewayBase, studyUid, seriesUid, sopUid, 1);
  const inViewer = cache.getImageLoadObject(imageId) !== undefined;
  if (!inViewer) wadors.metaDataManager.add(imageId, metadata as never);
  const canvas = document.createElement('canvas');
  canvas.width = THUMBNAIL_PIXELS;
  canvas.height = THUMBNAIL_PIXELS;
  try {
    await utilities.loadImageToCanvas({
      canvas,
      imageId,
      thumbnail: true,
      requestType: Enums.RequestType.Thumbnail,
    });
  } finally {
    // The decoded image is not kept, unless a viewport had it already.
    if (!inViewer && cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new ImagingError('bad-frame');
  return URL.createObjectURL(blob);
}

/**
 * A series' thumbnail as an object URL (the caller revokes it): the PACS's rendering of its middle
 * instance, or, where the PACS cannot render it (JPEG 2000, HTJ2K on Orthanc), that frame decoded
 * here. Undefined for a series without instances.
 */
export function seriesThumbnail(
  gatewayBase: string,
  studyUid: string,
  series: { seriesInstanceUid: string; instanceCount: number | undefined },
  signal: AbortSignal,
): Promise<string | undefined> {
  return slot(async () => {
    const seriesUid = series.seriesInstanceUid;
    const sopUid = await middleInstance(
      gatewayBase,
      studyUid,
      seriesUid,
      series.instanceCount,
      signal,
    );
    if (!sopUid) return undefined;
    const instance = `${gatewayBase}studies/${studyUid}/series/${seriesUid}/instances/${sopUid}`;
    return renderedByPacs(`${instance}/rendered`, signal).catch((error: unknown) => {
      if (signal.aborted) throw error;
      return decodedHere(gatewayBase, studyUid, seriesUid, sopUid, signal);
    });
  });
}
