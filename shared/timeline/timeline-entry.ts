import type { DocumentEntry } from '../domain/document';
import type { StudySummary } from '../domain/study';

/** One row of the patient's timeline. */
export type TimelineEntry = DocumentTimelineEntry | ExamTimelineEntry;

export interface DocumentTimelineEntry {
  kind: 'document';
  key: string;
  date: string | undefined;
  document: DocumentEntry;
  /** Earlier versions this document replaced, newest first. */
  history: DocumentEntry[];
}

/** An imaging exam: its report(s), its KOS manifest(s) and the study, brought together. */
export interface ExamTimelineEntry {
  kind: 'exam';
  key: string;
  date: string | undefined;
  studyInstanceUid: string | undefined;
  accessionNumber: string | undefined;
  reports: DocumentEntry[];
  manifests: DocumentEntry[];
  study: StudySummary | undefined;
  history: DocumentEntry[];
}

export const IMAGING_REPORT_TYPE = '18748-4';
export const KOS_FORMAT = 'urn:ihe:rad:1.2.840.10008.5.1.4.1.1.88.59';
export const KOS_TYPE = 'IMG-KOS';

export function isImagingManifest(document: DocumentEntry): boolean {
  return document.format === KOS_FORMAT || document.type?.code === KOS_TYPE;
}

export function isImagingReport(document: DocumentEntry): boolean {
  return document.type?.code === IMAGING_REPORT_TYPE;
}
