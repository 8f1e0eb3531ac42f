import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eEnv } from './e2e-env';
import { openEntry, openPatient } from './patient-navigation';

const journalFile = () => join(e2eEnv().dataDir, 'audit', 'journal.jsonl');

test('the access history shows this workstation’s accesses to the patient and exports them as FHIR AuditEvents', async ({
  page,
}) => {
  await openPatient(page, 'traveller');
  await openEntry(page, 'Échographie abdominale');
  await expect(page.getByTestId('document-viewer').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Traçabilité' }).click();
  const history = page.getByTestId('access-history');
  await expect(history.getByTestId('audit-chain')).toContainText('Journal intègre');
  const entries = history.getByTestId('audit-entry');
  await expect(entries.filter({ hasText: 'Ouverture du dossier' }).first()).toBeVisible();
  await expect(entries.filter({ hasText: 'Lecture d’un document' }).first()).toContainText(
    'Réussi',
  );

  await history.getByRole('button', { name: 'Exporter (FHIR AuditEvent)' }).click();
  const download = page.waitForEvent('download');
  await history.getByTestId('audit-download').click();
  const file = await (await download).path();
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
    resourceType: string;
    entry: { resource: { resourceType: string; entity?: { what?: { reference?: string } }[] } }[];
  };
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.entry.length).toBeGreaterThan(1);
  for (const { resource } of bundle.entry) {
    expect(resource.resourceType).toBe('AuditEvent');
    expect(resource.entity?.[0]?.what?.reference).toMatch(/^Patient\//);
  }
});

test('an edited journal line is reported at its place', async ({ page }) => {
  await openPatient(page, 'traveller');
  // Once the record is loaded nothing more is journalled while the file is edited.
  await expect(page.getByTestId('timeline-status')).toContainText('entrées');
  const original = readFileSync(journalFile(), 'utf8');
  const lines = original.trimEnd().split('\n');
  const target = 3;
  const edited = lines.map((line, index) =>
    index === target - 1 ? line.replace('"success"', '"failure"') : line,
  );
  writeFileSync(journalFile(), `${edited.join('\n')}\n`);
  try {
    await page.getByRole('tab', { name: 'Traçabilité' }).click();
    await expect(page.getByTestId('audit-chain')).toHaveText(
      `Journal altéré : la vérification du chaînage échoue à la ligne ${target} (altered).`,
    );
  } finally {
    // The host chains on from the original line: putting it back leaves a sound journal.
    const now = readFileSync(journalFile(), 'utf8').trimEnd().split('\n');
    now[target - 1] = lines[target - 1] ?? '';
    writeFileSync(journalFile(), `${now.join('\n')}\n`);
  }
});
