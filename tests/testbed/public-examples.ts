import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The public ANS / IHE examples beside the project (../shared/testdata), when present. */
export const PUBLIC_TESTDATA = resolve(import.meta.dirname, '../../../shared/testdata/fhir');

/** The INS-NIR the DMP examples refer to by conditional reference; a made-up number. */
export const EXAMPLE_INS_NIR = '123456789012345';

function example(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(PUBLIC_TESTDATA, file), 'utf8')) as Record<
    string,
    unknown
  >;
}

async function send(url: string, method: 'POST' | 'PUT', body: unknown): Promise<void> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${new URL(url).pathname}: ${response.status}`);
}

/**
 * Loads the public PDSm-for-DMP examples for one made-up patient, as a DMP would hold them:
 * documents referencing the patient only by `Patient?identifier=…`. Returns false when the
 * examples are not beside the project.
 */
export async function loadPublicExamples(fhirBaseUrl: string): Promise<boolean> {
  if (!existsSync(PUBLIC_TESTDATA)) return false;
  await send(`${fhirBaseUrl}/Patient`, 'POST', {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: EXAMPLE_INS_NIR }],
    name: [{ use: 'official', family: 'EXEMPLE-ANS', given: ['PATIENT'] }],
    gender: 'female',
    birthDate: '1980-01-15',
  });
  const searchset = example('pdsm4dmp-Bundle-example-annexe-searchset-documentreferences.json') as {
    entry: { resource: { resourceType: string; id: string } }[];
  };
  for (const { resource } of searchset.entry) {
    await send(`${fhirBaseUrl}/${resource.resourceType}/${resource.id}`, 'PUT', resource);
  }
  const single = example('pdsm4dmp-DocumentReference-doc-x-id.json') as { id: string };
  await send(`${fhirBaseUrl}/DocumentReference/${single.id}`, 'PUT', single);
  await send(fhirBaseUrl, 'POST', example('pdsm4dmp-Bundle-example-td2-iti65-lot-soumission.json'));
  return true;
}
