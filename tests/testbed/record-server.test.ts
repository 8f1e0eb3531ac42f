import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Bundle, BundleEntry, DocumentReference, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordServer } from './record-server/server';
import { startRecordServer } from './record-server/server';

const FHIR_JSON = 'application/fhir+json';
const INS_TEST = 'urn:oid:1.2.250.1.213.1.4.10';
// The public examples live beside the checkout, in the workspace's shared test data.
const TESTDATA = resolve(import.meta.dirname, '../../../shared/testdata/fhir');

interface FhirAnswer {
  status: number;
  headers: Headers;
  // The assertions walk whatever JSON the server sent; typing every shape would add nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function fhir(url: string, init: RequestInit = {}): Promise<FhirAnswer> {
  const response = await fetch(url, {
    ...init,
    headers: {
      accept: FHIR_JSON,
      ...(init.body ? { 'content-type': FHIR_JSON } : {}),
      ...init.headers,
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

function post(
  baseUrl: string,
  path: string,
  resource: unknown,
  headers: Record<string, string> = {},
) {
  return fhir(`${baseUrl}${path}`, { method: 'POST', body: JSON.stringify(resource), headers });
}

function put(baseUrl: string, resource: Resource) {
  return fhir(`${baseUrl}/${resource.resourceType}/${resource.id}`, {
    method: 'PUT',
    body: JSON.stringify(resource),
  });
}

function transaction(entry: BundleEntry[], type: 'transaction' | 'batch' = 'transaction'): Bundle {
  return { resourceType: 'Bundle', type, entry };
}

function patientEntry(ins: string, fullUrl = `urn:uuid:${randomUUID()}`): BundleEntry {
  return {
    fullUrl,
    resource: { resourceType: 'Patient', identifier: [{ system: INS_TEST, value: ins }] },
    request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${INS_TEST}|${ins}` },
  };
}

function documentReference(
  subject: string,
  overrides: Partial<DocumentReference> = {},
): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    subject: { reference: subject },
    date: '2024-05-01T10:00:00Z',
    type: { coding: [{ system: 'http://loinc.org', code: '11502-2' }] },
    category: [{ coding: [{ system: 'urn:oid:1.2.250.1.213.1.1.4.1', code: '10' }] }],
    content: [{ attachment: { contentType: 'application/pdf' } }],
    ...overrides,
  };
}

/** A DocumentReference entry and its Binary, linked through urn:uuid fullUrls. */
function documentWithBinary(
  subject: string,
  bytes: Buffer,
  overrides: Partial<DocumentReference> = {},
): BundleEntry[] {
  const binaryUrl = `urn:uuid:${randomUUID()}`;
  return [
    {
      fullUrl: binaryUrl,
      resource: {
        resourceType: 'Binary',
        contentType: 'application/pdf',
        data: bytes.toString('base64'),
      },
      request: { method: 'POST', url: 'Binary' },
    },
    {
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: documentReference(subject, {
        content: [{ attachment: { contentType: 'application/pdf', url: binaryUrl } }],
        ...overrides,
      }),
      request: { method: 'POST', url: 'DocumentReference' },
    },
  ];
}

function createEntries(resources: Resource[]): BundleEntry[] {
  return resources.map((resource) => ({
    resource,
    request: { method: 'POST', url: resource.resourceType },
  }));
}

function insReference(ins: string, system = INS_TEST): string {
  return `Patient?identifier=${system}|${ins}`;
}

function ids(bundle: Bundle): string[] {
  return (bundle.entry ?? []).map((entry) => entry.resource?.id as string);
}

function link(bundle: Bundle, relation: string): string | undefined {
  return bundle.link?.find((candidate) => candidate.relation === relation)?.url;
}

/** Follows `next` links from a first search URL, returning every id seen and the number of pages. */
async function collectPages(
  firstUrl: string,
): Promise<{ ids: string[]; pages: number; links: string[] }> {
  const seen: string[] = [];
  const links: string[] = [];
  let url: string | undefined = firstUrl;
  let pages = 0;
  while (url) {
    const { status, body } = await fhir(url);
    expect(status).toBe(200);
    seen.push(...ids(body));
    pages += 1;
    url = link(body, 'next');
    if (url) links.push(url);
    expect(pages).toBeLessThan(500);
  }
  return { ids: seen, pages, links };
}

/** Fails fast instead of waiting for the test timeout when an expected event never comes. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`No ${what} within ${ms} ms`)), ms),
    ),
  ]);
}

function pdfBytes(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1'),
    randomBytes(4096),
    Buffer.from('\n%%EOF\n'),
  ]);
}

function dicomBytes(): Buffer {
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), randomBytes(8192)]);
}

async function searchUrl(server: RecordServer, query: string): Promise<Bundle> {
  const { status, body } = await fhir(`${server.baseUrl}/DocumentReference?${query}`);
  expect(status).toBe(200);
  return body as Bundle;
}

describe('record server test bed', () => {
  let server: RecordServer;

  beforeAll(async () => {
    server = await startRecordServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts on loopback, describes itself in /metadata, and stops', async () => {
    const extra = await startRecordServer();
    expect(extra.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);
    const { status, headers, body } = await fhir(`${extra.baseUrl}/metadata`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain(FHIR_JSON);
    expect(body.resourceType).toBe('CapabilityStatement');
    const resources = body.rest[0].resource as { type: string; searchParam: { name: string }[] }[];
    expect(resources.map((resource) => resource.type)).toEqual(
      expect.arrayContaining([
        'Patient',
        'DocumentReference',
        'List',
        'Binary',
        'Practitioner',
        'Organization',
        'Subscription',
        'AuditEvent',
      ]),
    );
    const documentParams = resources
      .find((resource) => resource.type === 'DocumentReference')
      ?.searchParam.map((p) => p.name);
    expect(documentParams).toEqual(
      expect.arrayContaining(['patient', 'status', 'date', 'type', 'category', '_lastUpdated']),
    );
    await extra.close();
    await expect(fetch(`${extra.baseUrl}/metadata`)).rejects.toThrow();
  });

  it('refuses to bind a non-loopback address', async () => {
    await expect(startRecordServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('answers errors with OperationOutcome: malformed JSON 400, unknown type or id 404', async () => {
    const malformed = await fetch(`${server.baseUrl}/Patient`, {
      method: 'POST',
      headers: { 'content-type': FHIR_JSON },
      body: '{"resourceType": "Patient",',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Resource).resourceType).toBe('OperationOutcome');

    for (const path of [
      '/Observation',
      '/Foo/1',
      '/Patient/does-not-exist',
      '/Binary/does-not-exist',
    ]) {
      const { status, body } = await fhir(`${server.baseUrl}${path}`);
      expect(status, path).toBe(404);
      expect(body.resourceType, path).toBe('OperationOutcome');
    }
    const outside = await fhir(server.baseUrl.replace('/fhir/R4', '/other'));
    expect(outside.status).toBe(404);
  });

  it('supports create, read, update, delete and search for the served types', async () => {
    const created = await post(server.baseUrl, '/Practitioner', {
      resourceType: 'Practitioner',
      name: [{ family: 'Durand' }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(
      new RegExp(`^${server.baseUrl}/Practitioner/${created.body.id}/_history/`),
    );
    const updated = await put(server.baseUrl, { ...created.body, name: [{ family: 'Martin' }] });
    expect(updated.status).toBe(200);
    const found = await fhir(`${server.baseUrl}/Practitioner?family=Martin`);
    expect(ids(found.body)).toEqual([created.body.id]);
    const removed = await fhir(`${server.baseUrl}/Practitioner/${created.body.id}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(200);
    expect((await fhir(`${server.baseUrl}/Practitioner/${created.body.id}`)).status).toBe(404);

    for (const resource of [
      { resourceType: 'Organization', name: 'CH Test' },
      {
        resourceType: 'AuditEvent',
        type: { code: 'rest' },
        recorded: '2024-01-01T00:00:00Z',
        agent: [],
        source: { observer: {} },
      },
      { resourceType: 'List', status: 'current', mode: 'working' },
    ]) {
      const answer = await post(server.baseUrl, `/${resource.resourceType}`, resource);
      expect(answer.status, resource.resourceType).toBe(201);
      expect(
        (await fhir(`${server.baseUrl}/${resource.resourceType}/${answer.body.id}`)).status,
      ).toBe(200);
    }
  });

  it('runs a transaction with urn:uuid links and a conditional patient reference, then finds it by INS', async () => {
    const ins = '1800000000001';
    const patientUrl = `urn:uuid:${randomUUID()}`;
    const replacement = dicomBytes();
    const putRaw = await fetch(`${server.baseUrl}/Binary/study-manifest-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/dicom' },
      body: new Uint8Array(replacement),
    });
    expect(putRaw.status).toBe(201);
    const putBack = await fetch(`${server.baseUrl}/Binary/study-manifest-1`);
    expect(Buffer.from(await putBack.arrayBuffer()).equals(replacement)).toBe(true);

    const bytes = pdfBytes();
    const answer = await post(
      server.baseUrl,
      '',
      transaction([
        patientEntry(ins, patientUrl),
        ...documentWithBinary(patientUrl, bytes),
        ...documentWithBinary(insReference(ins), bytes, { date: '2023-01-01T00:00:00Z' }),
      ]),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('transaction-response');
    const statuses = (answer.body.entry as BundleEntry[]).map((entry) => entry.response?.status);
    expect(statuses).toEqual(['201', '201', '201', '201', '201']);
    const patientId = answer.body.entry[0].resource.id as string;

    const byIns = await searchUrl(server, `patient.identifier=${INS_TEST}|${ins}`);
    expect(byIns.total).toBe(2);
    for (const entry of byIns.entry ?? []) {
      const document = entry.resource as DocumentReference;
      expect(document.subject?.reference).toBe(`Patient/${patientId}`);
      expect(document.content[0]?.attachment.url).toMatch(/^Binary\/[0-9a-f-]{36}$/);
      expect(entry.fullUrl).toBe(`${server.baseUrl}/DocumentReference/${document.id}`);
    }
    const byReference = await searchUrl(server, `patient=Patient/${patientId}`);
    expect(ids(byReference).sort()).toEqual(ids(byIns).sort());
  });

  it('keeps conditional creates (ifNoneExist) to a single patient across two transactions', async () => {
    const ins = '1800000000002';
    for (let round = 0; round < 2; round++) {
      const patientUrl = `urn:uuid:${randomUUID()}`;
      const answer = await post(
        server.baseUrl,
        '',
        transaction([
          patientEntry(ins, patientUrl),
          ...createEntries([documentReference(patientUrl)]),
        ]),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.entry[0].response.status).toBe(round === 0 ? '201' : '200');
    }
    const patients = await fhir(`${server.baseUrl}/Patient?identifier=${INS_TEST}|${ins}`);
    expect(patients.body.total).toBe(1);
    const documents = await searchUrl(server, `patient.identifier=${INS_TEST}|${ins}`);
    expect(documents.total).toBe(2);
  });

  it('rolls back a whole transaction when one entry fails, and processes batches entry by entry', async () => {
    const ins = '1800000000003';
    const failing = await post(
      server.baseUrl,
      '',
      transaction([
        patientEntry(ins),
        ...createEntries([documentReference(insReference('1800000000002'))]),
        {
          resource: { resourceType: 'Patient', id: 'other-id' },
          request: { method: 'PUT', url: 'Patient/mismatch' },
        },
      ]),
    );
    expect(failing.status).toBe(400);
    expect(failing.body.resourceType).toBe('OperationOutcome');
    expect((await fhir(`${server.baseUrl}/Patient?identifier=${INS_TEST}|${ins}`)).body.total).toBe(
      0,
    );
    expect((await searchUrl(server, `patient.identifier=${INS_TEST}|1800000000002`)).total).toBe(2);

    const unresolved = await post(
      server.baseUrl,
      '',
      transaction(createEntries([documentReference(insReference('nobody'))])),
    );
    expect(unresolved.status).toBe(412);

    const batch = await post(
      server.baseUrl,
      '',
      transaction(
        [
          patientEntry(ins),
          {
            resource: { resourceType: 'Patient', id: 'other-id' },
            request: { method: 'PUT', url: 'Patient/mismatch' },
          },
        ],
        'batch',
      ),
    );
    expect(batch.status).toBe(200);
    expect(batch.body.entry.map((entry: BundleEntry) => entry.response?.status)).toEqual([
      '201',
      '400',
    ]);
    expect((await fhir(`${server.baseUrl}/Patient?identifier=${INS_TEST}|${ins}`)).body.total).toBe(
      1,
    );
  });

  it('pages 230 documents with _count=50 through absolute next links, each exactly once', async () => {
    const ins = '1800000000004';
    expect((await post(server.baseUrl, '/Patient', patientEntry(ins).resource)).status).toBe(201);
    const created: string[] = [];
    for (const size of [130, 100]) {
      const entries = Array.from({ length: size }, () => documentReference(insReference(ins)));
      const answer = await post(server.baseUrl, '', transaction(createEntries(entries)));
      expect(answer.status).toBe(200);
      created.push(
        ...(answer.body.entry as BundleEntry[]).map((entry) => entry.resource?.id as string),
      );
    }
    const first = `${server.baseUrl}/DocumentReference?patient.identifier=${INS_TEST}|${ins}&_count=50`;
    const { ids: paged, pages, links } = await collectPages(first);
    expect(pages).toBe(5);
    expect(paged).toHaveLength(230);
    expect(new Set(paged).size).toBe(230);
    expect([...paged].sort()).toEqual([...created].sort());
    for (const next of links)
      expect(next.startsWith(`${server.baseUrl}/DocumentReference?`)).toBe(true);

    const second = await fhir(links[0] as string);
    expect(second.body.total).toBe(230);
    expect(link(second.body, 'self')).toBe(links[0]);
    expect(new URL(link(second.body, 'previous') as string).searchParams.get('_offset')).toBe('0');
    const exact = await searchUrl(server, `patient.identifier=${INS_TEST}|${ins}&_count=230`);
    expect(exact.entry).toHaveLength(230);
    expect(link(exact, 'next')).toBeUndefined();
    const oneShort = await collectPages(
      `${server.baseUrl}/DocumentReference?patient.identifier=${INS_TEST}|${ins}&_count=229`,
    );
    expect(oneShort.pages).toBe(2);
    expect(new Set(oneShort.ids).size).toBe(230);
  });

  it('applies the ITI-67 filters: status, date range, type, category, _lastUpdated, _sort=-date', async () => {
    const ins = '1800000000005';
    const patient = await post(server.baseUrl, '/Patient', patientEntry(ins).resource);
    const subject = `Patient/${patient.body.id}`;
    const loinc = (code: string) => ({ coding: [{ system: 'http://loinc.org', code }] });
    const trea = (code: string) => [
      { coding: [{ system: 'urn:oid:1.2.250.1.213.1.1.4.1', code }] },
    ];
    const early = await post(
      server.baseUrl,
      '',
      transaction(
        createEntries([
          documentReference(subject, {
            date: '2021-03-01T00:00:00Z',
            type: loinc('11502-2'),
            category: trea('10'),
          }),
          documentReference(subject, {
            date: '2023-06-15T00:00:00Z',
            type: loinc('18748-4'),
            category: trea('31'),
          }),
          documentReference(subject, {
            date: '2024-02-01T00:00:00Z',
            status: 'superseded',
            type: loinc('11502-2'),
          }),
        ]),
      ),
    );
    const [doc2021, doc2023, doc2024] = ids(early.body);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    const cutoff = new Date().toISOString();
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    const late = await post(
      server.baseUrl,
      '/DocumentReference',
      documentReference(subject, { date: '2022-01-01T00:00:00Z' }),
    );

    const query = (filters: string) =>
      searchUrl(server, `patient=${subject}&${filters}`).then((bundle) => ids(bundle));
    expect((await query('status=current')).sort()).toEqual([doc2021, doc2023, late.body.id].sort());
    expect((await query('date=ge2022-01-01&date=le2023-12-31')).sort()).toEqual(
      [doc2023, late.body.id].sort(),
    );
    expect(await query('type=http://loinc.org|18748-4')).toEqual([doc2023]);
    expect(await query('category=urn:oid:1.2.250.1.213.1.1.4.1|31')).toEqual([doc2023]);
    expect(await query(`_lastUpdated=gt${cutoff}`)).toEqual([late.body.id]);
    expect(await query('_sort=-date')).toEqual([doc2024, doc2023, late.body.id, doc2021]);
    expect(await query('_sort=-date&_count=2')).toEqual([doc2024, doc2023]);

    const byPost = await fhir(`${server.baseUrl}/DocumentReference/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ patient: subject, type: 'http://loinc.org|18748-4' }).toString(),
    });
    expect(ids(byPost.body)).toEqual([doc2023]);
  });

  it('ignores unknown search parameters (self link shows what applied) unless handling=strict', async () => {
    const lenient = await searchUrl(server, 'status=current&not-a-param=1&_count=5');
    expect(lenient.entry?.length).toBeGreaterThan(0);
    expect(link(lenient, 'self')).not.toContain('not-a-param');
    const strict = await fhir(`${server.baseUrl}/DocumentReference?status=current&not-a-param=1`, {
      headers: { prefer: 'handling=strict' },
    });
    expect(strict.status).toBe(400);
    expect(strict.body.resourceType).toBe('OperationOutcome');
  });

  it('serves Binary raw bytes with their own Content-Type (ITI-68) and as FHIR JSON on request', async () => {
    for (const [contentType, bytes] of [
      ['application/pdf', pdfBytes()],
      ['application/dicom', dicomBytes()],
    ] as const) {
      const created = await fetch(`${server.baseUrl}/Binary`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(bytes),
      });
      expect(created.status).toBe(201);
      const description = (await created.json()) as {
        id: string;
        contentType: string;
        data?: string;
      };
      expect(description.contentType).toBe(contentType);
      expect(created.headers.get('location')).toContain(`/Binary/${description.id}/_history/`);

      for (const accept of ['*/*', contentType]) {
        const raw = await fetch(`${server.baseUrl}/Binary/${description.id}`, {
          headers: { accept },
        });
        expect(raw.status).toBe(200);
        expect(raw.headers.get('content-type')).toBe(contentType);
        expect(Buffer.from(await raw.arrayBuffer()).equals(bytes)).toBe(true);
      }
      const asFhir = await fhir(`${server.baseUrl}/Binary/${description.id}`);
      expect(asFhir.headers.get('content-type')).toContain(FHIR_JSON);
      expect(asFhir.body.resourceType).toBe('Binary');
      expect(Buffer.from(asFhir.body.data, 'base64').equals(bytes)).toBe(true);
    }

    const bytes = pdfBytes();
    const answer = await post(
      server.baseUrl,
      '',
      transaction(documentWithBinary('Patient/none', bytes)),
    );
    const url = answer.body.entry[1].resource.content[0].attachment.url as string;
    const raw = await fetch(`${server.baseUrl}/${url}`);
    expect(raw.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await raw.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('stores the public ANS and IHE examples (individually and as ITI-65 transactions)', async () => {
    const example = (file: string) => JSON.parse(readFileSync(`${TESTDATA}/${file}`, 'utf8'));
    const insNir = 'urn:oid:1.2.250.1.213.1.4.8';
    const dmpPatient = await post(server.baseUrl, '/Patient', {
      resourceType: 'Patient',
      identifier: [{ system: insNir, value: '123456789012345' }],
    });
    expect(dmpPatient.status).toBe(201);

    for (const file of [
      'pdsm-Patient-fr-patient-123.json',
      'pdsm-DocumentReference-doc-old.json',
      'pdsm-DocumentReference-exemple-pdsm-documentreference.json',
      'pdsm-List-ExampleSubmissionSet.json',
      'pdsm4dmp-DocumentReference-doc-x-id.json',
    ]) {
      expect((await put(server.baseUrl, example(file))).status, file).toBeLessThan(300);
    }
    for (const file of [
      'pdsm4dmp-Bundle-example-annexe-searchset-documentreferences.json',
      'ihe-mhd-Bundle-FindDocumentReferences.json',
    ]) {
      for (const entry of example(file).entry as BundleEntry[]) {
        expect((await put(server.baseUrl, entry.resource as Resource)).status, file).toBeLessThan(
          300,
        );
      }
    }
    for (const file of [
      'pdsm4dmp-Bundle-example-td2-iti65-lot-soumission.json',
      'pdsm-Bundle-exemple-comprehensiveprovidedocument-replace.json',
    ]) {
      const answer = await post(server.baseUrl, '', example(file));
      expect(answer.status, file).toBe(200);
      expect(answer.body.type).toBe('transaction-response');
    }

    const byInsNir = await searchUrl(server, `patient.identifier=${insNir}|123456789012345`);
    expect(ids(byInsNir)).toEqual(
      expect.arrayContaining([
        'doc-x-id',
        'example-annexe-docref-cda',
        'example-annexe-docref-fhir',
      ]),
    );
    expect(byInsNir.total).toBe(4);
    for (const entry of byInsNir.entry ?? []) {
      expect((entry.resource as DocumentReference).subject?.reference).toBe(
        `Patient/${dmpPatient.body.id}`,
      );
    }
    const replaced = await fhir(`${server.baseUrl}/DocumentReference/doc-old`);
    expect(replaced.body.status).toBe('superseded');
    const forPatient123 = await searchUrl(server, 'patient=Patient/fr-patient-123&status=current');
    expect(forPatient123.total).toBe(2);
    const contained = await fhir(
      `${server.baseUrl}/DocumentReference/exemple-pdsm-documentreference`,
    );
    expect(contained.body.contained?.[0]?.meta).toBeDefined();
    const ihe = await fhir(
      `${server.baseUrl}/DocumentReference/50383ae5-49e5-4dea-b0e6-660cb9e7b91f`,
    );
    expect(ihe.body.subject.reference).toBe(
      'http://example.org/Patient/FranzMusterNeedsAbsoluteUrl',
    );
  });

  it('notifies a loopback rest-hook endpoint when a matching document is created, after commit only', async () => {
    const ins = '1800000000006';
    await post(server.baseUrl, '/Patient', patientEntry(ins).resource);
    await post(server.baseUrl, '/Patient', patientEntry('1800000000007').resource);
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let notify: () => void = () => undefined;
    const listener = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.end();
        notify();
      });
    });
    await new Promise<void>((resolveListen) => listener.listen(0, '127.0.0.1', resolveListen));
    const endpoint = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hook`;
    const nextNotification = () => new Promise<void>((resolveNotify) => (notify = resolveNotify));
    try {
      const criteria = `DocumentReference?patient.identifier=${INS_TEST}|${ins}`;
      const refused = await post(server.baseUrl, '/Subscription', {
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'test',
        criteria,
        channel: { type: 'rest-hook', endpoint: 'http://example.org/hook', payload: FHIR_JSON },
      });
      expect(refused.status).toBe(400);

      const subscription = await post(server.baseUrl, '/Subscription', {
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'test',
        criteria,
        channel: {
          type: 'rest-hook',
          endpoint,
          payload: FHIR_JSON,
          header: ['Authorization: Bearer hook-token'],
        },
      });
      expect(subscription.status).toBe(201);
      expect(subscription.body.status).toBe('active');

      const first = nextNotification();
      await post(
        server.baseUrl,
        '/DocumentReference',
        documentReference(insReference('1800000000007')),
      );
      const matching = await post(
        server.baseUrl,
        '/DocumentReference',
        documentReference(insReference(ins)),
      );
      await within(first, 5_000, 'notification');
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]?.body ?? '{}').id).toBe(matching.body.id);
      expect(received[0]?.headers.authorization).toBe('Bearer hook-token');
      expect(received[0]?.headers['content-type']).toBe(FHIR_JSON);

      const failed = await post(
        server.baseUrl,
        '',
        transaction([
          ...createEntries([documentReference(insReference(ins))]),
          {
            resource: { resourceType: 'Patient', id: 'x' },
            request: { method: 'PUT', url: 'Patient/y' },
          },
        ]),
      );
      expect(failed.status).toBe(400);
      const second = nextNotification();
      const committed = await post(
        server.baseUrl,
        '',
        transaction(createEntries([documentReference(insReference(ins))])),
      );
      await within(second, 5_000, 'notification');
      expect(received).toHaveLength(2);
      expect(JSON.parse(received[1]?.body ?? '{}').id).toBe(committed.body.entry[0].resource.id);
    } finally {
      await new Promise((resolveClose) => listener.close(resolveClose));
    }
  });

  it('streams matching documents as server-sent events', async () => {
    const ins = '1800000000008';
    await post(server.baseUrl, '/Patient', patientEntry(ins).resource);
    const criteria = encodeURIComponent(`DocumentReference?patient.identifier=${INS_TEST}|${ins}`);
    const abort = new AbortController();
    const stream = await fetch(`${server.baseUrl}/$subscription-events?criteria=${criteria}`, {
      signal: abort.signal,
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain(': listening');
    const created = await post(
      server.baseUrl,
      '/DocumentReference',
      documentReference(insReference(ins)),
    );
    const readEvent = async () => {
      while (!text.includes('\ndata: ') || !text.endsWith('\n\n'))
        text += decoder.decode((await reader.read()).value);
    };
    await within(readEvent(), 5_000, 'event').finally(() => abort.abort());
    expect(text).toContain('event: DocumentReference');
    expect(JSON.parse(text.split('\ndata: ')[1] as string).id).toBe(created.body.id);
  });

  it('injects latency, forced statuses and malformed bodies, through the API and over HTTP, then resets', async () => {
    const metadata = `${server.baseUrl}/metadata`;
    server.faults.setLatency(300);
    let started = performance.now();
    expect((await fhir(metadata)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    server.faults.failNext(2, 503);
    for (let attempt = 0; attempt < 2; attempt++) {
      const forced = await fhir(metadata);
      expect(forced.status).toBe(503);
      expect(forced.headers.get('retry-after')).toBe('1');
      expect(forced.body.resourceType).toBe('OperationOutcome');
    }
    expect((await fhir(metadata)).status).toBe(200);

    server.faults.malformNext(1);
    const malformed = await fetch(metadata);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();

    server.faults.reset();
    expect(server.faults.state()).toEqual({
      latencyMs: 0,
      forced: undefined,
      malformedRemaining: 0,
    });
    started = performance.now();
    expect((await fhir(metadata)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(290);

    const admin = server.baseUrl.replace('/fhir/R4', '/_testbed/faults');
    const set = await fetch(admin, {
      method: 'POST',
      body: JSON.stringify({ failNext: { count: 1, status: 401 } }),
    });
    expect(set.status).toBe(200);
    const unauthorized = await fhir(metadata);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toContain('Basic');
    await fetch(admin, {
      method: 'POST',
      body: JSON.stringify({ failNext: { count: 3, status: 500 } }),
    });
    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(200);
    expect((await fhir(metadata)).status).toBe(200);
    const invalid = await fetch(admin, {
      method: 'POST',
      body: JSON.stringify({ failNext: { count: 1, status: 418 } }),
    });
    expect(invalid.status).toBe(400);
  });

  it('requires basic authentication when configured', async () => {
    const guarded = await startRecordServer({
      basicAuth: { username: 'doctor', password: 's3cret' },
    });
    try {
      const anonymous = await fhir(`${guarded.baseUrl}/metadata`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
      const wrong = await fhir(`${guarded.baseUrl}/metadata`, {
        headers: { authorization: `Basic ${Buffer.from('doctor:nope').toString('base64')}` },
      });
      expect(wrong.status).toBe(401);
      const good = await fhir(`${guarded.baseUrl}/metadata`, {
        headers: { authorization: `Basic ${Buffer.from('doctor:s3cret').toString('base64')}` },
      });
      expect(good.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('record server at the scale of a real patient record', () => {
  let server: RecordServer;

  beforeAll(async () => {
    server = await startRecordServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('loads 2,000 documents with their Binaries in 200-entry transactions and pages through them', async () => {
    const ins = '2800000000001';
    await post(server.baseUrl, '/Patient', patientEntry(ins).resource);
    for (let other = 0; other < 10; other++)
      await post(server.baseUrl, '/Patient', patientEntry(`other-${other}`).resource);
    const bytes = pdfBytes();
    const loadStarted = performance.now();
    for (let batch = 0; batch < 20; batch++) {
      const entries = Array.from({ length: 100 }, (_, index) =>
        documentWithBinary(insReference(ins), bytes, {
          date: new Date(Date.UTC(2015, 0, 1) + (batch * 100 + index) * 86_400_000).toISOString(),
        }),
      ).flat();
      const answer = await post(server.baseUrl, '', transaction(entries));
      expect(answer.status).toBe(200);
    }
    const loadMs = performance.now() - loadStarted;
    expect(loadMs).toBeLessThan(30_000);

    const first = `${server.baseUrl}/DocumentReference?patient.identifier=${INS_TEST}|${ins}&_sort=-date&_count=50`;
    const timings: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const page = await fhir(first);
      timings.push(performance.now() - started);
      expect(page.body.total).toBe(2000);
      expect(page.body.entry).toHaveLength(50);
    }
    expect(Math.min(...timings)).toBeLessThan(500);

    const { ids: paged, pages } = await collectPages(first);
    expect(pages).toBe(40);
    expect(new Set(paged).size).toBe(2000);
  });
});

describe('record server CLI', () => {
  it('prints its base URL as one JSON line and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./record-server/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolveExit) =>
      child.once('exit', (code) => resolveExit(code)),
    );
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { baseUrl } = JSON.parse(line) as { baseUrl: string };
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);
    expect((await fhir(`${baseUrl}/metadata`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
