import { expect, test, type Page } from '@playwright/test';
import { hostileCda } from '../support/hostile-cda';
import { openEntry, openPatient } from './patient-navigation';
import { addDocument } from './record-fixtures';
import { e2eEnv } from './e2e-env';

/** Requests that leave the app's own origin: none may, whatever a document contains. */
function watchForeignRequests(page: Page): string[] {
  const origin = new URL(e2eEnv().url).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))
      foreign.push(url);
  });
  return foreign;
}

test.describe('documents open in the viewer their bytes call for', () => {
  test('a structured CDA shows its header and sections', async ({ page }) => {
    await openPatient(page, 'main');
    await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
    await openEntry(page, 'Lettre de liaison');
    const viewer = page.getByTestId('document-viewer');
    await expect(viewer).toHaveAttribute('data-viewer', 'cda');
    await expect(viewer.getByTestId('cda-header')).toBeVisible();
    await expect(viewer.getByTestId('cda-section').first()).toBeVisible();
  });

  test('a PDF renders with pdf.js, scripting off', async ({ page }) => {
    await openPatient(page, 'main');
    await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
    await openEntry(page, 'Compte rendu d’hospitalisation');
    await expect(page.getByTestId('document-viewer')).toHaveAttribute('data-viewer', 'pdf');
    await expect(page.getByTestId('pdf-page').first()).toBeVisible();
    await expect(page.getByTestId('pdf-page-count')).toContainText('1');
  });

  test('a level-1 CDA carrying a PDF shows the PDF', async ({ page }) => {
    await openPatient(page, 'main');
    await openEntry(page, 'Consultation de pneumologie');
    await expect(page.getByTestId('pdf-viewer')).toBeVisible();
    await expect(page.getByTestId('pdf-page').first()).toBeVisible();
  });

  test('a structured report with a PDF copy shows the PDF first, the structure on request', async ({
    page,
  }) => {
    await openPatient(page, 'main');
    await page
      .getByRole('combobox', { name: 'Type' })
      .selectOption({ label: 'Compte rendu de biologie' });
    await page.getByTestId('timeline-row').first().click();
    await expect(page.getByTestId('pdf-viewer')).toBeVisible();
    await page.getByRole('button', { name: 'Afficher la version structurée' }).click();
    await expect(page.getByTestId('cda-section').first()).toBeVisible();
  });

  test('a hostile CDA renders inert: no script runs, no request leaves', async ({ page }) => {
    await addDocument('child', {
      title: 'Document hostile e2e',
      contentType: 'text/xml',
      bytes: new TextEncoder().encode(hostileCda),
    });
    const foreign = watchForeignRequests(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openPatient(page, 'child');
    await page.evaluate(() => {
      const flag = () => ((window as unknown as { __pwned: boolean }).__pwned = true);
      Object.assign(window, { steal: flag, stealCookies: flag, cdataMarker: flag });
    });
    await openEntry(page, 'Document hostile e2e');
    const viewer = page.getByTestId('document-viewer');
    await expect(viewer.getByText('Visible paragraph')).toBeVisible();
    await expect(viewer.getByText('Cell text')).toBeVisible();
    await viewer.getByText('Visible paragraph').click();
    await viewer.getByText('Click me').click();
    await viewer.locator('td').first().hover();
    await page.waitForTimeout(300);
    const inert = await viewer.evaluate((root) => ({
      scripts: root.querySelectorAll('script, iframe, object, embed, style').length,
      handlers: [...root.querySelectorAll('*')]
        .flatMap((el) => [...el.attributes].map((a) => a.name))
        .filter((n) => n.startsWith('on')).length,
      links: root.querySelectorAll('a[href^="javascript"]').length,
      pwned: (window as unknown as { __pwned?: boolean }).__pwned === true,
    }));
    expect(inert).toEqual({ scripts: 0, handlers: 0, links: 0, pwned: false });
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    expect(page.url()).toBe(e2eEnv().url);
  });

  test('XXE and entity bombs are refused fast with a message', async ({ page }) => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol3;</title></ClinicalDocument>`;
    await addDocument('child', {
      title: 'Bombe XML e2e',
      contentType: 'text/xml',
      bytes: new TextEncoder().encode(bomb),
    });
    await openPatient(page, 'child');
    await openEntry(page, 'Bombe XML e2e');
    await expect(page.getByTestId('viewer-error')).toHaveAttribute('data-reason', 'doctype');
    await expect(page.getByTestId('viewer-error')).toBeVisible();
  });

  test('a document that is not what its type says is shown for what it is, with a notice', async ({
    page,
  }) => {
    await addDocument('child', {
      title: 'Faux PDF e2e',
      contentType: 'application/pdf',
      bytes: new TextEncoder().encode('Ceci est un simple texte, pas un PDF.'),
    });
    await openPatient(page, 'child');
    await openEntry(page, 'Faux PDF e2e');
    await expect(page.getByTestId('type-mismatch')).toBeVisible();
    await expect(page.getByTestId('document-viewer')).toHaveAttribute('data-viewer', 'text');
    await expect(page.getByTestId('viewer-text')).toContainText('pas un PDF');
  });
});
