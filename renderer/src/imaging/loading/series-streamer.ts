import { cache, Enums, imageLoader } from '@cornerstonejs/core';
import { imagingErrorOf, type ImagingError } from '../../../../shared/imaging/imaging-error';

export interface StreamProgress {
  loaded: number;
  failed: number;
  total: number;
  lastError: ImagingError | undefined;
}

/** How many frames of one series are fetched at once in the background. */
const CONCURRENCY = 6;

/**
 * Streams a series' frames into the image cache in the background, nearest to the shown image
 * first, at prefetch priority (an image the user scrolls to goes ahead as an interaction).
 * `stop()` cancels what has not started and abandons what is in flight.
 */
export function streamSeries(
  imageIds: readonly string[],
  startIndex: number,
  onProgress: (progress: StreamProgress) => void,
): { stop(): void; retryFailed(): void } {
  let stopped = false;
  const order = [...imageIds.keys()].sort(
    (a, b) => Math.abs(a - startIndex) - Math.abs(b - startIndex) || a - b,
  );
  const progress: StreamProgress = {
    loaded: 0,
    failed: 0,
    total: imageIds.length,
    lastError: undefined,
  };
  const failed = new Set<string>();
  let queue = order.map((index) => imageIds[index] ?? '');

  const report = () => onProgress({ ...progress });
  const pump = async () => {
    while (!stopped) {
      const imageId = queue.shift();
      if (imageId === undefined) return;
      if (cache.getImageLoadObject(imageId)) {
        progress.loaded++;
        report();
        continue;
      }
      try {
        await imageLoader.loadAndCacheImage(imageId, {
          priority: 0,
          requestType: Enums.RequestType.Prefetch,
        });
        if (stopped) return;
        progress.loaded++;
      } catch (error) {
        if (stopped) return;
        failed.add(imageId);
        progress.failed++;
        progress.lastError = imagingErrorOf(error);
      }
      report();
    }
  };
  const start = () => {
    for (let i = 0; i < CONCURRENCY; i++) void pump();
  };
  start();
  return {
    stop() {
      stopped = true;
      for (const imageId of queue) imageLoader.cancelLoadImage(imageId);
      queue = [];
    },
    retryFailed() {
      if (stopped || failed.size === 0) return;
      queue.push(...failed);
      progress.failed -= failed.size;
      failed.clear();
      progress.lastError = undefined;
      report();
      start();
    },
  };
}
