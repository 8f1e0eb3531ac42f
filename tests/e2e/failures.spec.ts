import { expect, test } from '@playwright/test';
import { openPatient } from './patient-navigation';
import { clearRecordFaults, setRecordFaults } from './record-faults';

test.afterEach(clearRecordFaults);

test('a slow record source (3 s per answer) shows progress and leaves the interface usable', async ({
  page,
}) => {
  await openPatient(page, 'main');
  await page.getByRole('button', { name: /Retour à la liste des patients/ }).click();
  await setRecordFaults({ latencyMs: 3000 });

  await page.getByRole('button', { name: /Ouvrir le dossier de BERTHELOT/ }).click();
  await expect(page.getByRole('status').first()).toContainText(/Recherche en cours|Chargement/, {
    timeout: 500,
  });
  // The interface answers while the source is slow.
  const started = Date.now();
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await expect(page.getByTestId('demo-badge')).toHaveText('Fictitious demonstration data');
  expect(Date.now() - started).toBeLessThan(1500);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByTestId('timeline-row').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('timeline-status')).toContainText('entrées');
});

test('a failing record source says what happened, keeps the app working, and retries in one click', async ({
  page,
}) => {
  await openPatient(page, 'main');
  await expect(page.getByTestId('timeline-row').first()).toBeVisible();
  await setRecordFaults({ failNext: { count: 1, status: 503 } });
  await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
  const alert = page
    .getByRole('alert')
    .filter({ hasText: 'Le serveur du dossier partagé a renvoyé une erreur.' });
  await expect(alert).toBeVisible();
  await expect(page.getByTestId('identity-banner')).toBeVisible();
  await alert.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByTestId('scope-notice')).toContainText('Tout le dossier');
  await expect(page.getByTestId('timeline-status')).toContainText('entrées');
  await expect(alert).toHaveCount(0);
});

test('a malformed answer is reported in plain words', async ({ page }) => {
  await openPatient(page, 'traveller');
  await setRecordFaults({ malformNext: 2 });
  await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Le serveur du dossier partagé a renvoyé une réponse illisible.' }),
  ).toBeVisible();
});
