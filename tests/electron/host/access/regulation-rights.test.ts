import { describe, expect, it } from 'vitest';
import { mayRegulate } from '../../../../electron/host/access/regulation-rights';
import type { Clinician } from '../../../../electron/host/identity/clinician';

const regulator: Clinician = {
  subject: 'f:1:810005550001',
  issuer: 'https://provider.example',
  nationalId: '810005550001',
  nationalIdKind: 'rpps',
  rpps: '10005550001',
  givenName: 'Samuel',
  familyName: 'Roux',
  displayName: 'Dr Samuel Roux',
  civility: 'DR',
  profession: { code: '10', category: 'C' },
  specialty: { kind: 'S', code: 'SM54' },
  organisation: { name: 'SAMU 75', id: 'F750100001' },
  authenticationLevel: null,
  authenticatedAt: null,
};

describe('mayRegulate', () => {
  it('allows a clinician when every field a rule names matches', () => {
    const policy = { allowed: [{ profession: '10', organisationId: 'F750100001' }], minutes: 60 };
    expect(mayRegulate(regulator, policy)).toBe(true);
    expect(mayRegulate({ ...regulator, organisation: null }, policy)).toBe(false);
    expect(mayRegulate({ ...regulator, profession: { code: '60', category: 'C' } }, policy)).toBe(
      false,
    );
  });

  it('offers nothing without rules or without a signed-in clinician', () => {
    expect(mayRegulate(regulator, { allowed: [], minutes: 60 })).toBe(false);
    expect(mayRegulate(undefined, { allowed: [{ profession: '10' }], minutes: 60 })).toBe(false);
  });
});
