import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowserHost } from '../../electron/browser-host/main';
import { DR_MARTIN, startOidcProvider, type TestClinician } from '../testbed/oidc-provider';
import { patientByKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

/** Signs in through the provider's own page, opened in a browser tab as the system browser would. */
async function signIn(page: Page, clinician: TestClinician): Promise<void> {
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

test('login with the real OpenID provider, idle lock hiding patient data, logout erasing the session and the cache key', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const provider = await startOidcProvider();
  const dataDir = mkdtempSync(join(tmpdir(), 'regard-login-'));
  const host = await launchBrowserHost({
    env: {
      REGARD_RECORDS_URL: e2eEnv().recordsUrl,
      REGARD_PACS_URL: e2eEnv().dicomwebUrl,
      REGARD_DATA_DIR: dataDir,
      REGARD_POLICY_FILE: join(dataDir, 'none.json'),
      REGARD_OIDC_ISSUER: provider.issuer,
      REGARD_OIDC_CLIENT_ID: provider.clientId,
      // Ten seconds without input lock the screen.
      REGARD_IDLE_LOCK_MINUTES: '0.17',
    },
    rendererDir: resolve(import.meta.dirname, '../../dist/renderer'),
    version: 'e2e-login',
  });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Rechercher un patient' })).toHaveCount(0);

    await signIn(page, DR_MARTIN);
    await expect(page.getByTestId('clinician')).toContainText(/Claire Martin/i);
    const request = provider.seen.authorizations.at(-1);
    expect(request?.get('code_challenge_method')).toBe('S256');
    expect(request?.get('state')).toBeTruthy();
    expect(request?.get('nonce')).toBeTruthy();

    const patient = patientByKey('main');
    await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(patient.ins);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('button', { name: /Ouvrir le dossier de/ }).click();
    await expect(page.getByTestId('banner-ins')).toHaveText(patient.ins);

    // Idle: the screen locks and nothing of the patient stays on it.
    await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    expect(await page.content()).not.toContain(patient.ins);

    await signIn(page, DR_MARTIN);
    await expect(page.getByTestId('clinician')).toContainText(/Claire Martin/i);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByTestId('login-screen')).toBeVisible();
    expect(existsSync(join(dataDir, 'keys', 'cache.key'))).toBe(false);

    const journal = readFileSync(join(dataDir, 'audit', 'journal.jsonl'), 'utf8');
    for (const action of ['session.login', 'session.lock', 'session.unlock', 'session.logout']) {
      expect(journal).toContain(`"action":"${action}"`);
    }
    expect(journal).toContain(`"actor":"rpps:8${DR_MARTIN.rpps}"`);
  } finally {
    await host.close();
    await provider.stop();
  }
});
