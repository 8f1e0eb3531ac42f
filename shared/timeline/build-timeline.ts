import type { DocumentEntry } from '../domain/document';
import type { StudySummary } from '../domain/study';
import { resolveReplacements } from './replacement-chains';
import {
  isImagingManifest,
  isImagingReport,
  type ExamTimelineEntry,
  type TimelineEntry,
} from './timeline-entry';

function examKeys(document: { studyInstanceUid?: string; accessionNumber?: string }): string[] {
  return [
    ...(document.studyInstanceUid ? [`study:${document.studyInstanceUid}`] : []),
    ...(document.accessionNumber ? [`accession:${document.accessionNumber}`] : []),
  ];
}

/** Dates arrive with and without offsets (FHIR, DICOM): compare instants; undated entries last. */
function instant(date: string | undefined): number {
  const time = date === undefined ? Number.NaN : Date.parse(date);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  const difference = instant(b.date) - instant(a.date);
  if (difference !== 0 && !Number.isNaN(difference)) return difference;
  return a.key < b.key ? -1 : 1;
}

/**
 * Merges the record's documents and the PACS's studies into one chronological list, newest first.
 * An imaging report, its KOS manifest and the study that share a StudyInstanceUID or an accession
 * number become one exam entry.
 */
export function buildTimeline(
  documents: readonly DocumentEntry[],
  studies: readonly StudySummary[],
): TimelineEntry[] {
  const exams = new Map<string, ExamTimelineEntry>();
  const examFor = (keys: string[]): ExamTimelineEntry | undefined => {
    for (const key of keys) {
      const exam = exams.get(key);
      if (exam) return exam;
    }
    return undefined;
  };
  const register = (exam: ExamTimelineEntry, keys: string[]) => {
    for (const key of keys) if (!exams.has(key)) exams.set(key, exam);
  };

  const entries: TimelineEntry[] = [];
  for (const { document, history } of resolveReplacements(documents)) {
    const keys = examKeys(document);
    const imaging = isImagingReport(document) || isImagingManifest(document);
    if (!imaging || keys.length === 0) {
      entries.push({
        kind: 'document',
        key: `doc:${document.logicalId}`,
        date: document.date,
        document,
        history,
      });
      continue;
    }
    let exam = examFor(keys);
    if (!exam) {
      exam = {
        kind: 'exam',
        key: keys[0] ?? `doc:${document.logicalId}`,
        date: document.date,
        studyInstanceUid: document.studyInstanceUid,
        accessionNumber: document.accessionNumber,
        reports: [],
        manifests: [],
        study: undefined,
        history: [],
      };
      entries.push(exam);
    }
    register(exam, keys);
    exam.studyInstanceUid ??= document.studyInstanceUid;
    exam.accessionNumber ??= document.accessionNumber;
    (isImagingManifest(document) ? exam.manifests : exam.reports).push(document);
    exam.history.push(...history);
  }

  const merged = new Set<ExamTimelineEntry>();
  for (const study of studies) {
    const keys = examKeys(study);
    // A study can bridge two partial exams: a report known by its UID, a KOS by its accession.
    const matches = [...new Set(keys.flatMap((key) => exams.get(key) ?? []))];
    const [exam, ...others] = matches;
    if (exam) {
      for (const other of others) {
        exam.reports.push(...other.reports);
        exam.manifests.push(...other.manifests);
        exam.history.push(...other.history);
        merged.add(other);
      }
      register(exam, keys);
      for (const [key, value] of exams) if (merged.has(value)) exams.set(key, exam);
      exam.study ??= study;
      exam.studyInstanceUid ??= study.studyInstanceUid;
      exam.accessionNumber ??= study.accessionNumber;
      exam.date = study.date ?? exam.date;
      continue;
    }
    const created: ExamTimelineEntry = {
      kind: 'exam',
      key: keys[0] ?? `study:${study.studyInstanceUid}`,
      date: study.date,
      studyInstanceUid: study.studyInstanceUid,
      accessionNumber: study.accessionNumber,
      reports: [],
      manifests: [],
      study,
      history: [],
    };
    register(created, keys);
    entries.push(created);
  }
  return entries.filter((entry) => entry.kind !== 'exam' || !merged.has(entry)).sort(newestFirst);
}
