import {
  cache,
  Enums,
  RenderingEngine,
  setVolumesForViewports,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesModel } from '../../../../shared/imaging/series-model';
import { volumeFit } from '../../../../shared/imaging/volume-budget';
import { volumeLimits } from './gpu-limits';
import { createMprToolGroup } from './viewer-tools';

const PLANES = [
  { id: 'axial', orientation: Enums.OrientationAxis.AXIAL },
  { id: 'sagittal', orientation: Enums.OrientationAxis.SAGITTAL },
  { id: 'coronal', orientation: Enums.OrientationAxis.CORONAL },
] as const;

const MPR_ENGINE = 'regard-mpr';
const MPR_TOOLS = 'regard-mpr-tools';

/**
 * Axial, sagittal and coronal planes of one series with crosshairs. The volume streams into the
 * GPU as its frames arrive; closing the view frees the volume and the engine's textures.
 */
export function MprView({
  model,
  imageIds,
  onUnavailable,
}: {
  model: SeriesModel;
  imageIds: readonly string[];
  onUnavailable(reason: 'dimensions' | 'memory' | 'not-volume'): void;
}) {
  const { t } = useTranslation();
  const elements = useRef<(HTMLDivElement | null)[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!model.reconstructable) {
      onUnavailable('not-volume');
      return;
    }
    const fit = volumeFit(
      { columns: model.columns, rows: model.rows, slices: imageIds.length },
      volumeLimits(),
    );
    if (!fit.fits) {
      onUnavailable(fit.reason);
      return;
    }
    let live = true;
    const engine = new RenderingEngine(MPR_ENGINE);
    const group = createMprToolGroup(MPR_TOOLS);
    const volumeId = `cornerstoneStreamingImageVolume:mpr-${model.seriesInstanceUid}`;
    const viewportIds = PLANES.map((plane) => `mpr-${plane.id}`);
    engine.setViewports(
      PLANES.map((plane, i) => ({
        viewportId: `mpr-${plane.id}`,
        type: Enums.ViewportType.ORTHOGRAPHIC,
        element: elements.current[i] as HTMLDivElement,
        defaultOptions: { orientation: plane.orientation, background: [0, 0, 0] as Types.Point3 },
      })),
    );
    for (const id of viewportIds) group.addViewport(id, MPR_ENGINE);
    void (async () => {
      try {
        const volume = await volumeLoader.createAndCacheVolume(volumeId, {
          imageIds: [...imageIds],
        });
        if (!live) return;
        (volume as unknown as { load(): void }).load();
        await setVolumesForViewports(engine, [{ volumeId }], viewportIds);
        if (live) engine.renderViewports(viewportIds);
      } catch {
        if (live) setFailed(true);
      }
    })();
    return () => {
      live = false;
      ToolGroupManager.destroyToolGroup(MPR_TOOLS);
      engine.destroy();
      if (cache.getVolumeLoadObject(volumeId)) cache.removeVolumeLoadObject(volumeId);
    };
  }, [model, imageIds, onUnavailable]);

  return (
    <div className="mpr-view" data-testid="mpr-view">
      {PLANES.map((plane, i) => (
        <div key={plane.id} className="viewport-pane" data-testid={`mpr-${plane.id}`}>
          <div
            ref={(div) => {
              elements.current[i] = div;
            }}
            className="viewport-element"
            onContextMenu={(event) => event.preventDefault()}
          />
          <span className="mpr-label">{t(`imaging.mpr.${plane.id}`)}</span>
        </div>
      ))}
      {failed ? (
        <p role="alert" className="viewport-error">
          {t('imaging.mpr.failed')}
        </p>
      ) : null}
    </div>
  );
}
