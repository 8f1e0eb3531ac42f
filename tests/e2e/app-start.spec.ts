import { expect, test } from '@playwright/test';
import { PATIENTS } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

test.describe('the workstation on its demo data', () => {
  test('starts in French and lists the demo patients with their INS identity traits', async ({
    page,
  }) => {
    await page.goto(e2eEnv().url);
    await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
    await expect(page.getByTestId('demo-badge')).toHaveText('Données de démonstration fictives');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    const rows = page.getByTestId('patient-row');
    // The synthetic patients, and the one the public DMP examples refer to.
    await expect(rows).toHaveCount(PATIENTS.length + 1);
    for (const patient of PATIENTS) {
      const row = rows.filter({ hasText: patient.ins });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(patient.birthFamilyName);
      await expect(row).toContainText(patient.firstNames.join(' '));
      await expect(row).toContainText(patient.sex === 'F' ? 'Féminin' : 'Masculin');
      await expect(row).toContainText('INS de test');
    }
    await page.screenshot({ path: test.info().outputPath('app-start-fr.png') });
  });

  test('finds a patient by INS and by birth name', async ({ page }) => {
    const [first, second] = PATIENTS;
    if (!first || !second) throw new Error('the synthetic data set has at least two patients');
    await page.goto(e2eEnv().url);
    const search = page.getByRole('searchbox', { name: 'Rechercher un patient' });

    await search.fill(first.ins);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByTestId('patient-row')).toHaveCount(1);
    await expect(page.getByTestId('patient-row')).toContainText(first.birthFamilyName);

    await search.fill(second.birthFamilyName);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByTestId('patient-row')).toHaveCount(1);
    await expect(page.getByTestId('patient-row')).toContainText(second.ins);
  });

  test('switches to English', async ({ page }) => {
    await page.goto(e2eEnv().url);
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await expect(page.getByTestId('demo-badge')).toHaveText('Fictitious demonstration data');
    await expect(page.getByRole('searchbox', { name: 'Search for a patient' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
