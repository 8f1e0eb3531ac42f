import { z } from 'zod';

/** A coded value as the record carries it: system, code, and the producer's display text. */
export const codedSchema = z.object({
  system: z.string().optional(),
  code: z.string(),
  display: z.string().optional(),
});
export type Coded = z.infer<typeof codedSchema>;

/** Visibility and confidentiality labels (HL7 confidentiality, ANS TRE_A07 visibility). */
export const documentLabelsSchema = z.object({
  confidentiality: z.enum(['N', 'R', 'V', 'L', 'M', 'U']).default('N'),
  maskedFromProfessionals: z.boolean().default(false),
  invisibleToPatient: z.boolean().default(false),
  invisibleToLegalRepresentatives: z.boolean().default(false),
});

/**
 * One document of the shared record, as the product uses it. The three identifiers have different
 * lifetimes (see the domain brief): `uniqueId` is the producer's and stable, `logicalId` survives
 * metadata changes, `entryUuid` changes with every metadata change.
 */
export const documentEntrySchema = z.object({
  logicalId: z.string().min(1).max(128),
  uniqueId: z.string().min(1),
  entryUuid: z.string().optional(),
  status: z.enum(['current', 'superseded', 'entered-in-error']),
  category: codedSchema.optional(),
  type: codedSchema.optional(),
  title: z.string().optional(),
  /** When the documented act happened (or, lacking it, when the document was created). */
  date: z.string().optional(),
  createdAt: z.string().optional(),
  /** When the record source last changed this entry: drives "new since my last visit". */
  recordedAt: z.string().optional(),
  author: z
    .object({
      name: z.string().optional(),
      profession: z.string().optional(),
      organisation: z.string().optional(),
    })
    .optional(),
  facility: codedSchema.optional(),
  practiceSetting: codedSchema.optional(),
  format: z.string().optional(),
  contentType: z.string(),
  size: z.number().int().nonnegative().optional(),
  /** Where the host retrieves the bytes (ITI-68); never handed to the renderer as a URL to fetch. */
  attachmentRef: z.string(),
  labels: documentLabelsSchema,
  /** Imaging documents: the study they report on or point to. */
  studyInstanceUid: z.string().optional(),
  accessionNumber: z.string().optional(),
  /** logicalIds of the documents this one replaces (RPLC). */
  replaces: z.array(z.string()).default([]),
});
export type DocumentEntry = z.infer<typeof documentEntrySchema>;
