import { utilities as csUtils, type Types } from '@cornerstonejs/core';
import {
  edgeLabels,
  projectionEdgeLabels,
  type EdgeLabels,
  type Vector3,
} from '../../../../shared/imaging/orientation';
import type { SeriesImage, SeriesModel } from '../../../../shared/imaging/series-model';
import { windowOfRange } from '../../../../shared/imaging/window-presets';

/** What the overlay of one stack viewport shows, read from Cornerstone3D after each render. */
export interface OverlayState {
  index: number;
  total: number;
  position: number | undefined;
  window: { width: number; center: number } | undefined;
  zoom: number;
  edges: EdgeLabels | undefined;
  /** Millimetres of patient per CSS pixel on screen, when the pixel spacing is known. */
  mmPerScreenPixel: number | undefined;
  invert: boolean;
}

export function readOverlay(
  viewport: Types.IStackViewport,
  model: SeriesModel,
  images: readonly SeriesImage[],
): OverlayState {
  const index = viewport.getCurrentImageIdIndex();
  const properties = viewport.getProperties();
  const camera = viewport.getCamera();
  const hasGeometry = images[index]?.position !== undefined || model.reconstructable;
  const height = viewport.element.clientHeight;
  return {
    index,
    total: images.length,
    position: images[index]?.position,
    window: properties.voiRange ? windowOfRange(properties.voiRange) : undefined,
    zoom: viewport.getZoom(),
    edges:
      hasGeometry && camera.viewUp && camera.viewPlaneNormal
        ? edgeLabels(camera.viewUp as Vector3, camera.viewPlaneNormal as Vector3)
        : // A projection's labels come from its header, right only while it is not rotated.
          model.patientOrientation && (viewport.getViewPresentation().rotation ?? 0) % 360 === 0
          ? projectionEdgeLabels(model.patientOrientation, {
              horizontal: camera.flipHorizontal === true,
              vertical: camera.flipVertical === true,
            })
          : undefined,
    mmPerScreenPixel:
      (hasGeometry || model.patientOrientation) && camera.parallelScale && height > 0
        ? (camera.parallelScale * 2) / height
        : undefined,
    invert: properties.invert === true,
  };
}

/** The pixel under a point of the viewport and its value in modality units (HU for CT). */
export interface PixelReadout {
  column: number;
  row: number;
  value: number;
}

export function readPixel(
  viewport: Types.IStackViewport,
  canvasPoint: [number, number],
): PixelReadout | undefined {
  const image = viewport.getCornerstoneImage();
  const imageId = viewport.getCurrentImageId();
  if (!image || !imageId) return undefined;
  const world = viewport.canvasToWorld(canvasPoint);
  const coordinates = csUtils.worldToImageCoords(imageId, world);
  if (!coordinates) return undefined;
  const column = Math.round(coordinates[0]);
  const row = Math.round(coordinates[1]);
  if (column < 0 || row < 0 || column >= image.columns || row >= image.rows) return undefined;
  const stored = image.getPixelData()[row * image.columns + column];
  if (stored === undefined) return undefined;
  const scaled = image.preScale?.scaled === true;
  const value = scaled ? stored : stored * (image.slope ?? 1) + (image.intercept ?? 0);
  return { column, row, value };
}
