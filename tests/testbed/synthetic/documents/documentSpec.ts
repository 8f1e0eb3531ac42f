import type { PractitionerKey } from '../directory';
import type { StudyPlan } from '../dicom/studyPlan';
import { patientByKey, type PatientKey } from '../patients';
import { createRng, type Rng } from '../prng';
import { addDays, daysBetween, hhmm } from '../time';
import { ANCHOR_DATE } from '../version';
import type { DocumentKind, Visibility } from './codes';
import {
  ANALYTES,
  labResult,
  type AnalyteKey,
  type LabResult,
  type Trajectory,
} from './labAnalytes';

/** One planned document, and the factories the per-patient plans are written with. */

export interface DocumentSpec {
  key: string;
  patientKey: PatientKey;
  kind: DocumentKind;
  title: string;
  /** Act date (ISO) and creation time. */
  date: string;
  time: string;
  /** Creation date when later than the act (corrections). */
  createdDate?: string;
  /** Last day of the act (hospital stays), defaults to `date`. */
  endDate?: string;
  author: PractitionerKey;
  status: 'current' | 'superseded';
  visibility?: Visibility;
  /** CDA setId label and versionNumber: versions of one document share the set. */
  setKey: string;
  version: number;
  replaces?: string;
  submissionSetKey: string;
  withPdfCopy?: boolean;
  study?: StudyPlan;
  /** Imaging report text overriding the study's (for a corrected version). */
  reportOverride?: Partial<StudyPlan['report']>;
  labResults?: readonly LabResult[];
  paragraphs?: readonly string[];
}

const MEDICATIONS = [
  'AMLODIPINE 5 mg : 1 comprimé le matin',
  'FUROSEMIDE 40 mg : 1 comprimé le matin',
  'METFORMINE 850 mg : 1 comprimé matin et soir',
  'LEVOTHYROXINE 50 µg : 1 comprimé à jeun',
  'PARACETAMOL 1 g : 1 comprimé si douleur, 4 par jour au maximum',
  'RAMIPRIL 5 mg : 1 comprimé le soir',
  'ATORVASTATINE 20 mg : 1 comprimé le soir',
  'EPOETINE ALFA 4000 UI : 1 injection par semaine',
] as const;

export function single(
  spec: Omit<DocumentSpec, 'status' | 'setKey' | 'version' | 'submissionSetKey'>,
): DocumentSpec {
  return { ...spec, status: 'current', setKey: spec.key, version: 1, submissionSetKey: spec.key };
}

/** Evenly spread dates between two days, with a deterministic jitter of a few days. */
export function spreadDates(from: string, to: string, count: number, rng: Rng): string[] {
  const span = daysBetween(from, to);
  return Array.from({ length: count }, (_, index) => {
    const jitter = rng.int(0, Math.max(0, Math.floor(span / count) - 1));
    return addDays(from, Math.floor((index * span) / count) + jitter);
  });
}

export function labReports(
  patientKey: PatientKey,
  author: PractitionerKey,
  dates: readonly string[],
  trajectories: Partial<Record<AnalyteKey, Trajectory>>,
  panel: (index: number, rng: Rng) => readonly AnalyteKey[],
): DocumentSpec[] {
  const patient = patientByKey(patientKey);
  const first = dates[0] ?? ANCHOR_DATE;
  const span = Math.max(1, daysBetween(first, dates.at(-1) ?? first));
  return dates.map((date, index) => {
    const rng = createRng(`lab/${patientKey}/${index}`);
    const progress = daysBetween(first, date) / span;
    const results = panel(index, rng).flatMap((key) => {
      const trajectory = trajectories[key];
      return trajectory ? [labResult(ANALYTES[key], patient.sex, trajectory, progress, rng)] : [];
    });
    return single({
      key: `bio-${String(index).padStart(4, '0')}`,
      patientKey,
      kind: 'crBio',
      title: 'Compte rendu d’examens de biologie médicale',
      date,
      time: hhmm(rng.int(16, 19), rng.int(0, 59)),
      author,
      labResults: results,
    });
  });
}

export function imagingDocuments(study: StudyPlan, visibility?: Visibility): DocumentSpec[] {
  const common = {
    patientKey: study.patientKey,
    date: study.date,
    author: study.radiologist,
    status: 'current',
    version: 1,
    submissionSetKey: `exam-${study.key}`,
    study,
  } as const;
  return [
    {
      ...common,
      key: `img-${study.key}`,
      setKey: `img-${study.key}`,
      kind: 'crImg',
      title: `CR ${study.description}`,
      time: '18:30',
      ...(visibility ? { visibility } : {}),
    },
    {
      ...common,
      key: `kos-${study.key}`,
      setKey: `kos-${study.key}`,
      kind: 'kos',
      title: `Images : ${study.description}`,
      time: '18:30',
    },
  ];
}

export function prescription(
  patientKey: PatientKey,
  key: string,
  date: string,
  author: PractitionerKey,
  rng: Rng,
  visibility?: Visibility,
): DocumentSpec {
  const count = rng.int(2, 4);
  const lines = Array.from(
    { length: count },
    (_, index) =>
      MEDICATIONS[(rng.int(0, MEDICATIONS.length - 1) + index) % MEDICATIONS.length] ?? '',
  );
  return single({
    key,
    patientKey,
    kind: 'prescription',
    title: 'Prescription de médicaments',
    date,
    time: hhmm(rng.int(9, 18), rng.int(0, 59)),
    author,
    paragraphs: [...new Set(lines)],
    ...(visibility ? { visibility } : {}),
  });
}

export function hospitalStay(
  patientKey: PatientKey,
  key: string,
  date: string,
  days: number,
  author: PractitionerKey,
  reason: string,
  kind: 'ldlSes' | 'hospitalReportPdf',
): DocumentSpec {
  return single({
    key,
    patientKey,
    kind,
    date,
    endDate: addDays(date, days),
    time: '15:00',
    author,
    title: kind === 'ldlSes' ? 'Lettre de liaison à la sortie' : 'Compte rendu d’hospitalisation',
    paragraphs: [
      `Motif d’hospitalisation : ${reason}.`,
      `Séjour du ${date} au ${addDays(date, days)}. Évolution favorable sous traitement.`,
      'Traitement de sortie inchangé, sauf mention contraire. Suivi par le médecin traitant sous 15 jours.',
    ],
  });
}
