import {
  cache,
  Enums,
  getWebWorkerManager,
  imageRetrievalPoolManager,
  init as initCore,
  registerImageLoader,
} from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import {
  addTool,
  AngleTool,
  CrosshairsTool,
  EllipticalROITool,
  init as initTools,
  LengthTool,
  PanTool,
  PlanarRotateTool,
  ProbeTool,
  RectangleROITool,
  ReferenceLinesTool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { loadRegardImage, REGARD_SCHEME } from './frame-loader';

/** Decoded images kept in memory across open studies, before the oldest are dropped. */
const IMAGE_CACHE_BYTES = 1.5 * 1024 ** 3;

let ready: Promise<void> | undefined;

/**
 * Starts the decode workers now (they start on their first task otherwise, adding their script
 * and codec start-up to the first image the user waits for): each decodes a 2x2 frame.
 */
function warmUpDecoders(count: number): void {
  const manager = getWebWorkerManager();
  for (let i = 0; i < count; i++) {
    void manager
      .executeTask('dicomImageLoader', 'decodeTask', {
        imageFrame: {
          rows: 2,
          columns: 2,
          samplesPerPixel: 1,
          bitsAllocated: 16,
          bitsStored: 16,
          pixelRepresentation: 0,
          photometricInterpretation: 'MONOCHROME2',
        },
        transferSyntax: '1.2.840.10008.1.2.1',
        pixelData: new Uint8Array(8),
        options: {},
        decodeConfig: {},
      })
      .catch(() => undefined);
  }
}

/** Initialises Cornerstone3D once per page: core, the DICOM decoders in workers, the tools. */
export function initCornerstone(): Promise<void> {
  ready ??= Promise.resolve().then(() => {
    initCore();
    // Decoding runs beside the main thread, which mostly waits for the network while streaming.
    const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
    initDicomImageLoader({ maxWebWorkers: workers });
    warmUpDecoders(workers);
    // Frames on the wire at once, per kind: what the user looks at, the rest of the series, and
    // thumbnails (which never crowd out the other two).
    imageRetrievalPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Interaction, 6);
    imageRetrievalPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Prefetch, 6);
    imageRetrievalPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Thumbnail, 2);
    registerImageLoader(REGARD_SCHEME, loadRegardImage as never);
    initTools();
    for (const tool of [
      StackScrollTool,
      WindowLevelTool,
      ZoomTool,
      PanTool,
      PlanarRotateTool,
      LengthTool,
      AngleTool,
      EllipticalROITool,
      RectangleROITool,
      ProbeTool,
      ReferenceLinesTool,
      CrosshairsTool,
    ]) {
      addTool(tool);
    }
    cache.setMaxCacheSize(IMAGE_CACHE_BYTES);
  });
  return ready;
}
