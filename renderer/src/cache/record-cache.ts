import type { DocumentEntry } from '../../../shared/domain/document';
import type { PatientSummary } from '../../../shared/domain/patient';
import type { StudySummary } from '../../../shared/domain/study';
import type { RecordTable } from './cache-database';
import type { CacheStatus } from './cache-status';

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A document's bytes as the host returned them. */
export interface CachedContent {
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** A study as listed, with its series metadata (DICOM JSON) once fetched. */
export interface CachedStudy {
  readonly summary: StudySummary;
  readonly series?: JsonValue;
}

/** One frame's bytes as the gateway served them (raw pixels or a compressed transfer syntax). */
export interface CachedFrame {
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** What each table holds. */
export interface CachedValues {
  patients: PatientSummary;
  documents: DocumentEntry;
  contents: CachedContent;
  studies: CachedStudy;
  frames: CachedFrame;
}

export type { RecordTable };

/** An item to cache: its id within the patient's record (a logicalId, a study UID, a frame path). */
export interface CacheItem<T extends RecordTable> {
  readonly id: string;
  readonly value: CachedValues[T];
}

/** An item read back, with when it was fetched from its source (for "offline, as of"). */
export interface Cached<T extends RecordTable> extends CacheItem<T> {
  readonly storedAt: number;
}

/**
 * The encrypted local cache of a patient's record. Reads and writes always resolve: a cache that
 * is off, a record that is missing, expired or fails to open all read as absent, and a write that
 * cannot be kept resolves `false`, so that callers fetch from the source instead. Erasing
 * (forgetPatient, purge) rejects when it could not be done, since the caller must know.
 */
export interface RecordCache {
  readonly status: CacheStatus;
  onStatusChange(listener: (status: CacheStatus) => void): () => void;
  put<T extends RecordTable>(
    table: T,
    patientId: string,
    items: readonly CacheItem<T>[],
  ): Promise<boolean>;
  get<T extends RecordTable>(
    table: T,
    patientId: string,
    itemId: string,
  ): Promise<Cached<T> | undefined>;
  list<T extends RecordTable>(table: T, patientId: string): Promise<Cached<T>[]>;
  /** Removes everything cached for one patient. */
  forgetPatient(patientId: string): Promise<void>;
  /** Deletes the database and has the host forget the key (logout); the cache is off after. */
  purge(): Promise<void>;
  close(): Promise<void>;
}
