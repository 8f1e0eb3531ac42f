import { expect, test } from '@playwright/test';
import { addDocument } from './record-fixtures';
import { openPatient } from './patient-navigation';
import { loadedImageWidth } from './image-width';

test.describe('the patient timeline', () => {
  test('opens on the last two years, says so, and widens to the whole record', async ({ page }) => {
    await openPatient(page, 'main');
    const banner = page.getByTestId('identity-banner');
    await expect(banner).toContainText('BERTHELOT');
    await expect(banner).toContainText('RENNES (35238)');
    await expect(page.getByTestId('scope-notice')).toContainText('Liste filtrée');
    await expect(page.getByTestId('timeline-status')).toContainText('entrée');
    const recent = Number(
      (await page.getByTestId('timeline-status').innerText()).match(/\d+/)?.[0],
    );
    expect(recent).toBeGreaterThan(0);

    await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
    await expect(page.getByTestId('scope-notice')).toContainText('Tout le dossier');
    await expect(page.getByTestId('timeline-status')).toContainText('entrées');
    await expect
      .poll(async () =>
        Number((await page.getByTestId('timeline-status').innerText()).match(/\d+/)?.[0]),
      )
      .toBeGreaterThan(recent);
    await page.screenshot({ path: test.info().outputPath('timeline.png') });
  });

  test('filters by type and searches titles', async ({ page }) => {
    await openPatient(page, 'main');
    await expect(page.getByTestId('timeline-row').first()).toBeVisible();
    await page
      .getByRole('combobox', { name: 'Type' })
      .selectOption({ label: 'Compte rendu de biologie' });
    const rows = page.getByTestId('timeline-row');
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts())
      expect(text).toContain('Compte rendu de biologie');
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByRole('searchbox', { name: 'Rechercher dans le dossier' }).fill('thoraco');
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain('thoraco');
  });

  test('an exam entry opens the report and the images side by side', async ({ page }) => {
    await openPatient(page, 'main');
    const exam = page.locator('[data-testid="timeline-row"][data-kind="exam"]').first();
    await expect(exam).toBeVisible();
    await exam.click();
    const pane = page.getByTestId('exam-pane');
    await expect(pane.getByTestId('document-pane')).toBeVisible();
    await expect(pane.getByTestId('series-preview').first()).toBeVisible();
    const loaded = await loadedImageWidth(
      pane.getByTestId('series-preview').first().locator('img'),
    );
    expect(loaded).toBeGreaterThan(0);
    await page.screenshot({ path: test.info().outputPath('exam.png') });
  });

  test('a document added since the last visit is marked new', async ({ page }) => {
    await openPatient(page, 'traveller');
    await expect(page.getByTestId('timeline-row').first()).toBeVisible();
    await expect(page.getByTestId('badge-new')).toHaveCount(0);

    await addDocument('traveller', {
      title: 'Consultation de suivi e2e',
      contentType: 'text/plain',
      bytes: new TextEncoder().encode('Patient revu en consultation.'),
    });

    await page.getByRole('button', { name: /Retour à la liste des patients/ }).click();
    await page
      .getByRole('button', { name: "Ouvrir le dossier de D'ALMEIDA JEAN-BAPTISTE NUNO" })
      .click();
    await expect(page.getByTestId('visit-line')).toContainText('Dernière consultation ici');
    await expect(page.getByTestId('visit-line')).toContainText('1 nouveau document');
    const fresh = page.getByTestId('timeline-row').filter({ hasText: 'Consultation de suivi e2e' });
    await expect(fresh.getByTestId('badge-new')).toHaveText('Nouveau');
  });
});

test('a replaced document shows its latest version, with the earlier ones reachable', async ({
  page,
}) => {
  await openPatient(page, 'scale');
  await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
  // Over 2,000 documents: eleven pages of 200.
  await expect(page.getByTestId('timeline-status')).toContainText('entrées', { timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Du', exact: true }).fill('2025-11-17');
  await page.getByRole('textbox', { name: 'Au', exact: true }).fill('2025-11-19');
  const row = page.getByTestId('timeline-row').filter({ hasText: '2 versions antérieures' });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId('timeline-row').filter({ hasText: 'Prescription' })).toHaveCount(1);
  await row.click();
  const versions = page.getByTestId('versions').getByRole('button');
  await expect(versions).toHaveCount(3);
  await expect(page.getByTestId('superseded-notice')).toHaveCount(0);
  await versions.nth(2).click();
  await expect(page.getByTestId('superseded-notice')).toBeVisible();
  await expect(page.getByTestId('document-viewer')).toBeVisible();
});
