import { z } from 'zod';
import { INS_OIDS, type Ins, type PatientSummary } from '../domain/patient';

/**
 * The part of a FHIR R4 Patient this product reads. Parsed leniently: unknown elements are kept
 * out of the way, and a Patient lacking what is needed is skipped by the caller, never a crash.
 */
const codingSchema = z.object({ system: z.string().optional(), code: z.string().optional() });

const fhirPatientSchema = z.object({
  resourceType: z.literal('Patient'),
  id: z.string().min(1).max(128),
  identifier: z
    .array(
      z.object({
        system: z.string().optional(),
        value: z.string().optional(),
        type: z.object({ coding: z.array(codingSchema).optional() }).optional(),
      }),
    )
    .optional(),
  name: z
    .array(
      z.object({
        use: z.string().optional(),
        family: z.string().optional(),
        given: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  gender: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  birthDate: z.string().optional(),
  extension: z
    .array(
      z
        .object({
          url: z.string(),
          valueCoding: codingSchema.optional(),
          valueAddress: z
            .object({
              city: z.string().optional(),
              country: z.string().optional(),
              extension: z
                .array(z.object({ url: z.string(), valueCoding: codingSchema.optional() }))
                .optional(),
            })
            .optional(),
          extension: z.array(z.looseObject({ url: z.string() })).optional(),
        })
        .loose(),
    )
    .optional(),
});

const INS_SYSTEMS = new Map<string, Ins['oid']>(
  Object.values(INS_OIDS).map((oid) => [`urn:oid:${oid}`, oid]),
);

/** FR Core's identity reliability extension; `VALI` means a qualified identity. */
const IDENTITY_RELIABILITY = /identity-?reliability$/i;

function isQualified(extensions: z.infer<typeof fhirPatientSchema>['extension']): boolean {
  return (extensions ?? []).some((extension) => {
    if (!IDENTITY_RELIABILITY.test(extension.url)) return false;
    if (extension.valueCoding?.code === 'VALI') return true;
    return (extension.extension ?? []).some(
      (inner) => (inner as { valueCoding?: { code?: string } }).valueCoding?.code === 'VALI',
    );
  });
}

/** Birth place as FR Core writes it: an address carrying the INSEE code in an extension. */
function birthPlace(extensions: z.infer<typeof fhirPatientSchema>['extension']): {
  code?: string;
  label?: string;
} {
  const address = (extensions ?? []).find((extension) =>
    extension.url.endsWith('patient-birthPlace'),
  )?.valueAddress;
  const code = address?.extension?.find((inner) => inner.url.endsWith('insee-code'))?.valueCoding
    ?.code;
  const label = address?.city ?? address?.country;
  return { ...(code ? { code } : {}), ...(label ? { label } : {}) };
}

/** Maps a FHIR Patient to the product's summary, or undefined when it lacks the identity traits. */
export function patientSummaryFromFhir(raw: unknown): PatientSummary | undefined {
  const parsed = fhirPatientSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const patient = parsed.data;
  const names = patient.name ?? [];
  const official = names.find((name) => name.use === 'official') ?? names[0];
  const usual = names.find((name) => name.use === 'usual');
  if (!official?.family || !official.given?.length || !patient.birthDate) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate)) return undefined;

  const insIdentifier = (patient.identifier ?? []).find(
    (identifier) => identifier.system !== undefined && INS_SYSTEMS.has(identifier.system),
  );
  const insOid = insIdentifier?.system ? INS_SYSTEMS.get(insIdentifier.system) : undefined;
  const insValue = insIdentifier?.value;
  const place = birthPlace(patient.extension);
  return {
    id: patient.id,
    ...(insOid && insValue && /^\d{13}(\d{2})?$/.test(insValue)
      ? { ins: { value: insValue, oid: insOid, qualified: isQualified(patient.extension) } }
      : {}),
    identity: {
      birthFamilyName: official.family,
      firstNames: official.given,
      ...(usual?.family && usual.family !== official.family
        ? { usedFamilyName: usual.family }
        : {}),
      sex: patient.gender ?? 'unknown',
      birthDate: patient.birthDate,
      ...(place.code ? { birthPlaceCode: place.code } : {}),
      ...(place.label ? { birthPlaceLabel: place.label } : {}),
    },
  };
}
