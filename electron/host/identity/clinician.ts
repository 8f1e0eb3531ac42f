import { z } from 'zod';

/**
 * Where the clinician's identity is read. Pro Santé Connect releases it in its userinfo with the
 * scope `scope_all`, under these names (its "UserInfo" documentation); the standard OpenID
 * Connect claims are the fallback for other providers (a hospital's own provider, the test bed).
 * Every claim name the mapping reads is here, nowhere else.
 */
export const PSC_CLAIMS = {
  /**
   * `SubjectNameID`: the professional's national identifier (idNat_PS): `8` followed by the
   * 11-digit RPPS number, or `0` followed by the ADELI number. Also in `preferred_username`.
   */
  nationalId: 'SubjectNameID',
  /**
   * `SubjectRefPro`: the professional's entry in the Annuaire Santé:
   * `{ codeCivilite, exercices: [{ codeProfession, ..., activities: [...] }] }`.
   */
  professionalRecord: 'SubjectRefPro',
  /** `SubjectRole`: professions as `code^OID` of ANS TRE_G15, e.g. `10^1.2.250.1.213.1.1.5.5`. */
  roles: 'SubjectRole',
  /** `SubjectOrganization` / `SubjectOrganizationID`: the structure the professional acts for. */
  organisationName: 'SubjectOrganization',
  organisationId: 'SubjectOrganizationID',
  /** `Palier_Authentification`: the authentication level reached, e.g. `APPPRIP3^1.2.250...`. */
  authenticationLevel: 'Palier_Authentification',
} as const;

/** Fields of one `SubjectRefPro.exercices[]` entry (a profession exercised). */
export const PSC_EXERCISE_FIELDS = {
  list: 'exercices',
  /** ANS TRE_G15 ProfessionSante: 10 médecin, 21 pharmacien, 40 chirurgien-dentiste, 60 infirmier... */
  professionCode: 'codeProfession',
  /** ANS TRE_R09 CategorieProfessionnelle: C civil, M militaire, E étudiant. */
  professionCategory: 'codeCategorieProfessionnelle',
  /** ANS TRE_R11 CiviliteExercice: DR, PR, ... */
  civility: 'codeCiviliteDexercice',
  givenName: 'prenomDexercice',
  familyName: 'nomDexercice',
  /** ANS TRE_R04 TypeSavoirFaire: S spécialité ordinale, CEX compétence exclusive, ... */
  specialtyKind: 'codeTypeSavoirFaire',
  /** ANS TRE_R38 SpecialiteOrdinale and siblings, e.g. SM54 médecine générale. */
  specialtyCode: 'codeSavoirFaire',
  activities: 'activities',
} as const;

/** Fields of one `exercices[].activities[]` entry (a place of practice). */
export const PSC_ACTIVITY_FIELDS = {
  organisationName: 'raisonSocialeSite',
  organisationId: 'identifiantTechniqueDeLaStructure',
} as const;

/** The standard OpenID Connect claims used where the provider has no sector claims. */
export const OIDC_CLAIMS = {
  givenName: 'given_name',
  familyName: 'family_name',
  username: 'preferred_username',
  authTime: 'auth_time',
  acr: 'acr',
} as const;

export const clinicianSchema = z
  .object({
    /** The provider's subject (`sub`), stable for this provider. */
    subject: z.string().min(1),
    issuer: z.string().min(1),
    /** The national professional identifier as the provider gives it (idNat_PS). */
    nationalId: z.string().min(1),
    nationalIdKind: z.enum(['rpps', 'adeli', 'other']),
    /** The 11-digit RPPS number, where the national identifier is one. */
    rpps: z.string().nullable(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    displayName: z.string().min(1),
    /** TRE_R11 civility of practice (DR, PR...), where given. */
    civility: z.string().nullable(),
    profession: z.object({ code: z.string(), category: z.string().nullable() }).nullable(),
    specialty: z.object({ kind: z.string().nullable(), code: z.string() }).nullable(),
    organisation: z.object({ name: z.string().nullable(), id: z.string().nullable() }).nullable(),
    authenticationLevel: z.string().nullable(),
    /** When the user authenticated at the provider (epoch ms), where said. */
    authenticatedAt: z.number().nullable(),
  })
  .strict();

/** The signed-in clinician, as the bridge and the access decisions will see them. */
export type Clinician = z.infer<typeof clinicianSchema>;

type Claims = Record<string, unknown>;

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function record(value: unknown): Claims | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Claims)
    : null;
}

function records(value: unknown): Claims[] {
  return Array.isArray(value) ? value.map(record).filter((item) => item !== null) : [];
}

/** `10^1.2.250.1.213.1.1.5.5` -> `10`. */
function roleCode(value: unknown): string | null {
  const role = Array.isArray(value) ? value[0] : value;
  return text(role)?.split('^')[0] || null;
}

function classify(nationalId: string): Pick<Clinician, 'nationalIdKind' | 'rpps'> {
  if (/^8\d{11}$/.test(nationalId)) return { nationalIdKind: 'rpps', rpps: nationalId.slice(1) };
  if (/^0\d{9}$/.test(nationalId)) return { nationalIdKind: 'adeli', rpps: null };
  return { nationalIdKind: 'other', rpps: null };
}

/**
 * The clinician described by a validated ID token and the userinfo of the same subject. Returns
 * null when no national professional identifier can be found: such a user is not a clinician
 * this workstation can act for.
 */
export function mapClinician(idToken: Claims, userinfo: Claims, issuer: string): Clinician | null {
  const claims: Claims = { ...idToken, ...userinfo };
  const subject = text(idToken.sub);
  if (!subject) return null;
  const nationalId =
    text(claims[PSC_CLAIMS.nationalId]) ?? text(claims[OIDC_CLAIMS.username]) ?? null;
  if (!nationalId) return null;

  const professional = record(claims[PSC_CLAIMS.professionalRecord]);
  const exercise = records(professional?.[PSC_EXERCISE_FIELDS.list])[0] ?? null;
  const activities = records(exercise?.[PSC_EXERCISE_FIELDS.activities]);
  const organisationId = text(claims[PSC_CLAIMS.organisationId]);
  const activity =
    activities.find(
      (item) => organisationId && text(item[PSC_ACTIVITY_FIELDS.organisationId]) === organisationId,
    ) ??
    activities[0] ??
    null;

  const givenName =
    text(exercise?.[PSC_EXERCISE_FIELDS.givenName]) ?? text(claims[OIDC_CLAIMS.givenName]);
  const familyName =
    text(exercise?.[PSC_EXERCISE_FIELDS.familyName]) ?? text(claims[OIDC_CLAIMS.familyName]);
  const professionCode =
    text(exercise?.[PSC_EXERCISE_FIELDS.professionCode]) ?? roleCode(claims[PSC_CLAIMS.roles]);
  const specialtyCode = text(exercise?.[PSC_EXERCISE_FIELDS.specialtyCode]);
  const organisationName =
    text(claims[PSC_CLAIMS.organisationName]) ??
    text(activity?.[PSC_ACTIVITY_FIELDS.organisationName]);
  const resolvedOrganisationId =
    organisationId ?? text(activity?.[PSC_ACTIVITY_FIELDS.organisationId]);
  const authTime = claims[OIDC_CLAIMS.authTime];

  return clinicianSchema.parse({
    subject,
    issuer,
    nationalId,
    ...classify(nationalId),
    givenName,
    familyName,
    displayName: [givenName, familyName].filter(Boolean).join(' ') || nationalId,
    civility: text(exercise?.[PSC_EXERCISE_FIELDS.civility]),
    profession: professionCode
      ? {
          code: professionCode,
          category: text(exercise?.[PSC_EXERCISE_FIELDS.professionCategory]),
        }
      : null,
    specialty: specialtyCode
      ? { kind: text(exercise?.[PSC_EXERCISE_FIELDS.specialtyKind]), code: specialtyCode }
      : null,
    organisation:
      organisationName || resolvedOrganisationId
        ? { name: organisationName, id: resolvedOrganisationId }
        : null,
    authenticationLevel:
      text(claims[PSC_CLAIMS.authenticationLevel]) ?? text(claims[OIDC_CLAIMS.acr]),
    authenticatedAt: typeof authTime === 'number' ? authTime * 1000 : null,
  });
}
