import { z } from 'zod';

/** An imaging study as the PACS lists it (QIDO-RS), before any pixel is loaded. */
export const studySummarySchema = z.object({
  sourceId: z.string(),
  studyInstanceUid: z.string().regex(/^[0-9.]{1,64}$/),
  /** ISO date (YYYY-MM-DD) and optional time. */
  date: z.string().optional(),
  description: z.string().optional(),
  accessionNumber: z.string().optional(),
  modalities: z.array(z.string()),
  bodyPart: z.string().optional(),
  seriesCount: z.number().int().nonnegative().optional(),
  instanceCount: z.number().int().nonnegative().optional(),
  referringPhysician: z.string().optional(),
});
export type StudySummary = z.infer<typeof studySummarySchema>;
