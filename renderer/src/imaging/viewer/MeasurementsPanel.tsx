import { getRenderingEngines } from '@cornerstonejs/core';
import { annotation, Enums as ToolEnums, type Types as ToolTypes } from '@cornerstonejs/tools';
import { eventTarget } from '@cornerstonejs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

interface MeasurementRow {
  uid: string;
  tool: string;
  studyInstanceUid: string | undefined;
  values: string[];
}

const STUDY_IN_IMAGE_ID = /\/studies\/([0-9.]+)\//;
const TOOL_KEYS: Record<string, string> = {
  Length: 'length',
  Angle: 'angle',
  EllipticalROI: 'ellipse',
  RectangleROI: 'rectangle',
  Probe: 'probe',
};

type Stats = Record<string, number | string | undefined>;

const fixed = (value: unknown, digits = 1) =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : undefined;

/** The numbers a radiologist reads off each measurement, with their units. */
function describe(item: ToolTypes.Annotation, t: TFunction): string[] {
  const cached = (item.data as { cachedStats?: Record<string, Stats> }).cachedStats ?? {};
  const stats = Object.values(cached)[0];
  if (!stats) return [];
  const unit = typeof stats.modalityUnit === 'string' ? ` ${stats.modalityUnit}` : '';
  const lines: string[] = [];
  const length = fixed(stats.length);
  if (length) lines.push(`${length} ${String(stats.unit ?? 'mm')}`);
  const angle = fixed(stats.angle);
  if (angle) lines.push(`${angle}°`);
  const area = fixed(stats.area);
  if (area)
    lines.push(t('imaging.measure.area', { value: area, unit: String(stats.areaUnit ?? 'mm²') }));
  const mean = fixed(stats.mean);
  if (mean) lines.push(t('imaging.measure.mean', { value: mean, unit }));
  const sd = fixed(stats.stdDev);
  if (sd) lines.push(t('imaging.measure.sd', { value: sd, unit }));
  const min = fixed(stats.min);
  const max = fixed(stats.max);
  if (min && max) lines.push(t('imaging.measure.range', { min, max, unit }));
  const value = fixed(stats.value);
  if (value && !mean) lines.push(`${value}${unit}`);
  return lines;
}

function readRows(t: TFunction): MeasurementRow[] {
  return annotation.state
    .getAllAnnotations()
    .filter((item) => TOOL_KEYS[item.metadata?.toolName ?? ''] !== undefined && item.annotationUID)
    .map((item) => ({
      uid: item.annotationUID ?? '',
      tool: TOOL_KEYS[item.metadata?.toolName ?? ''] ?? '',
      studyInstanceUid: STUDY_IN_IMAGE_ID.exec(item.metadata?.referencedImageId ?? '')?.[1],
      values: describe(item, t),
    }));
}

/** The measurements of the open studies, grouped by study, each removable. */
export function MeasurementsPanel({
  studyLabel,
}: {
  studyLabel(studyInstanceUid: string | undefined): string;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<MeasurementRow[]>([]);

  useEffect(() => {
    const refresh = () => setRows(readRows(t));
    refresh();
    const events = [
      ToolEnums.Events.ANNOTATION_COMPLETED,
      ToolEnums.Events.ANNOTATION_MODIFIED,
      ToolEnums.Events.ANNOTATION_REMOVED,
    ];
    for (const name of events) eventTarget.addEventListener(name, refresh);
    return () => {
      for (const name of events) eventTarget.removeEventListener(name, refresh);
    };
  }, [t]);

  const remove = (uid: string) => {
    annotation.state.removeAnnotation(uid);
    for (const engine of getRenderingEngines() ?? []) engine.render();
    setRows(readRows(t));
  };

  const studies = [...new Set(rows.map((row) => row.studyInstanceUid))];
  return (
    <section
      className="measurements"
      aria-label={t('imaging.measure.title')}
      data-testid="measurements"
    >
      <h3>{t('imaging.measure.title')}</h3>
      {rows.length === 0 ? <p className="muted">{t('imaging.measure.none')}</p> : null}
      {studies.map((studyUid) => (
        <div key={studyUid ?? 'unknown'}>
          <h4>{studyLabel(studyUid)}</h4>
          <ul>
            {rows
              .filter((row) => row.studyInstanceUid === studyUid)
              .map((row) => (
                <li key={row.uid} data-testid="measurement">
                  <span className="measurement-tool">{t(`imaging.tools.${row.tool}`)}</span>{' '}
                  <span data-testid="measurement-values">{row.values.join(' · ')}</span>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('imaging.measure.remove', {
                      tool: t(`imaging.tools.${row.tool}`),
                    })}
                    onClick={() => remove(row.uid)}
                  >
                    ×
                  </button>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
