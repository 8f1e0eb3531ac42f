import { expect, test } from '@playwright/test';
import { EXAMPLE_INS_NIR } from '../testbed/public-examples';
import { e2eEnv } from './e2e-env';

test('the public DMP examples (conditional subject, contained resources) appear in the timeline', async ({
  page,
}) => {
  await page.goto(e2eEnv().url);
  await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(EXAMPLE_INS_NIR);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByTestId('patient-row')).toHaveCount(1);
  await expect(page.getByTestId('patient-row')).toContainText('Identité non qualifiée');
  await page.getByRole('button', { name: /Ouvrir le dossier de EXEMPLE-ANS/ }).click();
  await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
  await expect(page.getByTestId('timeline-status')).toContainText('entrées');
  const rows = page.getByTestId('timeline-row');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);

  // Each opens to a viewer or to a plain message; none breaks the app.
  for (let index = 0; index < (await rows.count()); index += 1) {
    await rows.nth(index).click();
    await expect(
      page.getByTestId('document-viewer').or(page.getByTestId('document-pane').getByRole('alert')),
    ).toBeVisible();
  }
  await expect(page.getByTestId('identity-banner')).toContainText('EXEMPLE-ANS');
});
