import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PATIENTS } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';
import { clearRecordFaults, setRecordFaults } from './record-faults';

/** Every file the host wrote under its data folder: logs and the audit journal. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no patient name or INS reaches a log, the journal or the console', async ({ page }) => {
  const { url, dataDir } = e2eEnv();
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));

  await page.goto(url);
  await expect(page.getByTestId('patient-row')).toHaveCount(PATIENTS.length + 1);
  const search = page.getByRole('searchbox', { name: 'Rechercher un patient' });
  for (const patient of PATIENTS) {
    await search.fill(patient.ins);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByTestId('patient-row')).toHaveCount(1);
    await search.fill(patient.birthFamilyName);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByTestId('patient-row').first()).toContainText(patient.ins);
  }
  // A failing source takes the error paths too. The watcher of followed patients polls the same
  // server meanwhile, so the fault lasts until the search has failed, not for one answer only.
  await setRecordFaults({ failNext: { count: 1000, status: 500 } });
  try {
    await search.fill(PATIENTS[0]?.ins ?? '');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Le serveur du dossier partagé a renvoyé une erreur.',
    );
  } finally {
    await clearRecordFaults();
  }

  const files = filesUnder(dataDir);
  const logText = files
    .filter((file) => file.endsWith('.log'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
  const journalText = files
    .filter((file) => file.endsWith('.jsonl'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
  expect(logText).toContain('"event":"records.patients-found"');
  expect(journalText).toContain('"action":"patient.search"');
  expect(journalText).toContain('"outcome":"failure"');

  const everything = [logText, journalText, ...consoleLines].join('\n');
  for (const patient of PATIENTS) {
    for (const secret of [
      patient.ins,
      patient.birthFamilyName,
      patient.usedFamilyName,
      ...patient.firstNames,
    ]) {
      expect(everything, `found ${secret.length}-character fixture value in output`).not.toContain(
        secret,
      );
    }
  }
});
