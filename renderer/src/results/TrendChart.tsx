import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabFlag } from '../../../shared/cda/lab-results';
import type { AnalyteSeries, TrendPoint } from '../../../shared/results/trends';
import { linearScale, niceTicks, padded, timeTicks, type TimeUnit } from './chart-scale';
import { formatDate, formatNumber, formatRange, formatTick, formatValue } from './format';
import './results.css';

interface TrendChartProps {
  series: AnalyteSeries;
  onOpenDocument(logicalId: string): void;
}

type PlottedPoint = TrendPoint & { result: { value: number } };

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 24, bottom: 40, left: 64 };
const DAY_MS = 86_400_000;
/** Beyond this many points the flag letters would overlap; the shapes alone still tell. */
const MAX_LETTERED_POINTS = 60;
/** Shape half-widths: full size while points have room, down to a minimum on dense series. */
const SHAPE_SIZE = { max: 6, min: 2.5 };

const TICK_FORMAT: Record<TimeUnit, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric' },
  month: { month: 'short', year: 'numeric' },
  day: { day: 'numeric', month: 'short' },
};

/** A shape per kind of flag, so abnormal points differ by more than colour; `size` is its half-width. */
function PointShape({
  flag,
  x,
  y,
  size,
}: {
  flag: LabFlag | undefined;
  x: number;
  y: number;
  size: number;
}) {
  const foot = size * 0.67;
  switch (flag) {
    case 'high':
    case 'critical-high':
      return (
        <path
          className="trend-shape"
          d={`M${x},${y - size}L${x + size},${y + foot}L${x - size},${y + foot}Z`}
        />
      );
    case 'low':
    case 'critical-low':
      return (
        <path
          className="trend-shape"
          d={`M${x},${y + size}L${x + size},${y - foot}L${x - size},${y - foot}Z`}
        />
      );
    case 'abnormal':
      return (
        <path
          className="trend-shape"
          d={`M${x},${y - size}L${x + size},${y}L${x},${y + size}L${x - size},${y}Z`}
        />
      );
    default:
      return <circle className="trend-shape" cx={x} cy={y} r={foot} />;
  }
}

const KEY_STEPS = new Map<string, (index: number, last: number) => number>([
  ['ArrowRight', (index, last) => Math.min(last, index + 1)],
  ['ArrowUp', (index, last) => Math.min(last, index + 1)],
  ['ArrowLeft', (index) => Math.max(0, index - 1)],
  ['ArrowDown', (index) => Math.max(0, index - 1)],
  ['Home', () => 0],
  ['End', (_, last) => last],
]);

/**
 * One analyte's values over time: reference range as a band, abnormal points as triangles or
 * diamonds with their flag letter. Each point opens its source document; the points form one tab
 * stop, arrow keys move between them.
 */
export function TrendChart({ series, onOpenDocument }: TrendChartProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const titleId = useId();
  const pointsRef = useRef<SVGGElement>(null);
  const plotted = series.points.filter(
    (point): point is PlottedPoint => point.result.value !== undefined,
  );
  const [activeIndex, setActiveIndex] = useState(plotted.length - 1);
  const notPlotted = series.count - plotted.length;
  const { low, high } = series.last.result;

  const caption = (
    <figcaption id={titleId}>
      {t('results.chart.title', { analyte: series.display, unit: series.unit })}
    </figcaption>
  );
  if (plotted.length === 0) {
    return (
      <figure className="trend-chart" data-testid="trend-chart">
        {caption}
        <p>{t('results.chart.noNumeric')}</p>
      </figure>
    );
  }

  const values = plotted.map((point) => point.result.value);
  const bounds = [low, high].filter((bound): bound is number => bound !== undefined);
  const [yMin, yMax] = padded(
    Math.min(...values, ...bounds),
    Math.max(...values, ...bounds),
    0.08,
    Math.abs(values[0] ?? 1) * 0.1 || 1,
  );
  const times = plotted.map((point) => point.time);
  const [xMin, xMax] = padded(Math.min(...times), Math.max(...times), 0.03, DAY_MS);
  const x = linearScale([xMin, xMax], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([yMin, yMax], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const plotLeft = MARGIN.left;
  const plotRight = WIDTH - MARGIN.right;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const xTicks = timeTicks(xMin, xMax);
  const current = Math.min(activeIndex, plotted.length - 1);
  const lettered = plotted.length <= MAX_LETTERED_POINTS;
  const size = Math.max(
    SHAPE_SIZE.min,
    Math.min(SHAPE_SIZE.max, (plotRight - plotLeft) / plotted.length),
  );
  const range = formatRange(low, high, locale, t);

  const focusPoint = (index: number) => {
    setActiveIndex(index);
    pointsRef.current?.querySelectorAll<SVGGElement>('[data-testid="trend-point"]')[index]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, index: number, logicalId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpenDocument(logicalId);
      return;
    }
    const step = KEY_STEPS.get(event.key);
    if (!step) return;
    event.preventDefault();
    focusPoint(step(index, plotted.length - 1));
  };

  let band: ReactNode = null;
  if (range !== undefined) {
    const top = y(high ?? yMax);
    const bottom = y(low ?? yMin);
    band = (
      <rect
        className="reference-band"
        data-testid="reference-band"
        x={plotLeft}
        y={top}
        width={plotRight - plotLeft}
        height={Math.max(0, bottom - top)}
      >
        <title>{t('results.chart.referenceBand', { range })}</title>
      </rect>
    );
  }

  return (
    <figure className="trend-chart" data-testid="trend-chart" data-loinc={series.loinc}>
      {caption}
      <svg
        className={size < SHAPE_SIZE.max ? 'trend-svg trend-dense' : 'trend-svg'}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-labelledby={titleId}
      >
        {band}
        <g className="trend-axis" aria-hidden="true">
          {niceTicks(yMin, yMax).map((tick) => (
            <g key={tick}>
              <line className="trend-grid" x1={plotLeft} x2={plotRight} y1={y(tick)} y2={y(tick)} />
              <text x={plotLeft - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle">
                {formatNumber(tick, locale)}
              </text>
            </g>
          ))}
          {xTicks.ticks.map((tick) => (
            <g key={tick}>
              <line x1={x(tick)} x2={x(tick)} y1={plotBottom} y2={plotBottom + 5} />
              <text x={x(tick)} y={plotBottom + 18} textAnchor="middle">
                {formatTick(tick, locale, TICK_FORMAT[xTicks.unit])}
              </text>
            </g>
          ))}
          <line x1={plotLeft} x2={plotLeft} y1={MARGIN.top} y2={plotBottom} />
          <line x1={plotLeft} x2={plotRight} y1={plotBottom} y2={plotBottom} />
          <text x={12} y={MARGIN.top} dominantBaseline="hanging">
            {series.unit}
          </text>
        </g>
        <polyline
          className="trend-line"
          aria-hidden="true"
          points={plotted.map((point) => `${x(point.time)},${y(point.result.value)}`).join(' ')}
        />
        <g ref={pointsRef}>
          {plotted.map((point, index) => {
            const px = x(point.time);
            const py = y(point.result.value);
            const { sourceLogicalId } = point.result;
            const label = t('results.chart.point', {
              value: formatValue(point.result, locale),
              unit: point.result.unit,
              date: formatDate(point.result.effectiveTime, locale),
              flag: t(`results.flags.${point.flag ?? 'unknown'}`),
            });
            const above = point.flag === 'high' || point.flag === 'critical-high';
            return (
              <g
                key={`${point.time}-${sourceLogicalId}-${index}`}
                className={`trend-point trend-point-${point.flag ?? 'unknown'}`}
                data-testid="trend-point"
                data-abnormal={String(point.abnormal)}
                data-value={point.result.valueText}
                data-logical-id={sourceLogicalId}
                role="button"
                tabIndex={index === current ? 0 : -1}
                aria-label={label}
                onClick={() => onOpenDocument(sourceLogicalId)}
                onKeyDown={(event) => onKeyDown(event, index, sourceLogicalId)}
                onFocus={() => setActiveIndex(index)}
              >
                <title>{label}</title>
                <circle className="trend-hit" cx={px} cy={py} r={size + 3} />
                <PointShape flag={point.flag} x={px} y={py} size={size} />
                {lettered && point.abnormal && point.flag ? (
                  <text
                    className="trend-letter"
                    x={px}
                    y={above ? py - size - 4 : py + size + 4}
                    textAnchor="middle"
                    dominantBaseline={above ? 'auto' : 'hanging'}
                    aria-hidden="true"
                  >
                    {t(`results.flagMarks.${point.flag}`)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      </svg>
      <ChartLegend />
      {notPlotted > 0 ? (
        <p className="trend-note">{t('results.chart.notPlotted', { count: notPlotted })}</p>
      ) : null}
    </figure>
  );
}

function ChartLegend() {
  const { t } = useTranslation();
  const entries: LabFlag[] = ['normal', 'high', 'low', 'abnormal'];
  return (
    <ul className="trend-legend">
      {entries.map((flag) => (
        <li key={flag} className={`trend-point-${flag}`}>
          <svg viewBox="-8 -8 16 16" className="trend-legend-shape" aria-hidden="true">
            <PointShape flag={flag} x={0} y={0} size={SHAPE_SIZE.max} />
          </svg>
          {t(`results.chart.legend.${flag}`)}
        </li>
      ))}
    </ul>
  );
}
