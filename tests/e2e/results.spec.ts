import { expect, test } from '@playwright/test';
import { extractLabResults } from '../../shared/cda/lab-results';
import { effectiveFlag } from '../../shared/results/trends';
import { ensureSyntheticData } from '../testbed/synthetic';
import { openPatient } from './patient-navigation';

const CREATININE = '2160-0';

/** The creatinine results in the main patient's current lab reports, read in Node. */
async function expectedCreatinine() {
  const data = await ensureSyntheticData();
  const decoder = new TextDecoder();
  return data.records.documents
    .filter((d) => d.patientKey === 'main' && d.kind === 'crBio' && d.status === 'current')
    .flatMap((d) =>
      extractLabResults(decoder.decode(d.content), { logicalId: d.key }).results.filter(
        (r) => r.loinc === CREATININE,
      ),
    )
    .sort((a, b) => (a.valueText < b.valueText ? -1 : 1));
}

test('lab results: a trend per analyte with the right values, each point opening its report', async ({
  page,
}) => {
  const expected = await expectedCreatinine();
  expect(expected.length).toBeGreaterThan(3);
  const expectedValues = expected.map((r) => r.valueText);
  const expectedAbnormal = expected.filter((r) => {
    const flag = effectiveFlag(r);
    return flag !== undefined && flag !== 'normal';
  }).length;

  await openPatient(page, 'main');
  await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
  await expect(page.getByTestId('timeline-status')).toContainText('entrées');
  await page.getByRole('tab', { name: 'Résultats biologiques' }).click();
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 30_000 });

  await page.locator(`[data-testid="results-row"][data-loinc="${CREATININE}"]`).click();
  const chart = page.locator(`[data-testid="trend-chart"][data-loinc="${CREATININE}"]`);
  await expect(chart).toBeVisible();
  const points = chart.getByTestId('trend-point');
  await expect(points).toHaveCount(expected.length);
  const shown = (
    await points.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-value') ?? ''))
  ).sort();
  expect(shown).toEqual(expectedValues);
  await expect(chart.getByTestId('reference-band')).toBeVisible();
  await expect(chart.locator('[data-testid="trend-point"][data-abnormal="true"]')).toHaveCount(
    expectedAbnormal,
  );
  await page.screenshot({ path: test.info().outputPath('results.png') });

  const source = await points.last().getAttribute('data-logical-id');
  await points.last().click();
  await expect(page.getByTestId('document-pane')).toBeVisible();
  await expect(page.locator('[data-testid="timeline-row"][aria-pressed="true"]')).toHaveCount(1);
  expect(source).toBeTruthy();
});
