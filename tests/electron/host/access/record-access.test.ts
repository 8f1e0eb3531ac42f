import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AccessGrants,
  decideOfflineAccess,
  decideRecordAccess,
  ExceptionalAccesses,
  type AccessFacts,
} from '../../../../electron/host/access/record-access';
import type { PatientSummary } from '../../../../shared/domain/patient';

const NOW = new Date('2026-11-23T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function patient(qualified: boolean): PatientSummary {
  return {
    id: 'p1',
    identity: { birthFamilyName: 'X', firstNames: ['Y'], sex: 'female', birthDate: '1958-03-14' },
    ins: { value: '258033523804732', oid: '1.2.250.1.213.1.4.10', qualified },
  };
}

function grantsFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'regard-grants-')), 'consents.json');
}

describe('decideRecordAccess', () => {
  const base: AccessFacts = {
    clinicianId: 'rpps:810001234567',
    patient: patient(true),
    relation: { blocked: false, careTeam: false },
    nonOppositionRecorded: false,
    exceptional: undefined,
  };
  const blocked = { blocked: true, careTeam: false };
  const inTeam = { blocked: false, careTeam: true };
  const breakGlass = { mode: 'break-glass' as const, until: '2026-11-23T11:00:00.000Z' };
  const regulation = { mode: 'regulation' as const, until: '2026-11-23T11:00:00.000Z' };

  it('a professional the patient blocked has no access, whatever the ground or the mode', () => {
    for (const facts of [
      { ...base, relation: blocked },
      { ...base, relation: { blocked: true, careTeam: true } },
      { ...base, relation: blocked, nonOppositionRecorded: true },
      { ...base, relation: blocked, exceptional: breakGlass },
      { ...base, relation: blocked, exceptional: regulation },
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

  it('inside the care team consent is presumed: nothing is asked', () => {
    expect(decideRecordAccess({ ...base, relation: inTeam }, NOW)).toEqual({
      allowed: true,
      basis: 'care-team',
    });
  });

  it('outside it, asks for the non-opposition before a first access, then allows on it', () => {
    expect(decideRecordAccess(base, NOW)).toEqual({
      allowed: false,
      messageKey: 'errors.consentRequired',
    });
    expect(decideRecordAccess({ ...base, nonOppositionRecorded: true }, NOW)).toEqual({
      allowed: true,
      basis: 'non-opposition',
    });
  });

  it('refuses an unqualified INS whatever the ground or the mode', () => {
    for (const facts of [
      { ...base, patient: patient(false) },
      { ...base, patient: patient(false), relation: inTeam },
      { ...base, patient: patient(false), nonOppositionRecorded: true },
      { ...base, patient: patient(false), exceptional: breakGlass },
      { ...base, patient: patient(false), exceptional: regulation },
    ]) {
      expect(decideRecordAccess(facts, NOW)).toEqual({
        allowed: false,
        messageKey: 'errors.insNotQualified',
      });
    }
  });

  it('an exceptional mode allows until it ends and names itself, then the usual ground applies', () => {
    const later = new Date('2026-11-23T11:01:00Z');
    expect(decideRecordAccess({ ...base, exceptional: breakGlass }, NOW)).toEqual({
      allowed: true,
      basis: 'break-glass',
      until: breakGlass.until,
    });
    expect(decideRecordAccess({ ...base, exceptional: regulation }, NOW)).toEqual({
      allowed: true,
      basis: 'regulation',
      until: regulation.until,
    });
    expect(decideRecordAccess({ ...base, exceptional: regulation }, later)).toEqual({
      allowed: false,
      messageKey: 'errors.consentRequired',
    });
    expect(
      decideRecordAccess({ ...base, exceptional: breakGlass, nonOppositionRecorded: true }, later),
    ).toEqual({ allowed: true, basis: 'non-opposition' });
  });
});

describe('decideOfflineAccess', () => {
  const confirmedAt = (at: string) => ({ confirmed: { basis: 'care-team' as const, at } });
  const facts = {
    clinicianId: 'rpps:1',
    grant: undefined,
    exceptional: undefined,
    maxAgeMs: 30 * DAY,
  };

  it('reads a cached record on a ground the source confirmed within the cache age limit', () => {
    expect(
      decideOfflineAccess({ ...facts, grant: confirmedAt('2026-11-20T10:00:00.000Z') }, NOW),
    ).toEqual({ allowed: true, basis: 'care-team' });
    expect(
      decideOfflineAccess({ ...facts, grant: confirmedAt('2026-10-01T10:00:00.000Z') }, NOW),
    ).toEqual({ allowed: false, messageKey: 'errors.offlineAccessUnconfirmed' });
  });

  it('a non-opposition never confirmed with the source, or none at all, does not open it', () => {
    for (const grant of [undefined, { nonOppositionAt: '2026-11-23T09:00:00.000Z' }]) {
      expect(decideOfflineAccess({ ...facts, grant }, NOW)).toEqual({
        allowed: false,
        messageKey: 'errors.offlineAccessUnconfirmed',
      });
    }
  });

  it('an exceptional mode under way still holds offline; without login nothing applies', () => {
    const exceptional = { mode: 'break-glass' as const, until: '2026-11-23T10:05:00.000Z' };
    expect(decideOfflineAccess({ ...facts, exceptional }, NOW)).toEqual({
      allowed: true,
      basis: 'break-glass',
      until: exceptional.until,
    });
    expect(decideOfflineAccess({ ...facts, clinicianId: undefined }, NOW)).toEqual({
      allowed: true,
      basis: 'no-login',
    });
  });
});

describe('AccessGrants', () => {
  it('remembers a non-opposition per professional and patient, across restarts', () => {
    const file = grantsFile();
    new AccessGrants(file).recordNonOpposition('rpps:1', 'p1', NOW);
    const reopened = new AccessGrants(file);
    expect(reopened.get('rpps:1', 'p1')?.nonOppositionAt).toBe(NOW.toISOString());
    expect(reopened.get('rpps:2', 'p1')).toBeUndefined();
    expect(reopened.get('rpps:1', 'p2')).toBeUndefined();
  });

  it('reads the non-oppositions recorded by earlier versions (a date per key)', () => {
    const file = grantsFile();
    writeFileSync(file, JSON.stringify({ 'rpps:1|p1': '2026-05-01T08:00:00.000Z' }));
    expect(new AccessGrants(file).get('rpps:1', 'p1')).toEqual({
      nonOppositionAt: '2026-05-01T08:00:00.000Z',
    });
  });

  it('records the care-team presumption once, and forgets the confirmation when the ground is lost', () => {
    const grants = new AccessGrants(grantsFile());
    expect(grants.confirm('rpps:1', 'p1', 'care-team', NOW)).toBe(true);
    expect(grants.confirm('rpps:1', 'p1', 'care-team', new Date(NOW.getTime() + DAY))).toBe(false);
    expect(grants.get('rpps:1', 'p1')).toEqual({
      careTeamAt: NOW.toISOString(),
      confirmed: { basis: 'care-team', at: new Date(NOW.getTime() + DAY).toISOString() },
    });
    grants.confirm('rpps:1', 'p1', undefined, NOW);
    expect(grants.get('rpps:1', 'p1')).toEqual({ careTeamAt: NOW.toISOString() });
  });
});

describe('ExceptionalAccesses', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends a mode after its time, keeps modes apart per professional, and ends with the session', () => {
    const accesses = new ExceptionalAccesses();
    expect(accesses.start('rpps:1', 'p1', 'break-glass', 30, NOW)).toBe('2026-11-23T10:30:00.000Z');
    accesses.start('rpps:2', 'p1', 'regulation', 60, NOW);
    expect(accesses.current('rpps:1', 'p1', NOW)).toEqual({
      mode: 'break-glass',
      until: '2026-11-23T10:30:00.000Z',
    });
    expect(accesses.current('rpps:2', 'p1', NOW)?.mode).toBe('regulation');
    expect(accesses.current('rpps:1', 'p1', new Date('2026-11-23T10:30:00Z'))).toBeUndefined();
    accesses.clear();
    expect(accesses.current('rpps:2', 'p1', NOW)).toBeUndefined();
  });

  it('tells when each mode ended, once: at its time, by the user, or with the session', () => {
    vi.useFakeTimers({ now: NOW });
    const ended: string[] = [];
    const accesses = new ExceptionalAccesses((clinician, patient, mode, why) =>
      ended.push(`${clinician} ${patient} ${mode} ${why}`),
    );
    accesses.start('rpps:1', 'p1', 'break-glass', 30, NOW);
    accesses.start('rpps:1', 'p2', 'regulation', 60, NOW);
    // Started again: the first end is replaced by the later one.
    accesses.start('rpps:1', 'p2', 'regulation', 90, NOW);
    vi.advanceTimersByTime(30 * 60_000);
    expect(ended).toEqual(['rpps:1 p1 break-glass expired']);
    vi.advanceTimersByTime(31 * 60_000);
    expect(ended).toHaveLength(1);
    accesses.start('rpps:1', 'p3', 'break-glass', 30, NOW);
    expect(accesses.end('rpps:1', 'p3')).toBe(true);
    expect(accesses.end('rpps:1', 'p3')).toBe(false);
    expect(accesses.current('rpps:1', 'p3', NOW)).toBeUndefined();
    accesses.clear();
    vi.advanceTimersByTime(60 * 60_000);
    expect(ended).toEqual([
      'rpps:1 p1 break-glass expired',
      'rpps:1 p3 break-glass ended-by-user',
      'rpps:1 p2 regulation session-ended',
    ]);
  });
});
