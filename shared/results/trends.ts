import type { LabFlag, LabResult } from '../cda/lab-results';

export type TrendDirection = 'up' | 'down' | 'stable';

export interface TrendPoint {
  result: LabResult;
  /** Milliseconds since the epoch, for ordering and plotting. */
  time: number;
  /** The laboratory's interpretation, else the value against its reference range. */
  flag: LabFlag | undefined;
  abnormal: boolean;
}

/** One analyte in one unit, oldest measure first. */
export interface AnalyteSeries {
  /** LOINC code and unit: an analyte reported in two units makes two series. */
  key: string;
  loinc: string;
  display: string;
  unit: string;
  points: TrendPoint[];
  last: TrendPoint;
  count: number;
  abnormalCount: number;
  /** Last numeric value against the previous one; undefined with fewer than two. */
  direction: TrendDirection | undefined;
  /** Other series hold this analyte in other units; values are never converted between them. */
  unitConflict: boolean;
}

/** A change smaller than this share of the normal range (or of the previous value) is stable. */
const STABLE_SHARE = 0.05;

/** The laboratory's interpretation wins; without one, the value is judged against its range. */
export function effectiveFlag(result: LabResult): LabFlag | undefined {
  if (result.flag) return result.flag;
  const { value, low, high } = result;
  if (value === undefined || (low === undefined && high === undefined)) return undefined;
  if (low !== undefined && value < low) return 'low';
  if (high !== undefined && value > high) return 'high';
  return 'normal';
}

function directionOf(points: readonly TrendPoint[]): TrendDirection | undefined {
  const numeric = points.filter((point) => point.result.value !== undefined);
  const last = numeric.at(-1)?.result;
  const previous = numeric.at(-2)?.result;
  if (last?.value === undefined || previous?.value === undefined) return undefined;
  const scale =
    last.low !== undefined && last.high !== undefined && last.high > last.low
      ? last.high - last.low
      : Math.abs(previous.value);
  const change = last.value - previous.value;
  if (Math.abs(change) <= scale * STABLE_SHARE) return 'stable';
  return change > 0 ? 'up' : 'down';
}

function seriesOf(key: string, points: TrendPoint[], unitConflict: boolean): AnalyteSeries {
  const sorted = points.toSorted((a, b) => a.time - b.time);
  const last = sorted.at(-1) as TrendPoint;
  return {
    key,
    loinc: last.result.loinc,
    display: last.result.display,
    unit: last.result.unit,
    points: sorted,
    last,
    count: sorted.length,
    abnormalCount: sorted.filter((point) => point.abnormal).length,
    direction: directionOf(sorted),
    unitConflict,
  };
}

/** Groups results per analyte and unit, sorted by time; series ordered by name, then unit. */
export function analyteSeries(results: readonly LabResult[]): AnalyteSeries[] {
  const groups = new Map<string, TrendPoint[]>();
  const unitsPerLoinc = new Map<string, Set<string>>();
  for (const result of results) {
    const time = Date.parse(result.effectiveTime);
    if (!Number.isFinite(time)) continue;
    const flag = effectiveFlag(result);
    const key = `${result.loinc}|${result.unit}`;
    const point = { result, time, flag, abnormal: flag !== undefined && flag !== 'normal' };
    const group = groups.get(key) ?? [];
    group.push(point);
    groups.set(key, group);
    unitsPerLoinc.set(
      result.loinc,
      (unitsPerLoinc.get(result.loinc) ?? new Set()).add(result.unit),
    );
  }
  return [...groups]
    .map(([key, points]) => {
      const loinc = points[0]?.result.loinc ?? '';
      return seriesOf(key, points, (unitsPerLoinc.get(loinc)?.size ?? 0) > 1);
    })
    .sort((a, b) => a.display.localeCompare(b.display, 'fr') || a.unit.localeCompare(b.unit));
}
