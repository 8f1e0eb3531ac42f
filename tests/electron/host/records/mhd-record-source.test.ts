import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeChannel } from '../../../../shared/bridge/contract';
import { dispatchBridgeCall } from '../../../../electron/host/bridge/dispatch';
import { configSchema } from '../../../../electron/host/config/schema';
import { createHostServices, type HostServices } from '../../../../electron/host/host-services';
import { startRecordServer, type RecordServer } from '../../../testbed/record-server/server';
import {
  ensureSyntheticData,
  loadIntoRecordServer,
  patientByKey,
} from '../../../testbed/synthetic';
import type { SyntheticData } from '../../../testbed/synthetic';

let server: RecordServer;
let services: HostServices;
let data: SyntheticData;

async function call(channel: InvokeChannel, payload: unknown): Promise<unknown> {
  const envelope = await dispatchBridgeCall(
    services.handlers,
    channel,
    payload,
    { door: 'http' },
    services.logger,
  );
  if (!envelope.ok) throw Object.assign(new Error(envelope.failure.messageKey), envelope.failure);
  return envelope.value;
}

async function openPatient(key: 'main' | 'scale' | 'child'): Promise<string> {
  const { patients } = (await call('searchPatients', { text: patientByKey(key).ins })) as {
    patients: { id: string }[];
  };
  const id = patients[0]?.id;
  if (!id) throw new Error('patient not found');
  await call('openPatient', { patientId: id });
  return id;
}

type Page = {
  documents: { logicalId: string; uniqueId: string; status: string; date?: string }[];
  next?: string;
  total?: number;
};

beforeAll(async () => {
  server = await startRecordServer();
  data = await ensureSyntheticData();
  await loadIntoRecordServer(server.baseUrl, data.records);
  services = createHostServices({
    config: configSchema.parse({ records: { label: 'DMP', fhirBaseUrl: server.baseUrl } }),
    dataDir: mkdtempSync(join(tmpdir(), 'regard-mhd-')),
    hostKind: 'browser',
    version: 'test',
  });
});

afterAll(async () => {
  await services?.close();
  await server?.close();
});

describe('MHD record source through the bridge handlers', () => {
  it('refuses documents of a patient that was not opened', async () => {
    await expect(
      call('listDocuments', { patientId: 'nobody', scope: 'recent' }),
    ).rejects.toMatchObject({
      code: 'refused',
      messageKey: 'errors.patientNotOpen',
    });
  });

  it('first lists the last two years of current documents only', async () => {
    const patientId = await openPatient('main');
    const page = (await call('listDocuments', { patientId, scope: 'recent' })) as Page;
    const generated = data.records.documents.filter((d) => d.patientKey === 'main');
    expect(page.documents.length).toBeGreaterThan(0);
    expect(page.documents.length).toBeLessThan(generated.length);
    const limit = new Date();
    limit.setUTCFullYear(limit.getUTCFullYear() - 2);
    for (const document of page.documents) {
      expect(document.status).toBe('current');
      expect(Date.parse(document.date ?? '')).toBeGreaterThanOrEqual(limit.getTime() - 86_400_000);
    }
  });

  it('pages through all 2,000+ documents of the scale patient with opaque cursors', async () => {
    const patientId = await openPatient('scale');
    const ids = new Set<string>();
    const uniqueIds = new Set<string>();
    let page = (await call('listDocuments', { patientId, scope: 'all' })) as Page;
    let pages = 1;
    for (;;) {
      for (const document of page.documents) {
        ids.add(document.logicalId);
        uniqueIds.add(document.uniqueId);
      }
      if (!page.next) break;
      expect(page.next).toMatch(/^[0-9a-f-]{36}$/);
      page = (await call('listDocuments', { patientId, scope: 'all', cursor: page.next })) as Page;
      pages += 1;
    }
    const generated = data.records.documents.filter((d) => d.patientKey === 'scale');
    expect(generated.length).toBeGreaterThanOrEqual(2000);
    // Documents the patient masked from professionals are never listed.
    const masked = generated.filter((d) =>
      JSON.stringify(d.documentReference.securityLabel ?? []).includes('"MASQUE_PS"'),
    );
    expect(masked.length).toBeGreaterThan(0);
    expect(ids.size).toBe(generated.length - masked.length);
    const uniqueIdOf = (d: (typeof generated)[number]) =>
      (d.documentReference.masterIdentifier as { value: string }).value.replace(/^urn:oid:/, '');
    for (const document of masked) expect(uniqueIds.has(uniqueIdOf(document))).toBe(false);
    expect(generated.filter((d) => uniqueIds.has(uniqueIdOf(d)))).toHaveLength(ids.size);
    expect(pages).toBeGreaterThan(1);
  });

  it('retrieves a document for its patient, never for another', async () => {
    const mainId = await openPatient('main');
    const childId = await openPatient('child');
    const page = (await call('listDocuments', { patientId: mainId, scope: 'all' })) as Page;
    const first = page.documents[0];
    if (!first) throw new Error('the main patient has documents');
    const retrieved = (await call('retrieveDocument', {
      patientId: mainId,
      logicalId: first.logicalId,
    })) as {
      base64: string;
      contentType: string;
    };
    expect(Buffer.from(retrieved.base64, 'base64').length).toBeGreaterThan(100);
    await expect(
      call('retrieveDocument', { patientId: childId, logicalId: first.logicalId }),
    ).rejects.toMatchObject({
      code: 'refused',
      messageKey: 'errors.documentOfAnotherPatient',
    });
  });

  it('tells the user when the record source fails, without crashing', async () => {
    const patientId = await openPatient('main');
    server.faults.failNext(1, 503);
    await expect(call('listDocuments', { patientId, scope: 'recent' })).rejects.toMatchObject({
      code: 'unavailable',
      messageKey: 'errors.recordsFailed',
    });
    server.faults.malformNext(1);
    await expect(call('listDocuments', { patientId, scope: 'recent' })).rejects.toMatchObject({
      code: 'unavailable',
      messageKey: 'errors.recordsMalformed',
    });
    server.faults.reset();
    expect(
      ((await call('listDocuments', { patientId, scope: 'recent' })) as Page).documents.length,
    ).toBeGreaterThan(0);
  });

  it('remembers the last visit per user and patient', async () => {
    const patientId = await openPatient('main');
    const again = (await call('openPatient', { patientId })) as { lastVisit?: string };
    expect(Date.parse(again.lastVisit ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
