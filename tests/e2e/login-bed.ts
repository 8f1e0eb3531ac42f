import { expect, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowserHost } from '../../electron/browser-host/main';
import { startOidcProvider, type TestClinician } from '../testbed/oidc-provider';
import { patientByKey, type PatientKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

/** Signs in through the provider's own page, opened in a browser tab as the system browser would. */
export async function signIn(page: Page, clinician: TestClinician): Promise<void> {
  await page.getByRole('button', { name: /Se (re)?connecter/ }).click();
  const providerTab = page.context().waitForEvent('page');
  await page.getByTestId('login-page-link').click();
  const tab = await providerTab;
  const form = tab.getByLabel('Identifiant');
  const consent = tab.getByRole('button', { name: 'Autoriser' });
  const done = tab.getByText(/Connexion réussie/);
  // The provider remembers a user who signed in before in this browser: it may skip its form.
  await expect(form.or(consent).or(done)).toBeVisible();
  if (await form.isVisible()) {
    await form.fill(clinician.login);
    await tab.getByLabel('Mot de passe').fill(clinician.password);
    await tab.getByRole('button', { name: 'Se connecter' }).click();
    await expect(consent.or(done)).toBeVisible();
  }
  if (await consent.isVisible()) await consent.click();
  await expect(done).toBeVisible();
  await tab.close();
}

/**
 * Its own OpenID provider and a host configured to require login, over the shared sources unless
 * `env` names others.
 */
export async function startLoginBed(policy: object = {}, env: Record<string, string> = {}) {
  const provider = await startOidcProvider();
  const dataDir = mkdtempSync(join(tmpdir(), 'regard-login-'));
  writeFileSync(join(dataDir, 'policy.json'), JSON.stringify(policy));
  const host = await launchBrowserHost({
    env: {
      REGARD_RECORDS_URL: e2eEnv().recordsUrl,
      REGARD_PACS_URL: e2eEnv().dicomwebUrl,
      REGARD_DATA_DIR: dataDir,
      REGARD_POLICY_FILE: join(dataDir, 'policy.json'),
      REGARD_OIDC_ISSUER: provider.issuer,
      REGARD_OIDC_CLIENT_ID: provider.clientId,
      // Fifteen seconds without input lock the screen; an emergency access lasts twelve.
      REGARD_IDLE_LOCK_MINUTES: '0.25',
      REGARD_BREAK_GLASS_MINUTES: '0.2',
      ...env,
    },
    rendererDir: resolve(import.meta.dirname, '../../dist/renderer'),
    version: 'e2e-login',
  });
  return { provider, host, dataDir };
}

export async function searchAndOpen(page: Page, key: PatientKey): Promise<void> {
  const patient = patientByKey(key);
  await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(patient.ins);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  // By name: the list may still show an earlier search's patients for a moment.
  await page
    .getByRole('button', { name: `Ouvrir le dossier de ${patient.birthFamilyName}` })
    .click();
}
