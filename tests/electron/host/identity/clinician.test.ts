import { describe, expect, it } from 'vitest';
import { mapClinician } from '../../../../electron/host/identity/clinician';
import { identityConfigSchema } from '../../../../electron/host/identity/config';
import { DR_MARTIN, NURSE_LEROY, pscClaims } from '../../../testbed/oidc-provider';

const ISSUER = 'https://auth.example.test';

describe('mapClinician', () => {
  it('reads Pro Santé Connect’s sector claims', () => {
    const userinfo = pscClaims(DR_MARTIN);
    const clinician = mapClinician(
      { sub: DR_MARTIN.sub, auth_time: 1_700_000_000 },
      userinfo,
      ISSUER,
    );
    expect(clinician).toEqual({
      subject: DR_MARTIN.sub,
      issuer: ISSUER,
      nationalId: '810001234567',
      nationalIdKind: 'rpps',
      rpps: '10001234567',
      givenName: 'Claire',
      familyName: 'MARTIN',
      displayName: 'Claire MARTIN',
      civility: 'DR',
      profession: { code: '10', category: 'C' },
      specialty: { kind: 'S', code: 'SM54' },
      organisation: { name: 'CABINET DU DR MARTIN', id: 'R10001' },
      authenticationLevel: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
      authenticatedAt: 1_700_000_000_000,
    });
  });

  it('takes the activity of the organisation named in SubjectOrganizationID', () => {
    const userinfo = pscClaims(NURSE_LEROY) as {
      SubjectOrganization?: string;
      SubjectRefPro: { exercices: { activities: Record<string, string>[] }[] };
    };
    delete userinfo.SubjectOrganization;
    userinfo.SubjectRefPro.exercices[0]?.activities.unshift({
      identifiantTechniqueDeLaStructure: 'R99999',
      raisonSocialeSite: 'AUTRE STRUCTURE',
    });
    const clinician = mapClinician({ sub: NURSE_LEROY.sub }, userinfo, ISSUER);
    expect(clinician?.organisation).toEqual({ name: 'CABINET INFIRMIER LEROY', id: 'R10002' });
    expect(clinician?.profession).toEqual({ code: '60', category: 'C' });
    expect(clinician?.specialty).toBeNull();
  });

  it('falls back to standard claims and SubjectRole', () => {
    const clinician = mapClinician(
      { sub: 'abc', acr: 'eidas1' },
      {
        preferred_username: '0123456789',
        given_name: 'Anne',
        SubjectRole: ['21^1.2.250.1.213.1.1.5.5'],
      },
      ISSUER,
    );
    expect(clinician).toMatchObject({
      nationalId: '0123456789',
      nationalIdKind: 'adeli',
      rpps: null,
      displayName: 'Anne',
      profession: { code: '21', category: null },
      authenticationLevel: 'eidas1',
      organisation: null,
    });
  });

  it('gives null for someone without a national professional identifier', () => {
    expect(mapClinician({ sub: 'abc' }, { given_name: 'Anne' }, ISSUER)).toBeNull();
  });
});

describe('identityConfigSchema', () => {
  it('fills the defaults of a public native client', () => {
    expect(
      identityConfigSchema.parse({
        issuer: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet',
        clientId: 'regard',
      }),
    ).toEqual({
      issuer: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet',
      clientId: 'regard',
      scopes: ['openid', 'scope_all'],
      loginTimeoutMs: 300_000,
      requestTimeoutMs: 15_000,
      refreshMarginMs: 60_000,
      endSessionInBrowser: true,
    });
  });

  it('refuses plain http away from loopback, scopes without openid, and secrets', () => {
    const base = { issuer: 'http://127.0.0.1:8080', clientId: 'regard' };
    expect(identityConfigSchema.safeParse(base).success).toBe(true);
    expect(
      identityConfigSchema.safeParse({ ...base, issuer: 'http://idp.example.test' }).success,
    ).toBe(false);
    expect(identityConfigSchema.safeParse({ ...base, scopes: ['profile'] }).success).toBe(false);
    expect(identityConfigSchema.safeParse({ ...base, scopes: ['openid', 'a b'] }).success).toBe(
      false,
    );
    expect(identityConfigSchema.safeParse({ ...base, clientSecret: 'x' }).success).toBe(false);
  });
});
