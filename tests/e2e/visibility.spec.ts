import { expect, test } from '@playwright/test';
import { openEntry, openPatient } from './patient-navigation';

test('a document the patient masked from professionals never appears; one not yet announced to the patient says so', async ({
  page,
}) => {
  await openPatient(page, 'main');
  await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
  await page
    .getByRole('searchbox', { name: 'Rechercher dans le dossier' })
    .fill('Prescription de médicaments');
  const rows = page.getByTestId('timeline-row');
  // The generator writes five prescriptions for this patient; the one of 4 September 2023 is
  // labelled MASQUE_PS.
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: '10 nov. 2022' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '4 sept. 2023' })).toHaveCount(0);

  await openEntry(page, 'TDM thoraco-abdomino-pelvienne injectée');
  await expect(page.getByTestId('document-invisible-to-patient')).toContainText(
    'Pas encore visible par le patient',
  );
});
