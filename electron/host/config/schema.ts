import { identityConfigSchema } from '../identity/config';
import { z } from 'zod';

const sourceAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z
    .object({ type: z.literal('basic'), username: z.string().min(1), password: z.string() })
    .strict(),
  z.object({ type: z.literal('bearer'), token: z.string().min(1) }).strict(),
]);
export type SourceAuth = z.infer<typeof sourceAuthSchema>;

const httpUrl = z.url({ protocol: /^https?$/ });

export const imagingSourceSchema = z
  .object({
    /** Appears in gateway paths (`/pacs/<id>/...`), hence the narrow alphabet. */
    id: z.string().regex(/^[a-z0-9-]{1,32}$/),
    label: z.string().min(1),
    dicomwebUrl: httpUrl,
    auth: sourceAuthSchema.default({ type: 'none' }),
    timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    maxConnections: z.number().int().min(1).max(32).default(6),
  })
  .strict();
export type ImagingSource = z.infer<typeof imagingSourceSchema>;

export const recordSourceSchema = z
  .object({
    label: z.string().min(1),
    fhirBaseUrl: httpUrl,
    auth: sourceAuthSchema.default({ type: 'none' }),
    timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    /** The source takes this workstation's audit trail as FHIR AuditEvents (POST AuditEvent). */
    sendAuditEvents: z.boolean().default(false),
  })
  .strict();
export type RecordSource = z.infer<typeof recordSourceSchema>;

const settingsShape = {
  locale: z.enum(['fr', 'en']),
  records: recordSourceSchema.nullable(),
  imaging: z.array(imagingSourceSchema).max(16),
  browserHost: z.object({ port: z.number().int().min(0).max(65535) }).strict(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']),
  /** Set by the demo launcher: the sources are the built-in synthetic test bed. */
  demo: z.boolean(),
  /** How often followed patients' records are checked for new documents. */
  watchIntervalMs: z.number().int().min(1000).max(86_400_000),
  /** Clinician login (OpenID Connect; Pro Santé Connect in production); none: no login. */
  identity: identityConfigSchema.nullable(),
  /** Minutes without input after which the screen locks (login configured only); 0: never. */
  idleLockMinutes: z
    .number()
    .min(0)
    .max(24 * 60),
  /**
   * What each profession (ANS TRE_G15 code) may not read: document categories (class codes) and
   * types (LOINC). The DMP's habilitation matrix goes here; none is bundled: without it, a
   * profession is restricted only by masking and consent.
   */
  habilitations: z.record(
    z.string().regex(/^[0-9]{1,4}$/),
    z
      .object({
        deniedCategories: z.array(z.string().max(64)).max(200).default([]),
        deniedTypes: z.array(z.string().max(64)).max(500).default([]),
      })
      .strict(),
  ),
  /**
   * Who may open records in emergency regulation (centre 15), and for how long at a time. A rule
   * matches a clinician when every field it names matches theirs (ANS TRE_G15 profession, TRE_R38
   * specialty, the organisation's identifier); without rules the mode is not offered.
   */
  emergencyRegulation: z
    .object({
      allowed: z
        .array(
          z
            .object({
              profession: z.string().max(8).optional(),
              specialty: z.string().max(16).optional(),
              organisationId: z.string().max(64).optional(),
            })
            .strict()
            .refine((rule) => Object.keys(rule).length > 0, 'a rule names at least one field'),
        )
        .max(100),
      minutes: z
        .number()
        .min(0.05)
        .max(24 * 60),
    })
    .strict(),
  /** How long a break-the-glass access lasts before it ends by itself. */
  breakGlassMinutes: z
    .number()
    .min(0.05)
    .max(24 * 60),
  /** The encrypted local cache: its size budget and how long an item may be served from it. */
  cache: z
    .object({
      budgetMb: z.number().int().min(0).max(100_000),
      maxAgeDays: z.number().int().min(0).max(3650),
    })
    .strict(),
};
export type SettingKey = keyof typeof settingsShape;
export const settingKeys = Object.keys(settingsShape) as SettingKey[];

/** Settings that widen what a user may see: only the machine's policy file sets them. */
export const policyOnlyKeys: readonly SettingKey[] = ['habilitations', 'emergencyRegulation'];

/** One layer (policy file, user settings, environment): any subset of the settings. */
export const settingsLayerSchema = z.object(settingsShape).partial().strict();

/** The machine-wide policy file: settings plus the keys users may not override. */
export const policyFileSchema = settingsLayerSchema
  .extend({ locked: z.array(z.enum(settingKeys as [SettingKey, ...SettingKey[]])).default([]) })
  .strict();

export const configSchema = z
  .object({
    locale: settingsShape.locale.default('fr'),
    records: settingsShape.records.default(null),
    imaging: settingsShape.imaging.default([]),
    browserHost: settingsShape.browserHost.default({ port: 0 }),
    logLevel: settingsShape.logLevel.default('info'),
    demo: settingsShape.demo.default(false),
    watchIntervalMs: settingsShape.watchIntervalMs.default(60_000),
    cache: settingsShape.cache.default({ budgetMb: 500, maxAgeDays: 30 }),
    identity: settingsShape.identity.default(null),
    idleLockMinutes: settingsShape.idleLockMinutes.default(15),
    breakGlassMinutes: settingsShape.breakGlassMinutes.default(30),
    habilitations: settingsShape.habilitations.default({}),
    emergencyRegulation: settingsShape.emergencyRegulation.default({ allowed: [], minutes: 120 }),
  })
  .strict();
export type RegardConfig = z.infer<typeof configSchema>;
