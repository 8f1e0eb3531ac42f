import { randomUUID } from 'node:crypto';
import { patientByKey, type PatientKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

export interface AddedDocument {
  title: string;
  contentType: string;
  bytes: Uint8Array;
  typeCode?: string;
  typeDisplay?: string;
}

/** Adds a document to a patient's record on the test bed's record server (an ITI-65-like transaction). */
export async function addDocument(patientKey: PatientKey, document: AddedDocument): Promise<void> {
  const { recordsUrl } = e2eEnv();
  const ins = patientByKey(patientKey).ins;
  const binaryId = `urn:uuid:${randomUUID()}`;
  const now = new Date().toISOString();
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: binaryId,
        resource: {
          resourceType: 'Binary',
          contentType: document.contentType,
          data: Buffer.from(document.bytes).toString('base64'),
        },
        request: { method: 'POST', url: 'Binary' },
      },
      {
        fullUrl: `urn:uuid:${randomUUID()}`,
        resource: {
          resourceType: 'DocumentReference',
          status: 'current',
          masterIdentifier: { value: `urn:uuid:${randomUUID()}` },
          type: {
            coding: [
              {
                system: 'http://loinc.org',
                code: document.typeCode ?? '11488-4',
                display: document.typeDisplay ?? 'Consultation',
              },
            ],
          },
          category: [{ coding: [{ code: '10' }] }],
          subject: { reference: `Patient?identifier=urn:oid:1.2.250.1.213.1.4.10|${ins}` },
          date: now,
          context: { period: { start: now } },
          content: [
            {
              attachment: {
                contentType: document.contentType,
                url: binaryId,
                title: document.title,
              },
            },
          ],
        },
        request: { method: 'POST', url: 'DocumentReference' },
      },
    ],
  };
  const response = await fetch(recordsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(bundle),
  });
  if (!response.ok) throw new Error(`the record server refused the document: ${response.status}`);
}
