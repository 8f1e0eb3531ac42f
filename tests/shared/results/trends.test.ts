import { describe, expect, it } from 'vitest';
import type { LabResult } from '../../../shared/cda/lab-results';
import { analyteSeries, effectiveFlag } from '../../../shared/results/trends';

function result(overrides: Partial<LabResult>): LabResult {
  return {
    loinc: '2160-0',
    display: 'Créatinine',
    value: 9,
    valueText: '9.0',
    unit: 'mg/L',
    low: 5,
    high: 10,
    flag: undefined,
    effectiveTime: '2025-01-01T07:30:00+01:00',
    sourceLogicalId: 'doc-1',
    ...overrides,
  };
}

describe('effectiveFlag', () => {
  it('keeps the laboratory’s interpretation over the range', () => {
    expect(effectiveFlag(result({ value: 9, flag: 'high' }))).toBe('high');
  });

  it('judges the value against its range when the laboratory gave no interpretation', () => {
    expect(effectiveFlag(result({ value: 11 }))).toBe('high');
    expect(effectiveFlag(result({ value: 4 }))).toBe('low');
    expect(effectiveFlag(result({ value: 10 }))).toBe('normal');
    expect(effectiveFlag(result({ value: 2, low: undefined }))).toBe('normal');
    expect(effectiveFlag(result({ value: 9, low: undefined, high: undefined }))).toBeUndefined();
    expect(effectiveFlag(result({ value: undefined, valueText: '< 5' }))).toBeUndefined();
  });
});

describe('analyteSeries', () => {
  it('groups per analyte, sorts by time and summarises the last value', () => {
    const series = analyteSeries([
      result({ value: 12, valueText: '12.0', effectiveTime: '2025-03-01', sourceLogicalId: 'c' }),
      result({ value: 8, effectiveTime: '2025-01-01', sourceLogicalId: 'a' }),
      result({ loinc: '2823-3', display: 'Potassium', unit: 'mmol/L', value: 4.2, low: 3.5 }),
      result({ value: 9.5, effectiveTime: '2025-02-01', sourceLogicalId: 'b', flag: 'normal' }),
    ]);
    expect(series.map((analyte) => analyte.display)).toEqual(['Créatinine', 'Potassium']);
    const [creatinine] = series;
    expect(creatinine?.points.map((point) => point.result.sourceLogicalId)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(creatinine).toMatchObject({
      key: '2160-0|mg/L',
      loinc: '2160-0',
      unit: 'mg/L',
      count: 3,
      abnormalCount: 1,
      direction: 'up',
      unitConflict: false,
      last: { flag: 'high', abnormal: true, result: { value: 12, sourceLogicalId: 'c' } },
    });
  });

  it('never mixes units: one series per unit, each flagged', () => {
    const series = analyteSeries([
      result({ value: 9 }),
      result({ unit: 'µmol/L', value: 80, low: 45, high: 90, effectiveTime: '2025-02-01' }),
      result({ unit: 'µmol/L', value: 95, low: 45, high: 90, effectiveTime: '2025-03-01' }),
    ]);
    expect(series.map(({ unit, count, unitConflict }) => ({ unit, count, unitConflict }))).toEqual([
      { unit: 'mg/L', count: 1, unitConflict: true },
      { unit: 'µmol/L', count: 2, unitConflict: true },
    ]);
  });

  it('calls a change within 5% of the normal range stable, and needs two numeric values', () => {
    const pair = (previous: number, last: number) =>
      analyteSeries([
        result({ value: previous }),
        result({ value: last, effectiveTime: '2025-02-01' }),
      ])[0]?.direction;
    expect(pair(8, 8.2)).toBe('stable');
    expect(pair(8, 8.3)).toBe('up');
    expect(pair(8, 7.5)).toBe('down');
    expect(analyteSeries([result({})])[0]?.direction).toBeUndefined();
    expect(
      analyteSeries([
        result({}),
        result({ value: undefined, valueText: '< 5', effectiveTime: '2025-02-01' }),
      ])[0],
    ).toMatchObject({ count: 2, direction: undefined, last: { result: { valueText: '< 5' } } });
  });

  it('leaves out results whose date cannot be read', () => {
    expect(analyteSeries([result({ effectiveTime: 'not a date' })])).toEqual([]);
  });
});
