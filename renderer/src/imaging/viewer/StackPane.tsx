import { Enums, eventTarget, type RenderingEngine, type Types } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient';
import type { StudySummary } from '../../../../shared/domain/study';
import { ImagingError, imagingErrorOf } from '../../../../shared/imaging/imaging-error';
import type { SeriesImage } from '../../../../shared/imaging/series-model';
import { holdThumbnails } from '../browser/series-thumbnails';
import type { LoadedSeries, SeriesStore } from '../loading/series-store';
import { streamSeries, type StreamProgress } from '../loading/series-streamer';
import { readOverlay, readPixel, type OverlayState, type PixelReadout } from './overlay-state';
import {
  SERIES_DRAG_TYPE,
  parseDraggedSeries,
  type DraggedSeries,
  type SlotContent,
} from './slot-content';
import { ViewportOverlay } from './ViewportOverlay';

interface LoadState {
  key: string | undefined;
  phase: Phase;
  progress?: StreamProgress;
  frameError?: ImagingError;
  overlay?: OverlayState;
}

type Phase =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'shown'; series: LoadedSeries; images: SeriesImage[] }
  | { kind: 'failed'; error: ImagingError };

/** One stack viewport of the grid: loads its series, streams the rest, shows overlay and state. */
export function StackPane({
  engine,
  viewportId,
  toolGroupId,
  content,
  store,
  patient,
  study,
  active,
  onActivate,
  onDropSeries,
  onShown,
}: {
  engine: RenderingEngine;
  viewportId: string;
  toolGroupId: string;
  content: SlotContent | undefined;
  store: SeriesStore;
  patient: PatientSummary;
  study: StudySummary | undefined;
  active: boolean;
  onActivate(): void;
  onDropSeries(series: DraggedSeries): void;
  onShown(viewportId: string, series: LoadedSeries | undefined): void;
}) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  // Everything below belongs to one load of one content; a new load starts from a clean slate.
  const loadKey = content ? `${content.key}#${attempt}` : undefined;
  const [load, setLoad] = useState<LoadState>({ key: undefined, phase: { kind: 'empty' } });
  const current: LoadState =
    load.key === loadKey
      ? load
      : { key: loadKey, phase: content ? { kind: 'loading' } : { kind: 'empty' } };
  const { phase, progress, frameError, overlay } = current;
  const update = useCallback(
    (key: string | undefined, change: Partial<Omit<LoadState, 'key'>>) =>
      setLoad((previous) =>
        previous.key === key
          ? { ...previous, ...change }
          : { key, phase: { kind: 'loading' }, ...change },
      ),
    [],
  );
  const [readout, setReadout] = useState<PixelReadout | undefined>(undefined);
  const [width, setWidth] = useState(0);
  const streamer = useRef<ReturnType<typeof streamSeries> | undefined>(undefined);

  // The viewport lives as long as the pane.
  useEffect(() => {
    const div = element.current;
    if (!div) return;
    engine.enableElement({
      viewportId,
      type: Enums.ViewportType.STACK,
      element: div,
      defaultOptions: { background: [0, 0, 0] },
    });
    ToolGroupManager.getToolGroup(toolGroupId)?.addViewport(viewportId, engine.id);
    const observer = new ResizeObserver(() => {
      setWidth(div.clientWidth);
      engine.resize(true, true);
    });
    observer.observe(div);
    return () => {
      observer.disconnect();
      ToolGroupManager.getToolGroup(toolGroupId)?.removeViewports(engine.id, viewportId);
      if (!engine.hasBeenDestroyed) engine.disableElement(viewportId);
    };
  }, [engine, viewportId, toolGroupId]);

  useEffect(() => {
    if (!content) {
      onShown(viewportId, undefined);
      return;
    }
    let live = true;
    const key = loadKey;
    const ref = {
      gatewayBase: content.gatewayBase,
      studyInstanceUid: content.studyInstanceUid,
      seriesInstanceUid: content.seriesInstanceUid,
    };
    // Thumbnails wait until this viewport shows its first image (or fails to).
    const releaseThumbnails = holdThumbnails();
    void (async () => {
      try {
        const series = await store.acquire(ref);
        if (!live) return;
        const only = content.only ? new Set(content.only) : undefined;
        const picked = series.model.images
          .map((image, i) => ({ image, imageId: series.imageIds[i] ?? '' }))
          .filter(({ image }) => !only || only.has(image.sopInstanceUid));
        if (picked.length === 0) throw new ImagingError('not-found');
        const imageIds = picked.map(({ imageId }) => imageId);
        const viewport = engine.getViewport(viewportId) as Types.IStackViewport;
        // The first image goes out alone (on 2 cores, background fetches slow it down by a
        // factor of 3); the rest of the series streams from the moment it is decoded.
        await viewport.setStack(imageIds, 0);
        if (!live) return;
        streamer.current = streamSeries(imageIds, 0, (next) => {
          if (live) update(key, { progress: next });
        });
        viewport.render();
        // "Shown" once the image is on screen, not merely handed to the renderer.
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (!live) return;
        const images = picked.map(({ image }) => image);
        update(key, {
          phase: { kind: 'shown', series: { model: series.model, imageIds }, images },
        });
        onShown(viewportId, { model: series.model, imageIds });
      } catch (error) {
        streamer.current?.stop();
        if (live) update(key, { phase: { kind: 'failed', error: imagingErrorOf(error) } });
      } finally {
        releaseThumbnails();
      }
    })();
    return () => {
      live = false;
      streamer.current?.stop();
      streamer.current = undefined;
      store.release(ref);
    };
    // onShown is stable (from the viewer); content.key names the content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadKey, engine, viewportId, store]);

  // Overlay follows every render; a frame that fails to load is reported in this viewport.
  useEffect(() => {
    const div = element.current;
    if (!div || phase.kind !== 'shown') return;
    const viewport = engine.getViewport(viewportId) as Types.IStackViewport | undefined;
    if (!viewport) return;
    let frame = 0;
    const refresh = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!engine.hasBeenDestroyed)
          update(loadKey, { overlay: readOverlay(viewport, phase.series.model, phase.images) });
      });
    };
    refresh();
    const ids = new Set(phase.series.imageIds);
    const onFailed = (event: Event) => {
      const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
      if (detail?.imageId && ids.has(detail.imageId)) {
        update(loadKey, { frameError: imagingErrorOf(detail.error) });
      }
    };
    const onNewImage = () => {
      update(loadKey, { frameError: undefined });
      refresh();
    };
    div.addEventListener(Enums.Events.IMAGE_RENDERED, refresh);
    div.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    div.addEventListener(Enums.Events.VOI_MODIFIED, refresh);
    div.addEventListener(Enums.Events.CAMERA_MODIFIED, refresh);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_FAILED, onFailed);
    return () => {
      cancelAnimationFrame(frame);
      div.removeEventListener(Enums.Events.IMAGE_RENDERED, refresh);
      div.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
      div.removeEventListener(Enums.Events.VOI_MODIFIED, refresh);
      div.removeEventListener(Enums.Events.CAMERA_MODIFIED, refresh);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_FAILED, onFailed);
    };
  }, [phase, engine, viewportId, loadKey, update]);

  const onMouseMove = (event: React.MouseEvent<HTMLDivElement>) => {
    if (phase.kind !== 'shown') return;
    const viewport = engine.getViewport(viewportId) as Types.IStackViewport | undefined;
    const rect = event.currentTarget.getBoundingClientRect();
    setReadout(
      viewport
        ? readPixel(viewport, [event.clientX - rect.left, event.clientY - rect.top])
        : undefined,
    );
  };

  const retry = () => {
    if (phase.kind === 'shown' && progress && (progress.failed > 0 || progress.paused)) {
      update(loadKey, { frameError: undefined });
      streamer.current?.resume();
      const viewport = engine.getViewport(viewportId) as Types.IStackViewport | undefined;
      void viewport?.setImageIdIndex(viewport.getCurrentImageIdIndex()).catch(() => undefined);
    } else {
      setAttempt((n) => n + 1);
    }
  };

  const failure = phase.kind === 'failed' ? phase.error : (frameError ?? progress?.lastError);
  const quality =
    phase.kind === 'loading'
      ? 'loading'
      : phase.kind === 'shown' && progress && progress.loaded + progress.failed >= progress.total
        ? 'complete'
        : phase.kind === 'shown'
          ? 'streaming'
          : undefined;

  return (
    <div
      className={`viewport-pane${active ? ' active' : ''}`}
      data-testid="viewport"
      data-viewport-id={viewportId}
      data-state={phase.kind}
      data-quality={quality}
      onMouseDown={() => {
        // The viewport takes the keyboard focus, so that shortcuts apply to it.
        element.current?.focus({ preventScroll: true });
        onActivate();
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(SERIES_DRAG_TYPE)) event.preventDefault();
      }}
      onDrop={(event) => {
        const dropped = parseDraggedSeries(event.dataTransfer.getData(SERIES_DRAG_TYPE));
        if (dropped) {
          event.preventDefault();
          onDropSeries(dropped);
        }
      }}
    >
      <div
        ref={element}
        className="viewport-element"
        data-testid="viewport-element"
        tabIndex={0}
        aria-label={t('imaging.viewportLabel')}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setReadout(undefined)}
        onContextMenu={(event) => event.preventDefault()}
      />
      {phase.kind === 'shown' && overlay ? (
        <ViewportOverlay
          patient={patient}
          study={study}
          model={phase.series.model}
          overlay={overlay}
          readout={readout}
          width={width}
        />
      ) : null}
      <div className="viewport-state" role="status" data-testid="viewport-state">
        {phase.kind === 'empty' ? t('imaging.state.empty') : null}
        {phase.kind === 'loading' ? t('imaging.state.loading') : null}
        {quality === 'streaming' && progress
          ? t('imaging.state.streaming', { loaded: progress.loaded, total: progress.total })
          : null}
        {quality === 'streaming' && !progress ? t('imaging.state.shown') : null}
        {quality === 'complete'
          ? t('imaging.state.complete', { total: progress?.total ?? 0 })
          : null}
      </div>
      {failure ? (
        <div className="viewport-error" role="alert" data-testid="viewport-error">
          <p>
            {t(`imaging.errors.${failure.kind}`)}{' '}
            {phase.kind === 'shown'
              ? t(progress?.paused ? 'imaging.errors.seriesPaused' : 'imaging.errors.inSeries', {
                  series: phase.series.model.description ?? phase.series.model.seriesInstanceUid,
                  count: progress ? progress.total - progress.loaded : 1,
                })
              : t('imaging.errors.seriesNotOpened')}
          </p>
          <button type="button" onClick={retry}>
            {t('imaging.retry')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
