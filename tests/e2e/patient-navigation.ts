import { expect, type Page } from '@playwright/test';
import { patientByKey, type PatientKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

/** Opens a patient the way a user does: search by INS, then open the record. */
export async function openPatient(
  page: Page,
  key: PatientKey,
  url: string = e2eEnv().url,
): Promise<void> {
  const patient = patientByKey(key);
  await page.goto(url);
  await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(patient.ins);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByTestId('patient-row')).toHaveCount(1);
  await page.getByRole('button', { name: /Ouvrir le dossier de/ }).click();
  await expect(page.getByTestId('banner-ins')).toHaveText(patient.ins);
}

/**
 * Opens the first timeline entry titled `title`, searching for it first as a user would: the list
 * is virtualised, so only rows on screen exist.
 */
export async function openEntry(page: Page, title: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Rechercher dans le dossier' }).fill(title);
  const row = page.getByTestId('timeline-row').filter({ hasText: title }).first();
  await expect(row).toBeVisible();
  await row.click();
}
