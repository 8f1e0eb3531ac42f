import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DR_MARTIN, NURSE_LEROY } from '../testbed/oidc-provider';
import { INS_NIR_TEST_SYSTEM, patientByKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';
import { searchAndOpen, signIn, startLoginBed } from './login-bed';

test('login with the real OpenID provider, idle lock hiding patient data, logout erasing the session and the cache key', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { provider, host, dataDir } = await startLoginBed();
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

    // A first access outside the care team: the patient's non-opposition, recorded in one step.
    const patient = patientByKey('main');
    await searchAndOpen(page, 'main');
    await expect(page.getByTestId('access-step')).toBeVisible();
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    await page.getByRole('button', { name: /ne s’oppose pas à mon accès/ }).click();
    await expect(page.getByTestId('banner-ins')).toHaveText(patient.ins);
    // Not asked again.
    await page
      .getByRole('button', { name: /Retour/ })
      .first()
      .click();
    await searchAndOpen(page, 'main');
    await expect(page.getByTestId('banner-ins')).toHaveText(patient.ins);
    await expect(page.getByTestId('access-step')).toHaveCount(0);

    // Idle: the screen locks and nothing of the patient stays on it.
    await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    expect(await page.content()).not.toContain(patient.ins);

    await signIn(page, DR_MARTIN);
    await expect(page.getByTestId('clinician')).toContainText(/Claire Martin/i);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByTestId('login-screen')).toBeVisible();
    expect(existsSync(join(dataDir, 'keys', 'cache.key'))).toBe(false);

    const journal = readFileSync(join(dataDir, 'audit', 'journal.jsonl'), 'utf8');
    for (const action of [
      'session.login',
      'consent.record',
      'session.lock',
      'session.unlock',
      'session.logout',
    ]) {
      expect(journal).toContain(`"action":"${action}"`);
    }
    expect(journal).toContain(`"actor":"rpps:8${DR_MARTIN.rpps}"`);
  } finally {
    await host.close();
    await provider.stop();
  }
});

test('break-the-glass needs a reason, shows its banner, ends by itself and is journalled as such; an unqualified INS is refused', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { provider, host, dataDir } = await startLoginBed();
  try {
    await page.goto(host.url);
    await signIn(page, DR_MARTIN);
    await searchAndOpen(page, 'child');
    await expect(page.getByRole('alert')).toContainText('INS non vérifiée');
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    await page
      .getByRole('button', { name: /Retour/ })
      .first()
      .click();

    await searchAndOpen(page, 'traveller');
    await page.getByRole('button', { name: /bris de glace/ }).click();
    const confirm = page.getByRole('button', { name: 'Ouvrir le dossier en urgence' });
    await expect(confirm).toBeDisabled();
    await page
      .getByLabel('Motif (obligatoire) :')
      .fill('Patient inconscient aux urgences, détresse respiratoire');
    await confirm.click();
    await expect(page.getByTestId('break-glass-banner')).toContainText('sera signalé au patient');
    await expect(page.getByTestId('banner-ins')).toHaveText(patientByKey('traveller').ins);
    // The reason is on record, for the patient to read: in the access history, in words.
    await page.getByRole('tab', { name: 'Traçabilité' }).click();
    await expect(page.getByTestId('audit-note')).toHaveText(
      'Patient inconscient aux urgences, détresse respiratoire',
    );
    await expect(page.getByTestId('audit-mode').first()).toHaveText('bris de glace');
    await page.screenshot({ path: test.info().outputPath('break-glass-history.png') });
    await expect(page.getByRole('alert')).toContainText('L’accès d’urgence est terminé', {
      timeout: 20_000,
    });
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);

    const journal = readFileSync(join(dataDir, 'audit', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"action":"mode.break-glass"');
    // ...but never in clear on disk: the journal holds it sealed.
    expect(journal).not.toContain('détresse respiratoire');
    expect(journal).toMatch(/"action":"mode.break-glass"[^\n]*"note":\{"sealed":/);
    expect(journal).toMatch(/"action":"patient.read"[^\n]*"outcome":"refused"/);
  } finally {
    await host.close();
    await provider.stop();
  }
});

test('a profession the habilitation matrix denies a document type does not see those documents', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Nurses (TRE_G15 60) denied prescriptions (LOINC 57833-6) by the policy.
  const { provider, host } = await startLoginBed({
    habilitations: { '60': { deniedTypes: ['57833-6'] } },
  });
  try {
    await page.goto(host.url);
    await signIn(page, NURSE_LEROY);
    await searchAndOpen(page, 'main');
    await page.getByRole('button', { name: /ne s’oppose pas à mon accès/ }).click();
    await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
    await expect(page.getByTestId('timeline-status')).toContainText(
      '4 documents non accessibles à votre profession',
    );
    await page
      .getByRole('searchbox', { name: 'Rechercher dans le dossier' })
      .fill('Prescription de médicaments');
    await expect(page.getByTestId('timeline-row')).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Rechercher dans le dossier' }).fill('Consultation');
    await expect(page.getByTestId('timeline-row').first()).toBeVisible();
  } finally {
    await host.close();
    await provider.stop();
  }
});

test('a professional the patient blocked is refused with a plain explanation', async ({ page }) => {
  test.setTimeout(90_000);
  const { recordsUrl } = e2eEnv();
  const scale = patientByKey('scale');
  const found = (await (
    await fetch(`${recordsUrl}/Patient?identifier=${INS_NIR_TEST_SYSTEM}|${scale.ins}`)
  ).json()) as { entry?: { resource: { id: string } }[] };
  const patientId = found.entry?.[0]?.resource.id;
  expect(patientId).toBeTruthy();
  // The patient's refusal of Dr Martin, as the record source holds it.
  const created = await fetch(`${recordsUrl}/Consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Consent',
      status: 'active',
      scope: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
        ],
      },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${patientId}` },
      provision: {
        type: 'deny',
        actor: [
          {
            role: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                  code: 'PRCP',
                },
              ],
            },
            reference: { identifier: { value: `8${DR_MARTIN.rpps}` } },
          },
        ],
      },
    }),
  });
  expect(created.status).toBe(201);

  const { provider, host } = await startLoginBed();
  try {
    await page.goto(host.url);
    await signIn(page, DR_MARTIN);
    await searchAndOpen(page, 'scale');
    await expect(page.getByRole('alert')).toContainText('a refusé que vous accédiez');
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    await expect(page.getByTestId('access-step')).toHaveCount(0);
  } finally {
    await host.close();
    await provider.stop();
  }
});
