import { z } from 'zod';
import { INS_OIDS, type PatientSummary } from '../../../shared/domain/patient';
import { patientSummaryFromFhir } from '../../../shared/fhir/patient';
import type { FhirClient } from './fhir-client';
import { HostError } from '../errors';

const bundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: z.unknown().optional() })).optional(),
});

export interface PatientSearch {
  text: string;
  birthDate?: string;
}

const PAGE_SIZE = 50;

/** Builds the FHIR search: an INS when the text is one, otherwise a name. */
export function patientSearchParams(search: PatientSearch): URLSearchParams {
  const params = new URLSearchParams({ _count: String(PAGE_SIZE) });
  const text = search.text.trim();
  if (/^\d{13}(\d{2})?$/.test(text)) {
    params.set(
      'identifier',
      Object.values(INS_OIDS)
        .map((oid) => `urn:oid:${oid}|${text}`)
        .join(','),
    );
  } else if (text.length > 0) {
    params.set('name', text);
  }
  if (search.birthDate) params.set('birthdate', search.birthDate);
  params.set('_sort', 'family');
  return params;
}

/** Searches the record source's patients; entries without the identity traits are skipped. */
export async function searchPatients(
  client: FhirClient,
  search: PatientSearch,
  signal?: AbortSignal,
): Promise<{ patients: PatientSummary[]; skipped: number }> {
  const bundle = bundleSchema.safeParse(
    await client.getJson('Patient', patientSearchParams(search), signal),
  );
  if (!bundle.success) throw new HostError('unavailable', 'errors.recordsMalformed');
  const patients: PatientSummary[] = [];
  let skipped = 0;
  for (const entry of bundle.data.entry ?? []) {
    const patient = patientSummaryFromFhir(entry.resource);
    if (patient) patients.push(patient);
    else skipped += 1;
  }
  return { patients, skipped };
}
