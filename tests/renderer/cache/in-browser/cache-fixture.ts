import type { DocumentEntry } from '../../../../shared/domain/document';
import type { PatientSummary } from '../../../../shared/domain/patient';
import type { StudySummary } from '../../../../shared/domain/study';

/** What a test caches in the page: a patient, and markers to look for on disk afterwards. */
export interface CacheFixture {
  readonly patient: PatientSummary;
  /** Strings that must never reach the disk in the clear. */
  readonly marker: string;
  readonly documents: number;
  readonly frames: number;
}

export const FRAME_SIDE = 512;

/**
 * The probe caches the document list this many at a time, as the app caches each page of the
 * list as it arrives: each write is one stored page (see record-pages.ts).
 */
export const DOCUMENTS_PER_PUT = 10;

export function documentOf(fixture: CacheFixture, index: number): DocumentEntry {
  const { identity } = fixture.patient;
  return {
    logicalId: `${fixture.marker}-doc-${index}`,
    uniqueId: `1.2.250.1.999.7.${index}`,
    status: 'current',
    title: `Compte rendu ${index} ${identity.birthFamilyName} ${fixture.marker}`,
    date: '2024-05-02T09:30:00+02:00',
    author: { name: 'Dr Claire MARTIN', organisation: 'CHU de Rennes' },
    contentType: 'application/pdf',
    attachmentRef: `Binary/${fixture.marker}-${index}`,
    labels: {
      confidentiality: 'N',
      maskedFromProfessionals: false,
      invisibleToPatient: false,
      invisibleToLegalRepresentatives: false,
    },
    replaces: [],
  };
}

export function contentOf(fixture: CacheFixture, index: number): Uint8Array {
  const { identity, ins } = fixture.patient;
  return new TextEncoder().encode(
    `%PDF-1.7\n% ${fixture.marker} ${index}\n(${identity.birthFamilyName} ${identity.firstNames.join(' ')} INS ${ins?.value ?? ''})\n%%EOF\n`,
  );
}

export function studyOf(fixture: CacheFixture, index: number): StudySummary {
  return {
    sourceId: 'pacs',
    studyInstanceUid: `1.2.826.0.1.3680043.8.498.${index + 1}`,
    description: `Scanner ${fixture.marker} ${fixture.patient.identity.birthFamilyName}`,
    modalities: ['CT'],
  };
}

/**
 * A 512x512 16-bit frame like a CT slice (a disc of tissue values with noise, air around it),
 * little endian, with the marker written into its pixels at three places.
 */
export function frameOf(fixture: CacheFixture, index: number): Uint8Array {
  const pixels = new Uint16Array(FRAME_SIDE * FRAME_SIDE);
  let seed = 2463534242 + index;
  for (let y = 0; y < FRAME_SIDE; y += 1) {
    for (let x = 0; x < FRAME_SIDE; x += 1) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      const inside = Math.hypot(x - 256, y - 256) < 220;
      pixels[y * FRAME_SIDE + x] = inside ? 1000 + ((x + y + index) % 80) + ((seed >>> 0) % 48) : 0;
    }
  }
  const bytes = new Uint8Array(pixels.buffer);
  const marker = new TextEncoder().encode(`${fixture.marker} ${index}`);
  for (const offset of [0, bytes.length / 2, bytes.length - marker.length])
    bytes.set(marker, offset);
  return bytes;
}
