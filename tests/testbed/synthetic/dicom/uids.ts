import { label, oidFor } from '../ids';
import { studyPlan, type SeriesPlan, type StudyPlan } from './studyPlan';
import { SYNTAX_MATRIX_SLICES, SYNTAX_MATRIX_STUDY_KEY } from './syntaxMatrix';

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

/**
 * The transfer syntax matrix's UIDs, from its plan alone: a viewer test can name the study, each
 * series and each instance without generating or reading the data set.
 */
export function syntaxMatrixUids(): {
  studyInstanceUid: string;
  series: {
    key: string;
    transferSyntax: string;
    seriesInstanceUid: string;
    /** Instance i holds CURRENT_CT slice SYNTAX_MATRIX_SLICES[i]. */
    sopInstanceUids: string[];
  }[];
} {
  const study = studyPlan(SYNTAX_MATRIX_STUDY_KEY);
  return {
    studyInstanceUid: studyInstanceUid(study),
    series: study.series.map((series) => ({
      key: series.key,
      transferSyntax: series.transferSyntax,
      seriesInstanceUid: seriesInstanceUid(study, series),
      sopInstanceUids: SYNTAX_MATRIX_SLICES.map((_, index) => sopInstanceUid(study, series, index)),
    })),
  };
}
