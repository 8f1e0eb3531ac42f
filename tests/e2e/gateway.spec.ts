import { expect, test } from '@playwright/test';
import { patientByKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

test.describe('imaging through the host gateway', () => {
  test('the page searches the PACS through the gateway path, never directly', async ({ page }) => {
    const { url, dicomwebUrl } = e2eEnv();
    await page.goto(url);
    const patient = patientByKey('main');
    const result = await page.evaluate(
      async ({ ins, pacsUrl }) => {
        const info = await fetch('bridge/getAppInfo', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }).then(
          (response) =>
            response.json() as Promise<{
              value: { sources: { imaging: { gatewayBase: string }[] } };
            }>,
        );
        const base = info.value.sources.imaging[0]?.gatewayBase ?? '';
        const viaGateway = await fetch(`${base}studies?PatientID=${ins}`, {
          headers: { accept: 'application/dicom+json' },
        });
        const studies = (await viaGateway.json()) as Record<string, { Value?: unknown[] }>[];
        const direct = await fetch(`${pacsUrl}/studies`).then(
          (response) => response.status,
          () => 'blocked',
        );
        return {
          base,
          status: viaGateway.status,
          patientIds: studies.map((study) => study['00100020']?.Value?.[0]),
          direct,
        };
      },
      { ins: patient.ins, pacsUrl: dicomwebUrl },
    );
    expect(result.base).toBe('pacs/pacs/');
    expect(result.status).toBe(200);
    expect(result.patientIds.length).toBeGreaterThan(0);
    expect(new Set(result.patientIds)).toEqual(new Set([patient.ins]));
    expect(result.direct).toBe('blocked');
  });

  test('the gateway refuses a path outside DICOMweb', async ({ page }) => {
    await page.goto(e2eEnv().url);
    const status = await page.evaluate(async () => (await fetch('pacs/pacs/tools/reset')).status);
    expect(status).toBe(403);
  });
});
