import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowserHost } from '../../electron/browser-host/main';
import { startDemoTestbed } from '../testbed/demo-testbed';
import { patientByKey } from '../testbed/synthetic/patients';
import { openPatient } from './patient-navigation';
import { clearRecordFaults, setRecordFaults } from './record-faults';
import { loadedImageWidth } from './image-width';

test('with the sources stopped, the cached timeline, a report and an image open under the offline banner', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Its own sources and host, since this test stops them.
  const testbed = await startDemoTestbed();
  const dataDir = mkdtempSync(join(tmpdir(), 'regard-offline-'));
  const host = await launchBrowserHost({
    env: {
      ...testbed.env,
      REGARD_DATA_DIR: dataDir,
      REGARD_POLICY_FILE: join(dataDir, 'none.json'),
    },
    rendererDir: resolve(import.meta.dirname, '../../dist/renderer'),
    version: 'e2e-offline',
  });
  try {
    const patient = patientByKey('main');
    await page.goto(host.url);
    await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(patient.ins);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('button', { name: /Ouvrir le dossier de BERTHELOT/ }).click();
    await expect(
      page.getByTestId('cache-status').or(page.getByTestId('identity-banner')).first(),
    ).toBeVisible();
    const exam = page.locator('[data-testid="timeline-row"][data-kind="exam"]').first();
    await exam.click();
    await expect(page.getByTestId('exam-pane').getByTestId('document-viewer')).toBeVisible();
    await expect(page.getByTestId('series-preview').first().locator('img')).toBeVisible();
    const entries = () => page.getByTestId('timeline-status').innerText();
    await expect(page.getByTestId('timeline-status')).toContainText('entrées');
    const onlineEntries = await entries();

    await testbed.stop();
    await page.reload();
    await expect(page.getByTestId('recent-offline')).toBeVisible();
    await page
      .getByTestId('recent-offline')
      .getByRole('button', { name: /Ouvrir le dossier de BERTHELOT/ })
      .click();
    await expect(page.getByTestId('offline-banner')).toContainText('Hors ligne');
    await expect(page.getByTestId('banner-ins')).toHaveText(patient.ins);
    await expect(page.getByTestId('timeline-status')).toHaveText(onlineEntries);
    await page.locator('[data-testid="timeline-row"][data-kind="exam"]').first().click();
    await expect(page.getByTestId('exam-pane').getByTestId('document-viewer')).toBeVisible();
    const width = await loadedImageWidth(page.getByTestId('series-preview').first().locator('img'));
    expect(width).toBeGreaterThan(0);
    await page.screenshot({ path: test.info().outputPath('offline.png') });
  } finally {
    await host.close();
    await testbed.stop().catch(() => undefined);
  }
});

test('when the source comes back, the offline view refreshes by itself', async ({ page }) => {
  await openPatient(page, 'traveller');
  // What was fetched is kept as soon as it is written: the reload comes right after the visit.
  await page.getByTestId('timeline-row').first().click();
  await expect(page.getByTestId('document-pane')).toBeVisible();
  await setRecordFaults({ failNext: { count: 1000, status: 503 } });
  try {
    await page.reload();
    await page
      .getByTestId('recent-offline')
      .getByRole('button', { name: /Ouvrir le dossier de D'ALMEIDA/ })
      .click();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
  } finally {
    await clearRecordFaults();
  }
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('timeline-status')).toContainText('entrées');
});

test('forgetting a patient on this workstation erases it from the offline list', async ({
  page,
}) => {
  await openPatient(page, 'child');
  await page.getByTestId('timeline-row').first().click();
  await expect(page.getByTestId('document-pane')).toBeVisible();
  await page.getByRole('button', { name: 'Oublier ce patient sur ce poste' }).click();
  await expect(page.getByTestId('forgotten-notice')).toBeVisible();
  await setRecordFaults({ failNext: { count: 1000, status: 503 } });
  try {
    await page.reload();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expect(
      page.getByRole('button', { name: /Ouvrir le dossier de MOREAU-KHALIL/ }),
    ).toHaveCount(0);
  } finally {
    await clearRecordFaults();
  }
});
