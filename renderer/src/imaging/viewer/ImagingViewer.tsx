import { metaData, RenderingEngine, type Types, utilities as csUtils } from '@cornerstonejs/core';
import {
  ReferenceLinesTool,
  SynchronizerManager,
  synchronizers,
  ToolGroupManager,
  utilities as toolUtils,
} from '@cornerstonejs/tools';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient';
import type { StudySummary } from '../../../../shared/domain/study';
import { findPrior } from '../../../../shared/imaging/prior-study';
import { imagingErrorOf } from '../../../../shared/imaging/imaging-error';
import { CT_WINDOW_PRESETS, voiRange } from '../../../../shared/imaging/window-presets';
import { formatDate } from '../../timeline/entry-labels';
import { initCornerstone } from '../cornerstone/init-cornerstone';
import { SeriesStore, type LoadedSeries } from '../loading/series-store';
import { MeasurementsPanel } from './MeasurementsPanel';
import { MprView } from './MprView';
import { SHORTCUTS, actionForKey, type ViewerAction } from './shortcuts';
import type { SlotContent } from './slot-content';
import { StackPane } from './StackPane';
import { listImageSeries, mainSeries } from './study-series';
import {
  createStackToolGroup,
  PRIMARY_TOOLS,
  setPrimaryTool,
  type PrimaryToolId,
} from './viewer-tools';

export type Layout = '1x1' | '1x2' | '2x1' | '2x2';
const LAYOUT_SIZE: Record<Layout, number> = { '1x1': 1, '1x2': 2, '2x1': 2, '2x2': 4 };
const VIEWPORT_IDS = ['vp-0', 'vp-1', 'vp-2', 'vp-3'] as const;
const STACK_TOOLS = 'regard-stack-tools';
const SYNC_IDS = {
  scroll: 'regard-sync-scroll',
  voi: 'regard-sync-voi',
  zoomPan: 'regard-sync-zoompan',
};

export interface ImagingSource {
  id: string;
  gatewayBase: string;
}

/** What the rest of the app asks the viewer to show. */
export type ViewerRequest =
  | { kind: 'study'; study: StudySummary; nonce: number }
  | { kind: 'compare'; study: StudySummary; nonce: number }
  | { kind: 'series'; slots: Omit<SlotContent, 'key'>[]; nonce: number }
  /** One series into the active viewport (a click in the study browser). */
  | { kind: 'place'; slot: Omit<SlotContent, 'key'>; nonce: number };

/**
 * Links the scroll of viewports from different studies (different frames of reference) at the
 * images they show now: from then on, moving one by N mm moves the others by N mm. Viewports of
 * one frame of reference are linked by position as they are.
 */
function alignAtCurrentImages(engine: RenderingEngine, viewportIds: readonly string[]): void {
  const positionOf = (viewportId: string) => {
    const viewport = engine.getViewport(viewportId) as Types.IStackViewport | undefined;
    const imageId = viewport?.getCurrentImageId();
    const plane = imageId
      ? (metaData.get('imagePlaneModule', imageId) as
          { imagePositionPatient?: number[] } | undefined)
      : undefined;
    return plane?.imagePositionPatient;
  };
  for (const [i, target] of viewportIds.entries()) {
    for (const source of viewportIds.slice(i + 1)) {
      const to = positionOf(target);
      const from = positionOf(source);
      if (!to || !from) continue;
      const [tx = 0, ty = 0, tz = 0] = to.map((value, axis) => value - (from[axis] ?? 0));
      // Column-major 4x4 translation mapping the source's patient coordinates onto the target's.
      const matrix = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, tx, ty, tz, 1]);
      csUtils.spatialRegistrationMetadataProvider.add([target, source], matrix as never);
    }
  }
}

let contentCounter = 0;
const withKey = (content: Omit<SlotContent, 'key'>): SlotContent => ({
  ...content,
  key: `c${++contentCounter}`,
});

/** The diagnostic viewer: a grid of stack viewports, its tools, comparison, MPR and cine. */
export function ImagingViewer({
  patient,
  studies,
  sources,
  request,
  onSlotsChanged,
}: {
  patient: PatientSummary;
  studies: readonly StudySummary[];
  sources: readonly ImagingSource[];
  request: ViewerRequest | undefined;
  onSlotsChanged?(studyUids: string[]): void;
}) {
  const { t, i18n } = useTranslation();
  const [engine, setEngine] = useState<RenderingEngine | undefined>(undefined);
  const [initFailed, setInitFailed] = useState(false);
  const store = useMemo(() => new SeriesStore(), []);
  const [layout, setLayout] = useState<Layout>('1x1');
  const [slots, setSlots] = useState<(SlotContent | undefined)[]>([]);
  const [active, setActive] = useState(0);
  const [tool, setTool] = useState<PrimaryToolId>('windowLevel');
  const [shown, setShown] = useState<ReadonlyMap<string, LoadedSeries>>(new Map());
  const [sync, setSync] = useState({ scroll: false, voi: false, zoomPan: false });
  const [cine, setCine] = useState<{ playing: boolean; fps: number }>({ playing: false, fps: 15 });
  const [mpr, setMpr] = useState<LoadedSeries | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [handled, setHandled] = useState<ViewerRequest | undefined>(undefined);

  // One rendering engine for the grid, destroyed with the viewer (frees its GPU textures).
  useEffect(() => {
    let created: RenderingEngine | undefined;
    let live = true;
    initCornerstone()
      .then(() => {
        if (!live) return;
        created = new RenderingEngine('regard-viewer');
        createStackToolGroup(STACK_TOOLS);
        setEngine(created);
      })
      .catch(() => setInitFailed(true));
    return () => {
      live = false;
      for (const id of Object.values(SYNC_IDS)) SynchronizerManager.destroySynchronizer(id);
      ToolGroupManager.destroyToolGroup(STACK_TOOLS);
      created?.destroy();
      store.releaseAll();
    };
  }, [store]);

  const gatewayOf = useCallback(
    (sourceId: string) => sources.find((source) => source.id === sourceId)?.gatewayBase,
    [sources],
  );

  const seriesSlotOf = useCallback(
    async (study: StudySummary): Promise<SlotContent | undefined> => {
      const gatewayBase = gatewayOf(study.sourceId);
      if (!gatewayBase) return undefined;
      const main = mainSeries(await listImageSeries(gatewayBase, study.studyInstanceUid));
      return main
        ? withKey({
            sourceId: study.sourceId,
            gatewayBase,
            studyInstanceUid: study.studyInstanceUid,
            seriesInstanceUid: main.seriesInstanceUid,
          })
        : undefined;
    },
    [gatewayOf],
  );

  const showComparison = useCallback(
    (
      current: StudySummary,
      prior: StudySummary | undefined,
      [first, second]: (SlotContent | undefined)[],
    ) => {
      setMpr(undefined);
      setActive(0);
      if (!prior) {
        setLayout('1x1');
        setSlots([first]);
        setNotice(t('imaging.compare.noPrior'));
        return;
      }
      setLayout('1x2');
      setSlots([first, second]);
      setSync({ scroll: true, voi: true, zoomPan: true });
      setNotice(
        t('imaging.compare.opened', {
          current: formatDate(i18n.language, current.date),
          prior: formatDate(i18n.language, prior.date),
        }),
      );
    },
    [t, i18n.language],
  );

  /** The current study and its most recent prior side by side, scrolling together by position. */
  const compareWithPrior = useCallback(
    (current: StudySummary) => {
      const prior = findPrior(current, studies);
      return Promise.all([seriesSlotOf(current), prior ? seriesSlotOf(prior) : undefined]).then(
        (found) => showComparison(current, prior, found),
        (error: unknown) => setNotice(t(`imaging.errors.${imagingErrorOf(error).kind}`)),
      );
    },
    [studies, seriesSlotOf, showComparison, t],
  );

  // Requests from the timeline, the study browser or a KOS: what is known now is applied while
  // rendering; what needs the PACS (a study's series, a prior) follows in the effect below.
  if (request !== handled) {
    setHandled(request);
    setNotice(undefined);
    if (request) setMpr(undefined);
    if (request?.kind === 'place') {
      const next = [...slots];
      next[active] = withKey(request.slot);
      setSlots(next);
    }
    if (request?.kind === 'series') {
      const size = request.slots.length >= 3 ? '2x2' : request.slots.length === 2 ? '1x2' : '1x1';
      setLayout(size);
      setSlots(request.slots.slice(0, 4).map(withKey));
      setActive(0);
      setSync({ scroll: false, voi: false, zoomPan: false });
    }
  }

  useEffect(() => {
    if (request?.kind === 'compare') {
      void compareWithPrior(request.study);
      return;
    }
    if (request?.kind !== 'study') return;
    void seriesSlotOf(request.study)
      .then((slot) => {
        setLayout('1x1');
        setSlots([slot]);
        setActive(0);
        setSync({ scroll: false, voi: false, zoomPan: false });
        if (!slot) setNotice(t('imaging.noImageSeries'));
      })
      .catch((error: unknown) => setNotice(t(`imaging.errors.${imagingErrorOf(error).kind}`)));
  }, [request, seriesSlotOf, compareWithPrior, t]);

  useEffect(() => {
    onSlotsChanged?.(slots.flatMap((slot) => (slot ? [slot.studyInstanceUid] : [])));
  }, [slots, onSlotsChanged]);

  const visibleCount = LAYOUT_SIZE[layout];
  const activeViewportId = VIEWPORT_IDS[Math.min(active, visibleCount - 1)] ?? 'vp-0';

  // Also kept in a ref: a shortcut pressed right after a series appears must already see it.
  const shownNow = useRef<ReadonlyMap<string, LoadedSeries>>(new Map());
  const onShown = useCallback((viewportId: string, series: LoadedSeries | undefined) => {
    const next = new Map(shownNow.current);
    if (series) next.set(viewportId, series);
    else next.delete(viewportId);
    shownNow.current = next;
    setShown(next);
  }, []);

  // Synchronisation between the visible viewports: scroll by position, window, zoom and pan.
  useEffect(() => {
    if (!engine) return;
    const members = VIEWPORT_IDS.slice(0, visibleCount)
      .filter((id) => shown.has(id))
      .map((viewportId) => ({ renderingEngineId: engine.id, viewportId }));
    for (const id of Object.values(SYNC_IDS)) SynchronizerManager.destroySynchronizer(id);
    if (members.length < 2) return;
    const made = [
      sync.scroll ? synchronizers.createImageSliceSynchronizer(SYNC_IDS.scroll) : undefined,
      sync.voi
        ? synchronizers.createVOISynchronizer(SYNC_IDS.voi, {
            syncInvertState: true,
            syncColormap: false,
          })
        : undefined,
      sync.zoomPan ? synchronizers.createZoomPanSynchronizer(SYNC_IDS.zoomPan) : undefined,
    ];
    if (sync.scroll)
      alignAtCurrentImages(
        engine,
        members.map((member) => member.viewportId),
      );
    for (const synchronizer of made) for (const member of members) synchronizer?.add(member);
  }, [engine, shown, sync, visibleCount]);

  // Reference lines: the active viewport's plane drawn on the others of its frame of reference.
  useEffect(() => {
    const group = ToolGroupManager.getToolGroup(STACK_TOOLS);
    if (!engine || !group) return;
    if (visibleCount > 1 && shown.size > 1) {
      group.setToolConfiguration(ReferenceLinesTool.toolName, {
        sourceViewportId: activeViewportId,
      });
      group.setToolEnabled(ReferenceLinesTool.toolName);
    } else {
      group.setToolDisabled(ReferenceLinesTool.toolName);
    }
    engine.render();
  }, [engine, activeViewportId, visibleCount, shown]);

  useEffect(() => {
    const group = ToolGroupManager.getToolGroup(STACK_TOOLS);
    if (engine && group) setPrimaryTool(group, tool);
  }, [engine, tool]);

  const activeViewport = useCallback(
    () => engine?.getViewport(activeViewportId) as Types.IStackViewport | undefined,
    [engine, activeViewportId],
  );

  // Cine plays the active viewport; it stops when the viewport or its content changes.
  useEffect(() => {
    const viewport = activeViewport();
    if (!cine.playing || !viewport || !shown.has(activeViewportId)) return;
    toolUtils.cine.playClip(viewport.element, { framesPerSecond: cine.fps, loop: true });
    return () => toolUtils.cine.stopClip(viewport.element);
  }, [cine, activeViewport, activeViewportId, shown]);

  const run = useCallback(
    (action: ViewerAction) => {
      const viewport = activeViewport();
      const series = shownNow.current.get(activeViewportId);
      switch (action.kind) {
        case 'tool':
          setTool(action.tool);
          return;
        case 'help':
          setHelp((open) => !open);
          return;
        case 'nextViewport':
          setActive((index) => (index + 1) % visibleCount);
          return;
        case 'compare': {
          const study = studies.find(
            (candidate) => candidate.studyInstanceUid === series?.model.studyInstanceUid,
          );
          if (study) void compareWithPrior(study);
          return;
        }
        case 'mpr':
          if (mpr) setMpr(undefined);
          else if (series) setMpr(series);
          return;
        case 'cine':
          setCine((state) => ({ ...state, playing: !state.playing }));
          return;
      }
      if (!viewport || !series) return;
      switch (action.kind) {
        case 'preset': {
          const preset = CT_WINDOW_PRESETS.find((candidate) => candidate.id === action.preset);
          if (preset) viewport.setProperties({ voiRange: voiRange(preset) });
          break;
        }
        case 'autoWindow': {
          const image = viewport.getCornerstoneImage();
          if (image && image.maxPixelValue > image.minPixelValue) {
            viewport.setProperties({
              voiRange: { lower: image.minPixelValue, upper: image.maxPixelValue },
            });
          }
          break;
        }
        case 'scroll':
          csUtils.scroll(viewport, { delta: action.delta });
          return;
        case 'first':
          void viewport.setImageIdIndex(0);
          return;
        case 'last':
          void viewport.setImageIdIndex(viewport.getImageIds().length - 1);
          return;
        case 'invert':
          viewport.setProperties({ invert: !viewport.getProperties().invert });
          break;
        case 'flipHorizontal':
          viewport.setCamera({ flipHorizontal: !viewport.getCamera().flipHorizontal });
          break;
        case 'flipVertical':
          viewport.setCamera({ flipVertical: !viewport.getCamera().flipVertical });
          break;
        case 'rotate':
          viewport.setViewPresentation({
            rotation: ((viewport.getViewPresentation().rotation ?? 0) + 90) % 360,
          });
          break;
        case 'fit':
          viewport.resetCamera();
          break;
        case 'reset':
          viewport.resetCamera();
          viewport.resetProperties();
          break;
      }
      viewport.render();
    },
    [activeViewport, activeViewportId, visibleCount, studies, compareWithPrior, mpr],
  );

  // Keyboard shortcuts while the viewer is on screen, except while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)
      ) {
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const action = actionForKey(event.key);
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const dropInto = (
    index: number,
    series: { sourceId: string; studyInstanceUid: string; seriesInstanceUid: string },
  ) => {
    const gatewayBase = gatewayOf(series.sourceId);
    if (!gatewayBase) return;
    setMpr(undefined);
    setSlots((previous) => {
      const next = [...previous];
      next[index] = withKey({ ...series, gatewayBase });
      return next;
    });
    setActive(index);
  };

  const studyLabel = (studyUid: string | undefined) => {
    const study = studies.find((candidate) => candidate.studyInstanceUid === studyUid);
    return study
      ? `${study.description ?? study.modalities.join(', ')} · ${formatDate(i18n.language, study.date)}`
      : t('imaging.measure.otherStudy');
  };
  const studyOf = (slot: SlotContent | undefined) =>
    studies.find((candidate) => candidate.studyInstanceUid === slot?.studyInstanceUid);

  if (initFailed) {
    return (
      <p role="alert" className="error">
        {t('imaging.initFailed')}
      </p>
    );
  }

  const activeSeries = shown.get(activeViewportId);
  return (
    <div className="imaging-viewer" data-testid="imaging-viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label={t('imaging.toolbar')}>
        <label>
          {t('imaging.layout')}{' '}
          <select
            value={layout}
            onChange={(event) => {
              event.target.blur();
              setLayout(event.target.value as Layout);
            }}
          >
            {(Object.keys(LAYOUT_SIZE) as Layout[]).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        {PRIMARY_TOOLS.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            className="secondary"
            aria-pressed={tool === candidate.id}
            title={`${t(`imaging.tools.${candidate.id}`)} (${candidate.key.toUpperCase()})`}
            onClick={() => setTool(candidate.id)}
          >
            {t(`imaging.tools.${candidate.id}`)}
          </button>
        ))}
        <label>
          {t('imaging.presets.label')}{' '}
          <select
            value=""
            onChange={(event) => {
              const id = event.target.value;
              // Back to the images: the keyboard shortcuts apply again.
              event.target.blur();
              const preset = CT_WINDOW_PRESETS.find((candidate) => candidate.id === id);
              if (preset) run({ kind: 'preset', preset: preset.id });
              if (id === 'auto') run({ kind: 'autoWindow' });
            }}
          >
            <option value="">—</option>
            <option value="auto">{t('imaging.presets.auto')}</option>
            {CT_WINDOW_PRESETS.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {t(`imaging.presets.${preset.id}`)}
              </option>
            ))}
          </select>
        </label>
        {(['invert', 'flipHorizontal', 'flipVertical', 'rotate', 'fit', 'reset'] as const).map(
          (kind) => (
            <button key={kind} type="button" className="secondary" onClick={() => run({ kind })}>
              {t(`imaging.actions.${kind}`)}
            </button>
          ),
        )}
        <button
          type="button"
          className="secondary"
          aria-pressed={cine.playing}
          onClick={() => run({ kind: 'cine' })}
        >
          {t(cine.playing ? 'imaging.cine.stop' : 'imaging.cine.play')}
        </button>
        <label>
          {t('imaging.cine.fps')}{' '}
          <input
            type="number"
            min={1}
            max={60}
            value={cine.fps}
            onChange={(event) =>
              setCine((state) => ({
                ...state,
                fps: Math.max(1, Math.min(60, Number(event.target.value) || 1)),
              }))
            }
          />
        </label>
        <button type="button" className="secondary" onClick={() => run({ kind: 'compare' })}>
          {t('imaging.actions.compare')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-pressed={mpr !== undefined}
          disabled={!activeSeries?.model.reconstructable && !mpr}
          onClick={() => run({ kind: 'mpr' })}
        >
          {t('imaging.actions.mpr')}
        </button>
        {(['scroll', 'voi', 'zoomPan'] as const).map((kind) => (
          <label key={kind} className="sync-toggle">
            <input
              type="checkbox"
              checked={sync[kind]}
              onChange={(event) => setSync((state) => ({ ...state, [kind]: event.target.checked }))}
            />{' '}
            {t(`imaging.sync.${kind}`)}
          </label>
        ))}
        <button
          type="button"
          className="secondary"
          aria-expanded={help}
          onClick={() => setHelp(!help)}
        >
          {t('imaging.actions.help')}
        </button>
      </div>
      {notice ? (
        <p role="status" className="muted" data-testid="viewer-notice">
          {notice}
        </p>
      ) : null}
      {help ? (
        <section
          className="shortcut-help"
          aria-label={t('imaging.helpTitle')}
          data-testid="shortcut-help"
        >
          <h3>{t('imaging.helpTitle')}</h3>
          <dl>
            {SHORTCUTS.map((shortcut) => (
              <div key={shortcut.label}>
                <dt>
                  {shortcut.keys
                    .map((key) => t(`imaging.keys.${key}`, { defaultValue: key.toUpperCase() }))
                    .join(' / ')}
                </dt>
                <dd>{t(shortcut.label)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <div className="viewer-body">
        {mpr ? (
          <MprView
            model={mpr.model}
            imageIds={mpr.imageIds}
            onUnavailable={(reason) => {
              setMpr(undefined);
              setNotice(t(`imaging.mpr.unavailable.${reason}`));
            }}
          />
        ) : null}
        {engine ? (
          <div className={`viewport-grid layout-${layout}`} hidden={mpr !== undefined}>
            {VIEWPORT_IDS.slice(0, visibleCount).map((viewportId, index) => (
              <StackPane
                key={viewportId}
                engine={engine}
                viewportId={viewportId}
                toolGroupId={STACK_TOOLS}
                content={slots[index]}
                store={store}
                patient={patient}
                study={studyOf(slots[index])}
                active={index === active}
                onActivate={() => setActive(index)}
                onDropSeries={(series) => dropInto(index, series)}
                onShown={onShown}
              />
            ))}
          </div>
        ) : (
          <p role="status" className="muted">
            {t('imaging.state.loading')}
          </p>
        )}
        <MeasurementsPanel studyLabel={studyLabel} />
      </div>
    </div>
  );
}
