import { cache, Enums, utilities } from '@cornerstonejs/core';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import { parseDicomJsonList } from '../../../../shared/dicom/dicom-json';
import { ImagingError } from '../../../../shared/imaging/imaging-error';
import { frameImageId } from '../cornerstone/frame-loader';
import { initCornerstone } from '../cornerstone/init-cornerstone';
import { gatewayGet, gatewayJson } from '../loading/imaging-fetch';

/** Thumbnails load two at a time, after the list is shown, so they never hold up frames. */
const CONCURRENCY = 2;
const THUMBNAIL_PIXELS = 128;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** A rendered image of one instance, as an object URL (the caller revokes it). */
export function loadThumbnail(url: string, signal: AbortSignal): Promise<string> {
  return slot(async () => {
    signal.throwIfAborted();
    const response = await gatewayGet(url, 'image/jpeg', signal);
    const blob = await response.blob();
    return URL.createObjectURL(blob);
  });
}

/**
 * Decodes an instance's first frame through the same loader as the viewer, at thumbnail priority,
 * and returns it as an image object URL (the caller revokes it). The decoded image is not kept.
 */
export function decodeThumbnail(
  gatewayBase: string,
  studyUid: string,
  seriesUid: string,
  sopUid: string,
  signal: AbortSignal,
): Promise<string> {
  return slot(async () => {
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
    wadors.metaDataManager.add(imageId, metadata as never);
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
      if (cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId);
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new ImagingError('bad-frame');
    return URL.createObjectURL(blob);
  });
}
