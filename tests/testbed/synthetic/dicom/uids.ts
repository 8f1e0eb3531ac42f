import { label, oidFor } from '../ids';
import type { SeriesPlan, StudyPlan } from './studyPlan';

export function studyInstanceUid(study: StudyPlan): string {
  return oidFor(label('study', study.key));
}

export function seriesInstanceUid(study: StudyPlan, series: SeriesPlan): string {
  return oidFor(label('series', study.key, series.key));
}

export function sopInstanceUid(study: StudyPlan, series: SeriesPlan, index: number): string {
  return oidFor(label('instance', study.key, series.key, index));
}

/** One frame of reference per study: its series share one patient coordinate system. */
export function frameOfReferenceUid(study: StudyPlan): string {
  return oidFor(label('frame-of-reference', study.key));
}

export function kosSeriesInstanceUid(study: StudyPlan): string {
  return oidFor(label('kos-series', study.key));
}

export function kosSopInstanceUid(study: StudyPlan): string {
  return oidFor(label('kos', study.key));
}

/** Issuer of accession numbers (the fictitious imaging centre's order filler). */
export const ACCESSION_ISSUER_OID = oidFor(label('accession-issuer'));
