import { expect, test } from '@playwright/test';
import { patientByKey } from '../testbed/synthetic/patients';
import { openEntry, openPatient } from './patient-navigation';
import { addDocument } from './record-fixtures';

test('a followed patient: new documents are notified without naming the patient, and open the record', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications']);
  // Records what the page asks the desktop to show; the page's own code is untouched.
  await page.addInitScript(() => {
    const shown: { title: string; body: string | undefined }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    const Original = window.Notification;
    class Recording extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recording });
  });

  const patient = patientByKey('scale');
  await openPatient(page, 'scale');
  await page.getByRole('button', { name: 'Suivre ce patient' }).click();
  await expect(page.getByRole('button', { name: 'Ne plus suivre' })).toBeVisible();
  await page.getByRole('button', { name: /Retour à la liste des patients/ }).click();

  await addDocument('scale', {
    title: 'Résultat notifié e2e',
    contentType: 'text/plain',
    bytes: new TextEncoder().encode('Nouveau résultat.'),
  });

  const notice = page.getByTestId('new-documents-notice');
  await expect(notice).toContainText('1 nouveau document pour un patient que vous suivez', {
    timeout: 15_000,
  });
  const desktop = await page.evaluate(
    () =>
      (window as unknown as { __notifications: { title: string; body?: string }[] })
        .__notifications,
  );
  expect(desktop).toEqual([
    {
      title: 'Regard : nouveaux documents',
      body: '1 nouveau document pour un patient que vous suivez',
    },
  ]);
  for (const secret of [patient.birthFamilyName, patient.ins, ...patient.firstNames]) {
    expect(JSON.stringify(desktop)).not.toContain(secret);
    await expect(notice).not.toContainText(secret);
  }

  await notice.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  await expect(page.getByTestId('banner-ins')).toHaveText(patient.ins);
  await openEntry(page, 'Résultat notifié e2e');
  await expect(page.getByTestId('document-pane')).toContainText('Nouveau résultat.');
});

test('the open record refreshes by itself when a followed patient gets a document', async ({
  page,
}) => {
  await openPatient(page, 'child');
  await page.getByRole('button', { name: 'Suivre ce patient' }).click();
  await expect(page.getByRole('button', { name: 'Ne plus suivre' })).toBeVisible();
  await addDocument('child', {
    title: 'Arrivé pendant la consultation e2e',
    contentType: 'text/plain',
    bytes: new TextEncoder().encode('Document arrivé.'),
  });
  await page.getByRole('searchbox', { name: 'Rechercher dans le dossier' }).fill('Arrivé pendant');
  await expect(
    page.getByTestId('timeline-row').filter({ hasText: 'Arrivé pendant la consultation e2e' }),
  ).toBeVisible({
    timeout: 15_000,
  });
});
