// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabResult } from '../../../shared/cda/lab-results';
import { initI18n } from '../../../renderer/src/i18n/i18n';
import { LabResultsPanel } from '../../../renderer/src/results/LabResultsPanel';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

function result(overrides: Partial<LabResult>): LabResult {
  return {
    loinc: '2160-0',
    display: 'Créatinine',
    value: 9,
    valueText: '9.0',
    unit: 'mg/L',
    low: 5,
    high: 10,
    flag: 'normal',
    effectiveTime: '2025-01-10T07:30:00+01:00',
    sourceLogicalId: 'bio-1',
    ...overrides,
  };
}

const RESULTS: LabResult[] = [
  result({}),
  result({
    value: 11.4,
    valueText: '11.4',
    flag: 'high',
    effectiveTime: '2025-03-10T07:30:00+01:00',
    sourceLogicalId: 'bio-3',
  }),
  result({
    value: 9.8,
    valueText: '9.8',
    flag: undefined,
    effectiveTime: '2025-02-10T07:30:00+01:00',
    sourceLogicalId: 'bio-2',
  }),
  result({
    loinc: '2823-3',
    display: 'Potassium',
    value: 3.1,
    valueText: '3.1',
    unit: 'mmol/L',
    low: 3.5,
    high: 5,
    flag: 'low',
    effectiveTime: '2025-02-10T07:30:00+01:00',
    sourceLogicalId: 'bio-2',
  }),
];

let container: HTMLElement;
let root: Root;

beforeAll(async () => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  await initI18n('fr');
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(results: LabResult[], onOpenDocument = vi.fn()) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<LabResultsPanel results={results} onOpenDocument={onOpenDocument} />));
  return onOpenDocument;
}

const all = (testId: string) => [...container.querySelectorAll(`[data-testid="${testId}"]`)];
const one = (testId: string) => {
  const element = container.querySelector(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no ${testId}`);
  return element;
};

describe('LabResultsPanel', () => {
  it('lists one row per analyte with its last value, range, flag and number of measures', () => {
    render(RESULTS);
    expect(one('results-table')).toBeTruthy();
    const rows = all('results-row');
    expect(rows.map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Créatinine',
      'Potassium',
    ]);
    const [creatinine, potassium] = rows;
    expect(
      creatinine?.querySelector('[data-testid="results-last-value"]')?.textContent?.trim(),
    ).toBe('11,4 mg/L');
    expect(creatinine?.textContent).toContain('5 – 10');
    expect(creatinine?.textContent).toContain('Élevé');
    expect(creatinine?.querySelector('[data-testid="results-count"]')?.textContent).toBe(
      '3 mesures dont 1 hors normes',
    );
    expect(
      potassium?.querySelector('[data-testid="results-last-value"]')?.textContent?.trim(),
    ).toBe('3,1 mmol/L');
    expect(potassium?.textContent).toContain('Bas');
  });

  it('charts one point per measure of the selected analyte, abnormal ones marked by shape and letter', () => {
    render(RESULTS);
    expect(one('trend-chart').getAttribute('data-loinc')).toBe('2160-0');
    const points = all('trend-point');
    expect(points.map((point) => point.getAttribute('data-value'))).toEqual(['9.0', '9.8', '11.4']);
    expect(points.map((point) => point.getAttribute('data-abnormal'))).toEqual([
      'false',
      'false',
      'true',
    ]);
    const [normal, , high] = points;
    expect(normal?.querySelector('.trend-shape')?.tagName).toBe('circle');
    expect(high?.querySelector('.trend-shape')?.tagName).toBe('path');
    expect(high?.querySelector('.trend-letter')?.textContent).toBe('H');
    expect(high?.getAttribute('aria-label')).toContain('11,4 mg/L');
    expect(high?.querySelector('title')?.textContent).toBe(high?.getAttribute('aria-label'));
    expect(one('reference-band').querySelector('title')?.textContent).toContain('5 – 10');
  });

  it('opens the source document of a point by click or keyboard', () => {
    const onOpenDocument = render(RESULTS);
    const points = all('trend-point') as SVGGElement[];
    act(() => points[1]?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(onOpenDocument).toHaveBeenLastCalledWith('bio-2');
    expect(points.map((point) => point.getAttribute('tabindex'))).toEqual(['-1', '-1', '0']);
    act(() => {
      points[2]?.focus();
      points[2]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(document.activeElement).toBe(points[1]);
    act(() => {
      points[1]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    });
    act(() => {
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
      );
    });
    expect(onOpenDocument).toHaveBeenLastCalledWith('bio-1');
  });

  it('charts the analyte whose row is clicked', () => {
    render(RESULTS);
    const potassium = all('results-row')[1] as HTMLElement;
    act(() => potassium.click());
    expect(one('trend-chart').getAttribute('data-loinc')).toBe('2823-3');
    expect(all('trend-point').map((point) => point.getAttribute('data-abnormal'))).toEqual([
      'true',
    ]);
    expect(potassium.querySelector('button')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('says so when there is no result', () => {
    render([]);
    expect(all('results-table')).toEqual([]);
    expect(container.textContent).toContain('Aucun résultat de biologie');
  });
});
