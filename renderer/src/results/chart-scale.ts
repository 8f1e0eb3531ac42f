/** Plot geometry for the trend chart: linear scales and readable ticks. */

export type Scale = (value: number) => number;

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const ratio = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * ratio;
}

/** Widens a domain by a share of its span, or around a single value. */
export function padded(
  min: number,
  max: number,
  share: number,
  fallback: number,
): [number, number] {
  const span = max - min;
  const pad = span > 0 ? span * share : fallback;
  return [min - pad, max + pad];
}

/** Round steps (1, 2, 5 × 10^n) covering [min, max] in about `count` ticks. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step / 1e6; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

export type TimeUnit = 'year' | 'month' | 'day';

const DAY_MS = 86_400_000;

/** Local calendar boundaries (new years, months or days) between two instants, at most `count`. */
export function timeTicks(
  min: number,
  max: number,
  count = 6,
): { unit: TimeUnit; ticks: number[] } {
  const span = max - min;
  const unit: TimeUnit = span > 2 * 365 * DAY_MS ? 'year' : span > 60 * DAY_MS ? 'month' : 'day';
  const start = new Date(min);
  const cursor =
    unit === 'year'
      ? new Date(start.getFullYear(), 0, 1)
      : unit === 'month'
        ? new Date(start.getFullYear(), start.getMonth(), 1)
        : new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const all: number[] = [];
  while (cursor.getTime() <= max) {
    if (cursor.getTime() >= min) all.push(cursor.getTime());
    if (unit === 'year') cursor.setFullYear(cursor.getFullYear() + 1);
    else if (unit === 'month') cursor.setMonth(cursor.getMonth() + 1);
    else cursor.setDate(cursor.getDate() + 1);
  }
  const every = Math.max(1, Math.ceil(all.length / count));
  return { unit, ticks: all.filter((_, index) => index % every === 0) };
}
