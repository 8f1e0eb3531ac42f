import type {
  RecordData,
  RecordDocument,
  RecordPatient,
  RecordSubmissionSet,
} from '../documents/buildRecords';
import type { FhirResource } from '../documents/fhirTypes';
import { INS_NIR_TEST_SYSTEM } from '../patients';
import { FhirClient } from './fhirClient';

export interface RecordLoadOptions {
  /** Documents per transaction Bundle. */
  chunkSize?: number;
  /** Extra request headers (authorisation). */
  headers?: Record<string, string>;
}

export interface RecordLoadResult {
  patients: number;
  documentsPosted: number;
  /** Documents the server already had (same entryUUID identifier): loading again is a no-op. */
  documentsSkipped: number;
  transactions: number;
  ms: number;
}

/** Replaces urn:uuid references already created by an earlier transaction with their server references. */
function withResolvedReferences(
  resource: FhirResource,
  resolved: ReadonlyMap<string, string>,
): FhirResource {
  return JSON.parse(JSON.stringify(resource), (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('urn:uuid:')
      ? (resolved.get(value) ?? value)
      : value,
  ) as FhirResource;
}

function referenceFromLocation(location: string | undefined): string | undefined {
  const match = location?.match(/(?:^|\/)([A-Za-z]+\/[^/]+)(?:\/_history\/[^/]+)?$/);
  return match?.[1];
}

/** Groups documents so that a submission set and its documents travel in one transaction. */
function chunksOf(
  documents: readonly RecordDocument[],
  sets: readonly RecordSubmissionSet[],
  chunkSize: number,
): { documents: RecordDocument[]; sets: RecordSubmissionSet[] }[] {
  const setOf = new Map<string, RecordSubmissionSet>();
  for (const set of sets) for (const fullUrl of set.documentFullUrls) setOf.set(fullUrl, set);
  const chunks: { documents: RecordDocument[]; sets: RecordSubmissionSet[] }[] = [];
  let current: { documents: RecordDocument[]; sets: RecordSubmissionSet[] } = {
    documents: [],
    sets: [],
  };
  for (const document of documents) {
    const set = setOf.get(document.fullUrl);
    const opensSet = set !== undefined && !current.sets.includes(set);
    if (opensSet && current.documents.length >= chunkSize) {
      chunks.push(current);
      current = { documents: [], sets: [] };
    }
    current.documents.push(document);
    if (set && !current.sets.includes(set)) current.sets.push(set);
  }
  if (current.documents.length > 0) chunks.push(current);
  return chunks;
}

async function findPatientId(
  client: FhirClient,
  patient: RecordPatient,
): Promise<string | undefined> {
  const found = await client.send(
    'GET',
    `Patient?identifier=${encodeURIComponent(`${INS_NIR_TEST_SYSTEM}|${patient.ins}`)}`,
  );
  return found.entry?.[0]?.resource?.id;
}

async function existingDocuments(
  client: FhirClient,
  patientReference: string,
): Promise<Map<string, string>> {
  const entries = await client.searchAll(
    `DocumentReference?subject=${encodeURIComponent(patientReference)}&_count=1000&_elements=identifier`,
  );
  const byIdentifier = new Map<string, string>();
  for (const entry of entries) {
    const id = entry.resource?.id;
    for (const identifier of entry.resource?.identifier ?? []) {
      if (id && identifier.value) byIdentifier.set(identifier.value, `DocumentReference/${id}`);
    }
  }
  return byIdentifier;
}

/**
 * Finds the patient by INS, or creates it with a conditional create (If-None-Exist): kept out of the
 * document transactions because some servers (Medplum) cap conditional transactions at a few entries.
 */
async function ensurePatient(
  client: FhirClient,
  patient: RecordPatient,
): Promise<{ id: string; existed: boolean }> {
  const found = await findPatientId(client, patient);
  if (found) return { id: found, existed: true };
  const created = await client.send<{ id?: string }>('POST', 'Patient', patient.resource, {
    'if-none-exist': `identifier=${INS_NIR_TEST_SYSTEM}|${patient.ins}`,
  });
  const id = created.id ?? (await findPatientId(client, patient));
  if (!id) throw new Error('the record server did not store the Patient');
  return { id, existed: false };
}

async function loadPatient(
  client: FhirClient,
  patient: RecordPatient,
  data: RecordData,
  chunkSize: number,
  result: RecordLoadResult,
): Promise<void> {
  const stored = await ensurePatient(client, patient);
  const patientReference = `Patient/${stored.id}`;
  const resolved = new Map<string, string>([[patient.fullUrl, patientReference]]);

  const documents = data.documents.filter((document) => document.patientKey === patient.key);
  const existing = stored.existed
    ? await existingDocuments(client, patientReference)
    : new Map<string, string>();
  const toPost = documents.filter((document) => {
    const known = existing.get(`urn:uuid:${document.entryUuid}`);
    if (known) resolved.set(document.fullUrl, known);
    return !known;
  });
  result.documentsSkipped += documents.length - toPost.length;

  const sets = data.submissionSets.filter((set) => set.patientKey === patient.key);
  for (const chunk of chunksOf(toPost, sets, chunkSize)) {
    const entries: {
      fullUrl: string;
      resource: FhirResource;
      request: { method: 'POST'; url: string };
    }[] = [];
    for (const document of chunk.documents) {
      entries.push({
        fullUrl: document.binaryFullUrl,
        resource: {
          resourceType: 'Binary',
          contentType: document.contentType,
          data: Buffer.from(document.content).toString('base64'),
        },
        request: { method: 'POST', url: 'Binary' },
      });
      entries.push({
        fullUrl: document.fullUrl,
        resource: withResolvedReferences(document.documentReference, resolved),
        request: { method: 'POST', url: 'DocumentReference' },
      });
    }
    const posted = new Set(chunk.documents.map((document) => document.fullUrl));
    for (const set of chunk.sets) {
      const list = structuredClone(set.list) as FhirResource & {
        entry: { item: { reference: string } }[];
      };
      list.entry = list.entry.filter((item) => posted.has(item.item.reference));
      entries.push({
        fullUrl: set.fullUrl,
        resource: withResolvedReferences(list, resolved),
        request: { method: 'POST', url: 'List' },
      });
    }
    const response = await client.send('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: entries,
    });
    result.transactions++;
    result.documentsPosted += chunk.documents.length;
    (response.entry ?? []).forEach((entry, index) => {
      const fullUrl = entries[index]?.fullUrl;
      const reference = referenceFromLocation(entry.response?.location);
      if (fullUrl && reference) resolved.set(fullUrl, reference);
    });
  }
}

/**
 * Loads patients (conditional create on the INS), then documents (Binary + DocumentReference) and
 * submission sets (List) with standard FHIR R4 transactions: one Bundle per chunk of documents,
 * urn:uuid references inside a Bundle, server references across Bundles. Documents already present
 * (same entryUUID identifier) are skipped, so loading twice is harmless.
 */
export async function loadIntoRecordServer(
  fhirBaseUrl: string,
  data: RecordData,
  options: RecordLoadOptions = {},
): Promise<RecordLoadResult> {
  const started = performance.now();
  const client = new FhirClient(fhirBaseUrl.replace(/\/+$/, ''), options.headers ?? {});
  const result: RecordLoadResult = {
    patients: data.patients.length,
    documentsPosted: 0,
    documentsSkipped: 0,
    transactions: 0,
    ms: 0,
  };
  try {
    for (const patient of data.patients)
      await loadPatient(client, patient, data, options.chunkSize ?? 200, result);
  } finally {
    await client.close();
  }
  result.ms = performance.now() - started;
  return result;
}
