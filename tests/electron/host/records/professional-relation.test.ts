import { describe, expect, it } from 'vitest';
import {
  deniesProfessional,
  includesInCareTeam,
} from '../../../../electron/host/records/professional-relation';

const NOW = new Date('2026-11-23T10:00:00Z');
const MARTIN = { nationalId: '810001234567', organisationId: 'R10001' };

function careTeam(participant: object[], extra: object = {}): object {
  return { resourceType: 'CareTeam', status: 'active', participant, ...extra };
}

const byId = (value: string, type?: string) => ({
  member: { ...(type ? { type } : {}), identifier: { value } },
});

describe('includesInCareTeam', () => {
  it('finds the professional by national id or bare RPPS, or by the organisation they act for', () => {
    expect(includesInCareTeam(careTeam([byId('810001234567')]), MARTIN, NOW)).toBe(true);
    expect(includesInCareTeam(careTeam([byId('10001234567')]), MARTIN, NOW)).toBe(true);
    expect(includesInCareTeam(careTeam([byId('R10001', 'Organization')]), MARTIN, NOW)).toBe(true);
  });

  it('leaves out other professionals, an organisation id not typed as one, and malformed teams', () => {
    expect(includesInCareTeam(careTeam([byId('810009876543')]), MARTIN, NOW)).toBe(false);
    expect(includesInCareTeam(careTeam([byId('R10001')]), MARTIN, NOW)).toBe(false);
    expect(
      includesInCareTeam(
        careTeam([byId('R10001', 'Organization')]),
        { ...MARTIN, organisationId: undefined },
        NOW,
      ),
    ).toBe(false);
    expect(includesInCareTeam({ resourceType: 'CareTeam', participant: 'x' }, MARTIN, NOW)).toBe(
      false,
    );
    expect(includesInCareTeam({ resourceType: 'Consent' }, MARTIN, NOW)).toBe(false);
  });

  it('a team that is not active, or out of its period, or a participation that ended, does not count', () => {
    const member = byId('810001234567');
    expect(includesInCareTeam(careTeam([member], { status: 'inactive' }), MARTIN, NOW)).toBe(false);
    expect(
      includesInCareTeam(careTeam([member], { period: { end: '2026-11-22' } }), MARTIN, NOW),
    ).toBe(false);
    expect(
      includesInCareTeam(careTeam([member], { period: { end: '2026-11-23' } }), MARTIN, NOW),
    ).toBe(true);
    expect(
      includesInCareTeam(careTeam([member], { period: { start: '2026-12-01' } }), MARTIN, NOW),
    ).toBe(false);
    expect(
      includesInCareTeam(
        careTeam([{ ...member, period: { end: '2026-11-23T09:00:00Z' } }]),
        MARTIN,
        NOW,
      ),
    ).toBe(false);
  });
});

describe('deniesProfessional', () => {
  const consent = (type: string, value: string) => ({
    resourceType: 'Consent',
    provision: { type, actor: [{ reference: { identifier: { value } } }] },
  });

  it('a deny provision naming the professional refuses them; a permit or another one does not', () => {
    expect(deniesProfessional(consent('deny', '810001234567'), MARTIN)).toBe(true);
    expect(deniesProfessional(consent('deny', '10001234567'), MARTIN)).toBe(true);
    expect(deniesProfessional(consent('permit', '810001234567'), MARTIN)).toBe(false);
    expect(deniesProfessional(consent('deny', '810009876543'), MARTIN)).toBe(false);
    expect(deniesProfessional({ resourceType: 'Consent', provision: 3 }, MARTIN)).toBe(false);
  });
});
