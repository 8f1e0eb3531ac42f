import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudySummary } from '../../../../shared/domain/study';
import { imagingErrorOf, type ImagingError } from '../../../../shared/imaging/imaging-error';
import { formatDate } from '../../timeline/entry-labels';
import { SERIES_DRAG_TYPE, type DraggedSeries } from '../viewer/slot-content';
import { listImageSeries, type SeriesSummary } from '../viewer/study-series';
import { seriesThumbnail } from './series-thumbnails';

/**
 * A series' representative image: the PACS's rendering of its middle instance, or, where the PACS
 * cannot render it (JPEG 2000, HTJ2K on Orthanc), that frame decoded here.
 */
function SeriesThumbnail({
  gatewayBase,
  studyUid,
  series,
}: {
  gatewayBase: string;
  studyUid: string;
  series: SeriesSummary;
}) {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    let made: string | undefined;
    seriesThumbnail(gatewayBase, studyUid, series, controller.signal).then(
      (url) => {
        made = url;
        if (controller.signal.aborted && url) URL.revokeObjectURL(url);
        else setUrl(url);
      },
      () => undefined,
    );
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [gatewayBase, studyUid, series]);
  return url ? (
    <img className="series-thumbnail" src={url} alt="" data-testid="series-thumbnail" />
  ) : (
    <span className="series-thumbnail placeholder" aria-hidden="true" />
  );
}

function StudySeries({
  study,
  gatewayBase,
  onOpenSeries,
}: {
  study: StudySummary;
  gatewayBase: string;
  onOpenSeries(series: DraggedSeries): void;
}) {
  const { t } = useTranslation();
  const [series, setSeries] = useState<SeriesSummary[] | ImagingError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    listImageSeries(gatewayBase, study.studyInstanceUid, controller.signal).then(
      setSeries,
      (error: unknown) => {
        if (!controller.signal.aborted) setSeries(imagingErrorOf(error));
      },
    );
    return () => controller.abort();
  }, [gatewayBase, study.studyInstanceUid, attempt]);

  if (!series) return <p className="muted">{t('imaging.state.loading')}</p>;
  if (!Array.isArray(series)) {
    return (
      <p role="alert" className="warning">
        {t(`imaging.errors.${series.kind}`)}{' '}
        <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('imaging.retry')}
        </button>
      </p>
    );
  }
  return (
    <ul className="series-list">
      {series.map((item) => {
        const dragged: DraggedSeries = {
          sourceId: study.sourceId,
          studyInstanceUid: study.studyInstanceUid,
          seriesInstanceUid: item.seriesInstanceUid,
        };
        return (
          <li key={item.seriesInstanceUid}>
            <button
              type="button"
              className="series-item"
              draggable
              data-testid="series-item"
              onDragStart={(event) => {
                event.dataTransfer.setData(SERIES_DRAG_TYPE, JSON.stringify(dragged));
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onOpenSeries(dragged)}
              title={t('imaging.browser.dragHint')}
            >
              <SeriesThumbnail
                gatewayBase={gatewayBase}
                studyUid={study.studyInstanceUid}
                series={item}
              />
              <span>
                {item.modality} {item.number !== undefined ? `#${item.number}` : ''} ·{' '}
                {item.description ?? ''}
                <br />
                <span className="muted">
                  {t('timeline.instanceCount', { count: item.instanceCount ?? 0 })}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The open patient's studies, newest first; a study unfolds its series with thumbnails. */
export function StudyBrowser({
  studies,
  gatewayOf,
  openStudyUids,
  onOpenStudy,
  onOpenSeries,
}: {
  studies: readonly StudySummary[];
  gatewayOf(sourceId: string): string | undefined;
  openStudyUids: readonly string[];
  onOpenStudy(study: StudySummary): void;
  onOpenSeries(series: DraggedSeries): void;
}) {
  const { t, i18n } = useTranslation();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const sorted = [...studies].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  if (sorted.length === 0) return <p className="muted">{t('imaging.browser.none')}</p>;
  return (
    <ul
      className="study-browser"
      aria-label={t('imaging.browser.title')}
      data-testid="study-browser"
    >
      {sorted.map((study) => {
        const gatewayBase = gatewayOf(study.sourceId);
        const open =
          expanded.has(study.studyInstanceUid) || openStudyUids.includes(study.studyInstanceUid);
        return (
          <li key={study.studyInstanceUid} className="study-item" data-testid="study-item">
            <div className="study-line">
              <button
                type="button"
                className="secondary"
                aria-expanded={open}
                aria-label={t('imaging.browser.showSeries')}
                onClick={() =>
                  setExpanded((previous) => {
                    const next = new Set(previous);
                    if (next.has(study.studyInstanceUid)) next.delete(study.studyInstanceUid);
                    else next.add(study.studyInstanceUid);
                    return next;
                  })
                }
              >
                {open ? '▾' : '▸'}
              </button>
              <button type="button" className="study-open" onClick={() => onOpenStudy(study)}>
                <strong>{formatDate(i18n.language, study.date)}</strong> ·{' '}
                {study.modalities.join(', ')} · {study.description ?? ''}
                <br />
                <span className="muted">
                  {study.bodyPart ? `${study.bodyPart} · ` : ''}
                  {t('timeline.seriesCount', { count: study.seriesCount ?? 0 })} ·{' '}
                  {t('timeline.instanceCount', { count: study.instanceCount ?? 0 })}
                </span>
              </button>
            </div>
            {open && gatewayBase ? (
              <StudySeries study={study} gatewayBase={gatewayBase} onOpenSeries={onOpenSeries} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
