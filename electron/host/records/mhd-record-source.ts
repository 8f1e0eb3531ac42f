import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DocumentEntry } from '../../../shared/domain/document';
import type { PatientSummary } from '../../../shared/domain/patient';
import { documentEntryFromFhir } from '../../../shared/fhir/document-reference';
import { patientSummaryFromFhir } from '../../../shared/fhir/patient';
import { HostError } from '../errors';
import type { FhirClient } from './fhir-client';
import {
  deniesProfessional,
  includesInCareTeam,
  type Professional,
  type ProfessionalRelation,
} from './professional-relation';
import { searchPatients, type PatientSearch } from './patient-search';

export interface DocumentQuery {
  patient: PatientSummary;
  /** `recent`: the last two years of current documents, the DMP's first automatic search. */
  scope: 'recent' | 'all';
}

export interface DocumentPage {
  documents: DocumentEntry[];
  skipped: number;
  /** Opaque token for the next page; the source's own URL never leaves the host. */
  next: string | undefined;
  total: number | undefined;
}

/** What the workstation needs of a record source; IHE MHD first, XDS.b can implement it later. */
export interface RecordSource {
  searchPatients(search: PatientSearch, signal?: AbortSignal): ReturnType<typeof searchPatients>;
  readPatient(patientId: string, signal?: AbortSignal): Promise<PatientSummary>;
  findDocuments(query: DocumentQuery, cursor?: string, signal?: AbortSignal): Promise<DocumentPage>;
  /** The patient's refusal of this professional, or their place in the care team, at the source. */
  professionalRelation(
    patientId: string,
    professional: Professional,
    signal?: AbortSignal,
  ): Promise<ProfessionalRelation>;
  /**
   * The patient's documents recorded or changed after `since` (the first page of them: enough to
   * tell the user there is news, who then opens the record to see it all).
   */
  changedSince(patientId: string, since: string, signal?: AbortSignal): Promise<DocumentEntry[]>;
  retrieveDocument(
    patient: PatientSummary,
    logicalId: string,
    signal?: AbortSignal,
  ): Promise<{ entry: DocumentEntry; bytes: Uint8Array }>;
  close(): Promise<void>;
}

const PAGE_SIZE = 200;
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const MAX_OPEN_CURSORS = 200;

const searchsetSchema = z.object({
  resourceType: z.literal('Bundle'),
  total: z.number().int().nonnegative().optional(),
  link: z.array(z.object({ relation: z.string(), url: z.string() })).optional(),
  entry: z.array(z.object({ resource: z.unknown().optional() }).loose()).optional(),
});

function patientParameter(patient: PatientSummary): [string, string] {
  return patient.ins
    ? ['patient.identifier', `urn:oid:${patient.ins.oid}|${patient.ins.value}`]
    : ['patient', `Patient/${patient.id}`];
}

function twoYearsBefore(now: Date): string {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 2);
  return from.toISOString().slice(0, 10);
}

/** Whether a DocumentReference's subject designates this patient, whatever form it takes. */
function isSubjectOf(raw: unknown, patient: PatientSummary): boolean {
  const subject = (raw as { subject?: { reference?: unknown } }).subject?.reference;
  if (typeof subject !== 'string') return false;
  if (subject === `Patient/${patient.id}` || subject.endsWith(`/Patient/${patient.id}`))
    return true;
  return (
    patient.ins !== undefined &&
    subject.startsWith('Patient?') &&
    subject.endsWith(`|${patient.ins.value}`)
  );
}

/** The record source over IHE MHD (ITI-67 search, ITI-68 retrieve) on FHIR R4. */
export class MhdRecordSource implements RecordSource {
  readonly #client: FhirClient;
  readonly #now: () => Date;
  readonly #cursors = new Map<string, string>();

  constructor(client: FhirClient, now: () => Date = () => new Date()) {
    this.#client = client;
    this.#now = now;
  }

  searchPatients(search: PatientSearch, signal?: AbortSignal) {
    return searchPatients(this.#client, search, signal);
  }

  async readPatient(patientId: string, signal?: AbortSignal): Promise<PatientSummary> {
    const patient = patientSummaryFromFhir(
      await this.#client.getJson(
        `Patient/${encodeURIComponent(patientId)}`,
        new URLSearchParams(),
        signal,
      ),
    );
    if (!patient) throw new HostError('unavailable', 'errors.patientUnreadable');
    return patient;
  }

  async findDocuments(
    query: DocumentQuery,
    cursor?: string,
    signal?: AbortSignal,
  ): Promise<DocumentPage> {
    let raw: unknown;
    if (cursor) {
      const href = this.#cursors.get(cursor);
      if (!href) throw new HostError('invalid-request', 'errors.pageExpired');
      this.#cursors.delete(cursor);
      raw = await this.#client.getJsonAt(href, signal);
    } else {
      const params = new URLSearchParams([patientParameter(query.patient)]);
      if (query.scope === 'recent') {
        params.set('status', 'current');
        params.set('period', `ge${twoYearsBefore(this.#now())}`);
      }
      params.set('_sort', '-date');
      params.set('_count', String(PAGE_SIZE));
      raw = await this.#client.getJson('DocumentReference', params, signal);
    }
    const bundle = searchsetSchema.safeParse(raw);
    if (!bundle.success) throw new HostError('unavailable', 'errors.recordsMalformed');
    const documents: DocumentEntry[] = [];
    let skipped = 0;
    for (const entry of bundle.data.entry ?? []) {
      const document = documentEntryFromFhir(entry.resource);
      if (document) documents.push(document);
      else skipped += 1;
    }
    const nextHref = bundle.data.link?.find((link) => link.relation === 'next')?.url;
    return {
      documents,
      skipped,
      next: nextHref ? this.#remember(nextHref) : undefined,
      total: bundle.data.total,
    };
  }

  async professionalRelation(
    patientId: string,
    professional: Professional,
    signal?: AbortSignal,
  ): Promise<ProfessionalRelation> {
    const search = async (type: 'Consent' | 'CareTeam', patientParam: string) => {
      const bundle = searchsetSchema.safeParse(
        await this.#client.getJson(
          type,
          new URLSearchParams({ [patientParam]: `Patient/${patientId}`, status: 'active' }),
          signal,
        ),
      );
      if (!bundle.success) throw new HostError('unavailable', 'errors.recordsMalformed');
      return (bundle.data.entry ?? []).map((entry) => entry.resource);
    };
    const [consents, teams] = await Promise.all([
      search('Consent', 'patient'),
      search('CareTeam', 'subject'),
    ]);
    const now = this.#now();
    return {
      blocked: consents.some((resource) => deniesProfessional(resource, professional)),
      careTeam: teams.some((resource) => includesInCareTeam(resource, professional, now)),
    };
  }

  async changedSince(
    patientId: string,
    since: string,
    signal?: AbortSignal,
  ): Promise<DocumentEntry[]> {
    const params = new URLSearchParams({
      patient: `Patient/${patientId}`,
      _lastUpdated: `gt${since}`,
      _count: String(PAGE_SIZE),
    });
    const bundle = searchsetSchema.safeParse(
      await this.#client.getJson('DocumentReference', params, signal),
    );
    if (!bundle.success) throw new HostError('unavailable', 'errors.recordsMalformed');
    return (bundle.data.entry ?? []).flatMap(
      (entry) => documentEntryFromFhir(entry.resource) ?? [],
    );
  }

  async retrieveDocument(patient: PatientSummary, logicalId: string, signal?: AbortSignal) {
    const raw = await this.#client.getJson(
      `DocumentReference/${encodeURIComponent(logicalId)}`,
      new URLSearchParams(),
      signal,
    );
    const entry = documentEntryFromFhir(raw);
    if (!entry) throw new HostError('unavailable', 'errors.recordsMalformed');
    if (!isSubjectOf(raw, patient))
      throw new HostError('refused', 'errors.documentOfAnotherPatient');
    if (!/^(Binary\/[A-Za-z0-9.-]{1,64}|https?:\/\/)/.test(entry.attachmentRef)) {
      throw new HostError('unavailable', 'errors.attachmentUnreachable');
    }
    const { bytes } = await this.#client.getBytes(
      entry.attachmentRef,
      entry.contentType,
      MAX_DOCUMENT_BYTES,
      signal,
    );
    return { entry, bytes };
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  #remember(href: string): string {
    if (this.#cursors.size >= MAX_OPEN_CURSORS) {
      const oldest = this.#cursors.keys().next().value;
      if (oldest !== undefined) this.#cursors.delete(oldest);
    }
    const token = randomUUID();
    this.#cursors.set(token, href);
    return token;
  }
}
