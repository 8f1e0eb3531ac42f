import { z } from 'zod';

/** OIDs of the national health identifier (INS) and its test variant. */
export const INS_OIDS = {
  nir: '1.2.250.1.213.1.4.8',
  nia: '1.2.250.1.213.1.4.9',
  testNir: '1.2.250.1.213.1.4.10',
} as const;

export const insSchema = z.object({
  value: z.string().regex(/^\d{13}(\d{2})?$/, 'an INS is 13 digits with an optional 2-digit key'),
  oid: z.enum([INS_OIDS.nir, INS_OIDS.nia, INS_OIDS.testNir]),
  /** Qualified: the identity was checked against the national teleservice and a document. */
  qualified: z.boolean(),
});
export type Ins = z.infer<typeof insSchema>;

/** The strict identity traits a clinician must see beside the INS. */
export const patientIdentitySchema = z.object({
  birthFamilyName: z.string().min(1),
  firstNames: z.array(z.string().min(1)).min(1),
  usedFamilyName: z.string().optional(),
  sex: z.enum(['female', 'male', 'other', 'unknown']),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** INSEE code of the birth commune, or 99 + country code for a birth abroad. */
  birthPlaceCode: z.string().optional(),
  /** The commune or country as written in the record. */
  birthPlaceLabel: z.string().optional(),
});
export type PatientIdentity = z.infer<typeof patientIdentitySchema>;

export const patientSummarySchema = z.object({
  /** Opaque id of the patient on the record source. */
  id: z.string().min(1).max(128),
  ins: insSchema.optional(),
  identity: patientIdentitySchema,
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;
