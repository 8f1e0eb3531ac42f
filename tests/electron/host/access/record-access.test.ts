import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BreakGlassAccesses,
  ConsentStore,
  decideRecordAccess,
} from '../../../../electron/host/access/record-access';
import type { PatientSummary } from '../../../../shared/domain/patient';

const NOW = new Date('2026-11-23T10:00:00Z');

function patient(qualified: boolean): PatientSummary {
  return {
    id: 'p1',
    identity: { birthFamilyName: 'X', firstNames: ['Y'], sex: 'female', birthDate: '1958-03-14' },
    ins: { value: '258033523804732', oid: '1.2.250.1.213.1.4.10', qualified },
  };
}

describe('decideRecordAccess', () => {
  const base = {
    clinicianId: 'rpps:810001234567',
    patient: patient(true),
    nonOppositionRecorded: false,
    breakGlassUntil: undefined,
    blocked: false,
  };

  it('a professional the patient blocked has no access, break-the-glass included', () => {
    for (const facts of [
      { ...base, blocked: true },
      { ...base, blocked: true, nonOppositionRecorded: true },
      { ...base, blocked: true, breakGlassUntil: '2026-11-23T11:00:00.000Z' },
    ]) {
      expect(decideRecordAccess(facts, NOW)).toEqual({
        allowed: false,
        messageKey: 'errors.blockedByPatient',
      });
    }
  });

  it('without login configured, the professional conditions do not apply', () => {
    expect(decideRecordAccess({ ...base, clinicianId: undefined }, NOW)).toEqual({
      allowed: true,
      basis: 'no-login',
    });
  });

  it('asks for the non-opposition before a first access, then allows on it', () => {
    expect(decideRecordAccess(base, NOW)).toEqual({
      allowed: false,
      messageKey: 'errors.consentRequired',
    });
    expect(decideRecordAccess({ ...base, nonOppositionRecorded: true }, NOW)).toEqual({
      allowed: true,
      basis: 'non-opposition',
    });
  });

  it('refuses an unqualified INS whatever the mode', () => {
    for (const facts of [
      { ...base, patient: patient(false) },
      { ...base, patient: patient(false), nonOppositionRecorded: true },
      { ...base, patient: patient(false), breakGlassUntil: '2026-11-23T11:00:00.000Z' },
    ]) {
      expect(decideRecordAccess(facts, NOW)).toEqual({
        allowed: false,
        messageKey: 'errors.insNotQualified',
      });
    }
  });

  it('break-the-glass allows until it ends, then the usual conditions apply again', () => {
    const until = '2026-11-23T10:30:00.000Z';
    expect(decideRecordAccess({ ...base, breakGlassUntil: until }, NOW)).toEqual({
      allowed: true,
      basis: 'break-glass',
      breakGlassUntil: until,
    });
    expect(
      decideRecordAccess({ ...base, breakGlassUntil: until }, new Date('2026-11-23T10:31:00Z')),
    ).toEqual({ allowed: false, messageKey: 'errors.consentRequired' });
  });
});

describe('ConsentStore and BreakGlassAccesses', () => {
  it('remembers a non-opposition per professional and patient, across restarts', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'regard-consent-')), 'consents.json');
    new ConsentStore(file).record('rpps:1', 'p1', NOW);
    const reopened = new ConsentStore(file);
    expect(reopened.has('rpps:1', 'p1')).toBe(true);
    expect(reopened.has('rpps:2', 'p1')).toBe(false);
    expect(reopened.has('rpps:1', 'p2')).toBe(false);
  });

  it('ends break-the-glass after the policy time, and with the session', () => {
    const accesses = new BreakGlassAccesses();
    expect(accesses.start('rpps:1', 'p1', 30, NOW)).toBe('2026-11-23T10:30:00.000Z');
    expect(accesses.until('rpps:1', 'p1')).toBe('2026-11-23T10:30:00.000Z');
    expect(accesses.until('rpps:2', 'p1')).toBeUndefined();
    accesses.clear();
    expect(accesses.until('rpps:1', 'p1')).toBeUndefined();
  });
});
