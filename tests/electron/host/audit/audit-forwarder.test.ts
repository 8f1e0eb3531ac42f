import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditForwarder } from '../../../../electron/host/audit/audit-forwarder';
import { AuditJournal } from '../../../../electron/host/audit/journal';
import { createLogger } from '../../../../electron/host/logging/logger';
import { FhirClient } from '../../../../electron/host/records/fhir-client';
import { startRecordServer, type RecordServer } from '../../../testbed/record-server/server';

let server: RecordServer;
let client: FhirClient;

beforeAll(async () => {
  server = await startRecordServer();
  client = new FhirClient({
    label: 'test',
    fhirBaseUrl: server.baseUrl,
    auth: { type: 'none' },
    timeoutMs: 5000,
    sendAuditEvents: true,
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function auditEventsOnServer(): Promise<{ id: string; extension?: unknown[] }[]> {
  const bundle = (await client.getJson('AuditEvent', new URLSearchParams({ _count: '100' }))) as {
    entry?: { resource: { id: string; extension?: unknown[] } }[];
  };
  return (bundle.entry ?? []).map((entry) => entry.resource);
}

describe('AuditForwarder against the record server', () => {
  it('sends every record once, in order, and loses none while the endpoint is down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regard-forward-'));
    const journal = new AuditJournal(join(dir, 'journal.jsonl'));
    const forwarder = () =>
      new AuditForwarder({
        journal,
        sink: client,
        cursorFile: join(dir, 'forwarded.json'),
        workstation: 'Regard test',
        logger: createLogger(),
      });
    const before = (await auditEventsOnServer()).length;
    for (const target of ['a', 'b', 'c']) {
      journal.append({
        actor: 'rpps:1',
        action: 'document.read',
        patientRef: 'p1',
        target,
        outcome: 'success',
      });
    }
    expect(await forwarder().flush()).toBe(3);
    expect((await auditEventsOnServer()).length).toBe(before + 3);

    journal.append({
      actor: 'rpps:1',
      action: 'document.read',
      patientRef: 'p1',
      target: 'd',
      outcome: 'success',
    });
    journal.append({
      actor: 'rpps:1',
      action: 'document.read',
      patientRef: 'p1',
      target: 'e',
      outcome: 'success',
    });
    server.faults.failNext(1, 503);
    const second = forwarder();
    expect(await second.flush()).toBe(0);
    expect(second.sent()).toBe(3);
    expect((await auditEventsOnServer()).length).toBe(before + 3);

    // A new forwarder (the workstation restarted) picks up where sending stopped.
    expect(await forwarder().flush()).toBe(2);
    expect(await forwarder().flush()).toBe(0);
    expect((await auditEventsOnServer()).length).toBe(before + 5);
  });
});
