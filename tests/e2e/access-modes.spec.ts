import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoTestbed } from '../testbed/demo-testbed';
import { DR_MARTIN, DR_ROUX_SAMU, NURSE_LEROY } from '../testbed/oidc-provider';
import { INS_NIR_TEST_SYSTEM, patientByKey, type PatientKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';
import { loadedImageWidth } from './image-width';
import { searchAndOpen, signIn, startLoginBed } from './login-bed';

async function patientIdOf(recordsUrl: string, key: PatientKey): Promise<string> {
  const found = (await (
    await fetch(`${recordsUrl}/Patient?identifier=${INS_NIR_TEST_SYSTEM}|${patientByKey(key).ins}`)
  ).json()) as { entry?: { resource: { id: string } }[] };
  const id = found.entry?.[0]?.resource.id;
  if (!id) throw new Error(`no patient ${key} on the record server`);
  return id;
}

function journalLines(dataDir: string): string[] {
  return readFileSync(join(dataDir, 'audit', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n');
}

async function back(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /Retour/ })
    .first()
    .click();
}

test('inside the care team the record opens without asking and the presumption is recorded once; out of it, the non-opposition is asked', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { recordsUrl } = e2eEnv();
  const patientId = await patientIdOf(recordsUrl, 'traveller');
  // The patient's care team at the source names the nurse by national id.
  const careTeam = {
    resourceType: 'CareTeam',
    status: 'active',
    subject: { reference: `Patient/${patientId}` },
    participant: [{ member: { identifier: { value: `8${NURSE_LEROY.rpps}` } } }],
  };
  const created = await fetch(`${recordsUrl}/CareTeam`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(careTeam),
  });
  expect(created.status).toBe(201);
  const { id: careTeamId } = (await created.json()) as { id: string };

  const { provider, host, dataDir } = await startLoginBed();
  try {
    await page.goto(host.url);
    await signIn(page, NURSE_LEROY);
    for (let visit = 0; visit < 2; visit += 1) {
      await searchAndOpen(page, 'traveller');
      await expect(page.getByTestId('banner-ins')).toHaveText(patientByKey('traveller').ins);
      await expect(page.getByTestId('access-basis')).toContainText('équipe de soins');
      await expect(page.getByTestId('access-step')).toHaveCount(0);
      await back(page);
    }
    const presumed = journalLines(dataDir).filter((line) =>
      line.includes('"action":"consent.record"'),
    );
    expect(presumed).toHaveLength(1);
    expect(presumed[0]).toContain('"target":"care-team"');

    // The nurse leaves the team: the next opening asks for the patient's non-opposition.
    const ended = await fetch(`${recordsUrl}/CareTeam/${careTeamId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ ...careTeam, id: careTeamId, status: 'inactive' }),
    });
    expect(ended.status).toBe(200);
    await searchAndOpen(page, 'traveller');
    await expect(page.getByTestId('access-step')).toBeVisible();
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    // Nothing there offers emergency regulation to a nurse the policy does not name.
    await expect(page.getByRole('button', { name: /en régulation/ })).toHaveCount(0);
  } finally {
    await fetch(`${recordsUrl}/CareTeam/${careTeamId}`, { method: 'DELETE' });
    await host.close();
    await provider.stop();
  }
});

test('emergency regulation (centre 15): offered to the roles the policy names, shown while it lasts, every access journalled in that mode, ended by itself', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { provider, host, dataDir } = await startLoginBed(
    {
      emergencyRegulation: {
        allowed: [{ profession: '10', organisationId: DR_ROUX_SAMU.organisation.id }],
        minutes: 0.3,
      },
    },
    // The screen must not lock before the mode ends.
    { REGARD_IDLE_LOCK_MINUTES: '10' },
  );
  try {
    await page.goto(host.url);
    await signIn(page, DR_ROUX_SAMU);
    await searchAndOpen(page, 'main');
    await expect(page.getByTestId('access-step')).toContainText('Régulation médicale (centre 15)');
    await page.screenshot({ path: test.info().outputPath('access-step-regulation.png') });
    await page.getByRole('button', { name: 'Ouvrir le dossier en régulation' }).click();
    await expect(page.getByTestId('regulation-banner')).toContainText(
      'Mode régulation (centre 15)',
    );
    await expect(page.getByTestId('banner-ins')).toHaveText(patientByKey('main').ins);
    await expect(page.getByTestId('timeline-row').first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('regulation.png') });
    // The exam's images come through the gateway, which serves them while the access holds.
    const pacsRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pacs/pacs/studies/')) pacsRequests.push(request.url());
    });
    await page.locator('[data-testid="timeline-row"][data-kind="exam"]').first().click();
    const preview = page.getByTestId('series-preview').first().locator('img');
    await expect(preview).toBeVisible();
    expect(await loadedImageWidth(preview)).toBeGreaterThan(0);
    const studyUrl = pacsRequests[0];
    expect(studyUrl).toBeTruthy();
    await expect(page.getByRole('alert')).toContainText('Le mode régulation est terminé', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    // Once the mode has ended, the same images are refused at the gateway.
    const after = await page.evaluate(async (url) => (await fetch(url)).status, studyUrl ?? '');
    expect(after).toBe(403);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();

    // Another physician, outside the SAMU the policy names, is not offered the mode (a browser
    // of their own: the provider remembers who signed in last).
    const martin = await (await browser.newContext()).newPage();
    await martin.goto(host.url);
    await signIn(martin, DR_MARTIN);
    await searchAndOpen(martin, 'main');
    await expect(martin.getByTestId('access-step')).toBeVisible();
    await expect(martin.getByRole('button', { name: /bris de glace/ })).toBeVisible();
    await expect(
      martin.getByRole('button', { name: 'Ouvrir le dossier en régulation' }),
    ).toHaveCount(0);
    await martin.context().close();

    const lines = journalLines(dataDir);
    const roux = `"actor":"rpps:8${DR_ROUX_SAMU.rpps}"`;
    expect(lines.filter((line) => line.includes('"action":"mode.regulation"'))).toHaveLength(1);
    expect(
      lines.filter(
        (line) =>
          line.includes('"action":"mode.regulation.end"') && line.includes('"target":"expired"'),
      ),
    ).toHaveLength(1);
    expect(
      lines.some(
        (line) =>
          line.includes(roux) &&
          line.includes('"action":"document.search"') &&
          line.includes('"mode":"regulation"'),
      ),
    ).toBe(true);
    // Dr Martin's lines carry no mode: the normal one.
    expect(
      lines.filter((line) => line.includes(`rpps:8${DR_MARTIN.rpps}`) && line.includes('"mode"')),
    ).toHaveLength(0);
  } finally {
    await host.close();
    await provider.stop();
  }
});

test('the user ends an exceptional mode as soon as they are done: the record closes and the end is journalled', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { provider, host, dataDir } = await startLoginBed({
    emergencyRegulation: {
      allowed: [{ organisationId: DR_ROUX_SAMU.organisation.id }],
      minutes: 60,
    },
  });
  try {
    await page.goto(host.url);
    await signIn(page, DR_ROUX_SAMU);
    await searchAndOpen(page, 'traveller');
    await page.getByRole('button', { name: 'Ouvrir le dossier en régulation' }).click();
    const banner = page.getByTestId('regulation-banner');
    await expect(banner).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('regulation-banner.png') });
    await banner.getByRole('button', { name: 'Terminer maintenant' }).click();
    await expect(page.getByRole('alert')).toContainText('Le mode régulation est terminé');
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);
    const ends = journalLines(dataDir).filter((line) =>
      line.includes('"action":"mode.regulation.end"'),
    );
    expect(ends).toHaveLength(1);
    expect(ends[0]).toContain('"target":"ended-by-user"');
    // Opening the record again asks for a ground anew.
    await back(page);
    await searchAndOpen(page, 'traveller');
    await expect(page.getByTestId('access-step')).toBeVisible();
  } finally {
    await host.close();
    await provider.stop();
  }
});

test('offline, a kept record opens on a ground the source confirmed, and not on an ended break-the-glass access', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // Its own sources, since this test stops them.
  const testbed = await startDemoTestbed();
  const { provider, host, dataDir } = await startLoginBed(
    {},
    {
      REGARD_RECORDS_URL: testbed.env.REGARD_RECORDS_URL ?? '',
      REGARD_PACS_URL: testbed.env.REGARD_PACS_URL ?? '',
      REGARD_IDLE_LOCK_MINUTES: '10',
    },
  );
  try {
    await page.goto(host.url);
    await signIn(page, DR_MARTIN);
    await searchAndOpen(page, 'main');
    await page.getByRole('button', { name: /ne s’oppose pas à mon accès/ }).click();
    await expect(page.getByTestId('timeline-status')).toContainText('entrées');
    await back(page);

    await searchAndOpen(page, 'traveller');
    await page.getByRole('button', { name: /bris de glace/ }).click();
    await page
      .getByLabel('Motif (obligatoire) :')
      .fill('Patient inconscient, détresse respiratoire');
    await page.getByRole('button', { name: 'Ouvrir le dossier en urgence' }).click();
    await expect(page.getByTestId('timeline-status')).toContainText('entrées');
    await expect(page.getByRole('alert')).toContainText('L’accès d’urgence est terminé', {
      timeout: 15_000,
    });
    await back(page);

    await testbed.stop();
    await page.reload();
    const recent = page.getByTestId('recent-offline');
    await recent.getByRole('button', { name: /Ouvrir le dossier de BERTHELOT/ }).click();
    await expect(page.getByTestId('offline-banner')).toContainText('Hors ligne');
    await expect(page.getByTestId('banner-ins')).toHaveText(patientByKey('main').ins);
    await expect(page.getByTestId('access-basis')).toContainText('non-opposition');
    await back(page);

    await recent.getByRole('button', { name: /Ouvrir le dossier de D.ALMEIDA/ }).click();
    await expect(page.getByRole('alert')).toContainText('n’a pas été confirmé récemment');
    await expect(page.getByTestId('identity-banner')).toHaveCount(0);

    const lines = journalLines(dataDir);
    expect(lines.filter((line) => line.includes('"action":"mode.break-glass.end"'))).toHaveLength(
      1,
    );
    const cacheReads = lines.filter((line) => line.includes('"target":"cache"'));
    expect(cacheReads.some((line) => line.includes('"outcome":"success"'))).toBe(true);
    expect(cacheReads.some((line) => line.includes('"outcome":"refused"'))).toBe(true);
  } finally {
    await host.close();
    await provider.stop();
    await testbed.stop().catch(() => undefined);
  }
});
