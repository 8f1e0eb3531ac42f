import { z } from 'zod';
import { documentEntrySchema } from '../domain/document';
import { patientSummarySchema } from '../domain/patient';
import { studySummarySchema } from '../domain/study';

/**
 * The one bridge contract between the renderer and the host. Every call and every event is
 * declared here with its schemas; the preload, the browser host and the renderer's types are all
 * derived from it, so nothing else names a channel.
 */

const empty = z.object({}).strict();

export const appInfoSchema = z.object({
  version: z.string(),
  /** The local cache's limits, from the policy file. */
  cache: z.object({
    budgetBytes: z.number().int().nonnegative(),
    maxAgeMs: z.number().int().nonnegative(),
  }),
  host: z.enum(['electron', 'browser']),
  /** True when the host serves its built-in synthetic demo data. */
  demo: z.boolean(),
  locale: z.enum(['fr', 'en']),
  /** Minutes without input before the screen locks; 0 when it never does. */
  idleLockMinutes: z.number().nonnegative(),
  sources: z.object({
    records: z.object({ label: z.string() }).nullable(),
    imaging: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        /** Where the renderer fetches DICOMweb through the host's gateway, never the PACS itself. */
        gatewayBase: z.string(),
      }),
    ),
  }),
});

const clinicianViewSchema = z.object({
  displayName: z.string(),
  nationalId: z.string(),
  profession: z.string().nullable(),
  specialty: z.string().nullable(),
  organisation: z.string().nullable(),
  /** The policy lets this clinician open records in emergency regulation (centre 15). */
  mayRegulate: z.boolean(),
});

/**
 * On what ground a record is open: no login configured, the care team (consent presumed), the
 * patient's non-opposition, or an exceptional mode (break-the-glass, emergency regulation) that
 * ends by itself at `until`.
 */
const recordAccessSchema = z.object({
  basis: z.enum(['no-login', 'care-team', 'non-opposition', 'break-glass', 'regulation']),
  until: z.string().optional(),
});

/** The session as the renderer sees it: who is signed in, never a token. */
export const sessionViewSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('disabled') }),
  z.object({ status: z.literal('signed-out'), failure: z.string().optional() }),
  z.object({ status: z.literal('signing-in'), locked: z.boolean() }),
  z.object({ status: z.literal('signed-in'), clinician: clinicianViewSchema }),
  z.object({ status: z.literal('locked'), clinician: clinicianViewSchema }),
]);

export const patientSearchRequestSchema = z
  .object({
    /** Free text: part of a name, or an INS. Empty lists the source's patients. */
    text: z.string().max(200).default(''),
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict();

const patientIdSchema = z.string().min(1).max(128);
const logicalIdSchema = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/);

export const bridgeFailureSchema = z.object({
  code: z.enum(['invalid-request', 'unavailable', 'refused', 'not-found', 'internal']),
  /** A translation key for the user-facing message, never raw upstream text. */
  messageKey: z.string(),
});
export type BridgeFailure = z.infer<typeof bridgeFailureSchema>;

export const bridgeInvokeContract = {
  getAppInfo: { request: empty, response: appInfoSchema },
  getSession: { request: empty, response: sessionViewSchema },
  /**
   * Starts the clinician's login in the system browser; the outcome arrives as a sessionChanged
   * event (a login can take minutes).
   */
  login: { request: empty, response: z.object({ started: z.boolean() }) },
  /** Hides patient data until the same clinician signs in again. */
  lock: { request: empty, response: sessionViewSchema },
  /** Ends the session; the renderer then erases its cache, whose key the host forgets. */
  logout: { request: empty, response: sessionViewSchema },
  searchPatients: {
    request: patientSearchRequestSchema,
    response: z.object({ patients: z.array(patientSummarySchema).max(500) }),
  },
  /** Opens a patient's record: identity, and when this user last opened it here. */
  openPatient: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({
      patient: patientSummarySchema,
      lastVisit: z.string().optional(),
      /** Whether this user follows the patient (is told of new documents while Regard runs). */
      following: z.boolean(),
      access: recordAccessSchema,
    }),
  },
  /**
   * Whether a record kept in the local cache may be read while its source cannot be reached: the
   * host decides on what it confirmed with the source earlier, and journals the reading.
   */
  openCachedPatient: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({ access: recordAccessSchema }),
  },
  /** Records that the patient, informed, does not oppose this professional's access. */
  recordNonOpposition: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({ recorded: z.boolean() }),
  },
  /**
   * Break-the-glass access for an immediate vital risk: the reason in words, an exceptional
   * access reported to the patient, which ends by itself.
   */
  startBreakGlass: {
    request: z
      .object({ patientId: patientIdSchema, reason: z.string().trim().min(10).max(500) })
      .strict(),
    response: z.object({ until: z.string() }),
  },
  /**
   * Emergency regulation (centre 15), for the clinicians the policy allows: the record opens
   * without the patient's non-opposition, every access is marked as made in that mode, and the
   * mode ends by itself.
   */
  startRegulation: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({ until: z.string() }),
  },
  /** Ends a break-the-glass or regulation access before its time (the user is done). */
  endExceptionalAccess: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({ ended: z.boolean() }),
  },
  /** Follows or stops following a patient's record for new documents. */
  followPatient: {
    request: z.object({ patientId: patientIdSchema, follow: z.boolean() }).strict(),
    response: z.object({ following: z.boolean() }),
  },
  /** One page of the patient's documents (ITI-67); `next` fetches the following page. */
  listDocuments: {
    request: z
      .object({
        patientId: patientIdSchema,
        scope: z.enum(['recent', 'all']),
        cursor: z.string().uuid().optional(),
      })
      .strict(),
    response: z.object({
      documents: z.array(documentEntrySchema).max(1000),
      skipped: z.number().int().nonnegative(),
      /** Documents this user's profession may not read (habilitation matrix), left out. */
      restricted: z.number().int().nonnegative(),
      next: z.string().optional(),
      total: z.number().int().nonnegative().optional(),
    }),
  },
  /** The patient's imaging studies on every configured PACS (QIDO-RS). */
  listStudies: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({
      studies: z.array(studySummarySchema).max(2000),
      unavailable: z.array(z.string()),
    }),
  },
  /**
   * Maps a DICOMweb URL found in a document (a KOS manifest's retrieve URL) onto a configured
   * imaging source, so the renderer fetches it through that source's gateway; URLs of sources
   * that are not configured are refused.
   */
  resolveImagingUrl: {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({ sourceId: z.string(), path: z.string() }),
  },
  /** A document's bytes (ITI-68), base64 so both doors carry them alike. */
  retrieveDocument: {
    request: z.object({ patientId: patientIdSchema, logicalId: logicalIdSchema }).strict(),
    response: z.object({ contentType: z.string(), base64: z.string() }),
  },
  /**
   * What this workstation's journal holds about a patient (accesses to the record, its documents
   * and images), newest first, with the result of the journal's chain check.
   */
  accessHistory: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({
      entries: z
        .array(
          z.object({
            time: z.string(),
            actor: z.string(),
            action: z.string(),
            target: z.string().optional(),
            mode: z.enum(['break-glass', 'regulation']).optional(),
            /** The user's own words (a break-the-glass reason), opened by the host. */
            note: z.string().optional(),
            /** Why the words cannot be shown: not kept (no key store) or not readable. */
            noteUnavailable: z.enum(['withheld', 'unreadable']).optional(),
            outcome: z.enum(['success', 'refused', 'failure']),
          }),
        )
        .max(10_000),
      chain: z.union([
        z.object({ ok: z.literal(true), count: z.number().int() }),
        z.object({ ok: z.literal(false), line: z.number().int(), reason: z.string() }),
      ]),
    }),
  },
  /** The same, as a FHIR Bundle of AuditEvent resources (JSON text), to hand over. */
  exportAudit: {
    request: z.object({ patientId: patientIdSchema }).strict(),
    response: z.object({ json: z.string() }),
  },
  /**
   * The local cache's data key, created and kept wrapped by the host. The renderer imports it at
   * once as a non-extractable CryptoKey; `protection` says how the host keeps it at rest.
   */
  getCacheKey: {
    request: empty,
    response: z.object({
      protection: z.enum(['os-keystore', 'user-file', 'unavailable']),
      keyBase64: z.string().optional(),
      /** True when the previous key was lost or changed and a new one was made: the cache resets. */
      renewed: z.boolean(),
    }),
  },
  /** Deletes the wrapped cache key (logout, or a reset); the renderer deletes its database. */
  forgetCacheKey: { request: empty, response: z.object({ forgotten: z.boolean() }) },
} as const;

export const bridgeEventContract = {
  sessionChanged: sessionViewSchema,
  /**
   * The browser host has no system browser of its own to open: it hands the provider's login page
   * to the renderer, which opens it in a new tab. (Electron opens it with the system browser.)
   */
  loginPage: z.object({ url: z.string().url() }),
  /** New or replaced documents arrived for a followed patient; carries no patient data. */
  documentsChanged: z.object({ patientId: patientIdSchema, count: z.number().int().positive() }),
  sourceStatusChanged: z.object({
    source: z.enum(['records', 'imaging']),
    status: z.enum(['online', 'offline']),
  }),
} as const;

export type BridgeInvokeContract = typeof bridgeInvokeContract;
export type BridgeEventContract = typeof bridgeEventContract;
export type InvokeChannel = keyof BridgeInvokeContract;
export type EventChannel = keyof BridgeEventContract;

export const invokeChannels = Object.keys(bridgeInvokeContract) as InvokeChannel[];
export const eventChannels = Object.keys(bridgeEventContract) as EventChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(bridgeInvokeContract, name);
}

export function isEventChannel(name: string): name is EventChannel {
  return Object.hasOwn(bridgeEventContract, name);
}

/** The IPC channel name an invoke or event travels on. */
export function ipcChannelName(channel: InvokeChannel | EventChannel): string {
  return `regard:${channel}`;
}
