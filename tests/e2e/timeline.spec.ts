import { expect, test, type Page } from '@playwright/test';
import { patientByKey, type PatientKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

async function openPatient(page: Page, key: PatientKey): Promise<void> {
  const patient = patientByKey(key);
  await page.goto(e2eEnv().url);
  await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(patient.ins);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByTestId('patient-row')).toHaveCount(1);
  await page.getByRole('button', { name: /Ouvrir le dossier de/ }).click();
  await expect(page.getByTestId('banner-ins')).toHaveText(patient.ins);
}

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
    const loaded = await pane
      .getByTestId('series-preview')
      .first()
      .locator('img')
      .evaluate((img: HTMLImageElement) =>
        img.complete
          ? img.naturalWidth
          : new Promise((resolve) => (img.onload = () => resolve(img.naturalWidth))),
      );
    expect(loaded).toBeGreaterThan(0);
    await page.screenshot({ path: test.info().outputPath('exam.png') });
  });

  test('a document added since the last visit is marked new', async ({ page }) => {
    await openPatient(page, 'traveller');
    await expect(page.getByTestId('timeline-row').first()).toBeVisible();
    await expect(page.getByTestId('badge-new')).toHaveCount(0);

    const { recordsUrl } = e2eEnv();
    const patients = (await (
      await fetch(
        `${recordsUrl}/Patient?identifier=${encodeURIComponent(`urn:oid:1.2.250.1.213.1.4.10|${patientByKey('traveller').ins}`)}`,
      )
    ).json()) as {
      entry: { resource: { id: string } }[];
    };
    const patientId = patients.entry[0]?.resource.id;
    const created = await fetch(`${recordsUrl}/DocumentReference`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'DocumentReference',
        status: 'current',
        masterIdentifier: { value: 'urn:oid:1.2.250.1.999.1.2026.1' },
        type: {
          coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consultation' }],
        },
        category: [{ coding: [{ code: '11' }] }],
        subject: { reference: `Patient/${patientId}` },
        date: new Date().toISOString(),
        context: { period: { start: new Date().toISOString() } },
        content: [
          {
            attachment: {
              contentType: 'text/plain',
              url: 'Binary/none',
              title: 'Consultation de suivi e2e',
            },
          },
        ],
      }),
    });
    expect(created.status).toBe(201);

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
