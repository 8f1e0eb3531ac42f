import { Enums, imageLoader } from '@cornerstonejs/core';
import {
  imagingErrorOf,
  isTransient,
  type ImagingError,
} from '../../../../shared/imaging/imaging-error';

export interface StreamProgress {
  loaded: number;
  /** Images that could not be loaded (a bad frame, or the PACS gone). */
  failed: number;
  total: number;
  lastError: ImagingError | undefined;
  /** True while the stream waits for the PACS to come back. */
  paused: boolean;
}

/**
 * Frames of one series loading at once in the background: twice the retrieval pool's prefetch
 * slots, so that six stay on the wire while others decode.
 */
const CONCURRENCY = 12;
/** Delays between probes of a PACS that stopped answering (ms), the last one repeated. */
const PROBE_DELAYS_MS = [2000, 5000, 10_000, 30_000];

/**
 * Streams a series' frames into the image cache in the background, nearest to the shown image
 * first, at prefetch priority (an image the user scrolls to goes ahead as an interaction).
 * When the PACS stops answering the stream pauses, probes now and then, and resumes by itself
 * once it answers again; `resume()` retries at once. `stop()` cancels what has not started.
 */
export function streamSeries(
  imageIds: readonly string[],
  startIndex: number,
  onProgress: (progress: StreamProgress) => void,
): { stop(): void; resume(): void } {
  let stopped = false;
  const order = [...imageIds.keys()].sort(
    (a, b) => Math.abs(a - startIndex) - Math.abs(b - startIndex) || a - b,
  );
  const progress: StreamProgress = {
    loaded: 0,
    failed: 0,
    total: imageIds.length,
    lastError: undefined,
    paused: false,
  };
  const failed: string[] = [];
  const queue = order.map((index) => imageIds[index] ?? '');
  const inFlight = new Set<string>();
  let probe: ReturnType<typeof setTimeout> | undefined;
  let probes = 0;

  const report = () => onProgress({ ...progress });
  const load = (imageId: string) =>
    imageLoader.loadAndCacheImage(imageId, {
      priority: 0,
      requestType: Enums.RequestType.Prefetch,
    });

  const pause = () => {
    if (progress.paused || stopped) return;
    progress.paused = true;
    scheduleProbe();
  };
  const scheduleProbe = () => {
    const delay = PROBE_DELAYS_MS[Math.min(probes, PROBE_DELAYS_MS.length - 1)] ?? 30_000;
    probes++;
    probe = setTimeout(() => {
      const imageId = failed[0] ?? queue[0];
      if (stopped || !imageId) return;
      load(imageId).then(
        () => resume(),
        () => {
          if (!stopped) scheduleProbe();
        },
      );
    }, delay);
  };

  const pump = async () => {
    while (!stopped && !progress.paused) {
      const imageId = queue.shift();
      if (imageId === undefined) return;
      // An image already loaded or loading (the one on screen) is awaited, not fetched again.
      inFlight.add(imageId);
      try {
        await load(imageId);
        if (stopped) return;
        progress.loaded++;
      } catch (error) {
        if (stopped) return;
        const failure = imagingErrorOf(error);
        failed.push(imageId);
        progress.failed++;
        progress.lastError = failure;
        if (isTransient(failure.kind)) pause();
      } finally {
        inFlight.delete(imageId);
      }
      report();
    }
  };
  const start = () => {
    for (let i = 0; i < CONCURRENCY; i++) void pump();
  };
  const resume = () => {
    if (stopped) return;
    clearTimeout(probe);
    probes = 0;
    queue.unshift(...failed.splice(0));
    progress.failed = 0;
    progress.lastError = undefined;
    progress.paused = false;
    report();
    start();
  };
  start();
  return {
    stop() {
      stopped = true;
      clearTimeout(probe);
      for (const imageId of [...queue, ...inFlight]) imageLoader.cancelLoadImage(imageId);
      queue.length = 0;
    },
    resume,
  };
}
