import { STUDY_PLANS, type StudyPlan } from '../dicom/studyPlan';
import { createRng } from '../prng';
import { addDays } from '../time';
import { ANCHOR_DATE } from '../version';
import {
  hospitalStay,
  imagingDocuments,
  labReports,
  prescription,
  single,
  spreadDates,
  type DocumentSpec,
} from './documentSpec';

/** What documents each patient has, when, by whom. Content is rendered later from this plan. */

function mainPatientDocuments(): DocumentSpec[] {
  const rng = createRng('plan/main');
  const [ctCurrent, ctPrior, mr, dx] = [
    'main-ct-2026',
    'main-ct-2023',
    'main-mr-2024',
    'main-dx-2025',
  ].map((key) => STUDY_PLANS.find((study) => study.key === key) as StudyPlan) as [
    StudyPlan,
    StudyPlan,
    StudyPlan,
    StudyPlan,
  ];
  const labDates = spreadDates('2020-01-06', '2026-10-20', 27, rng);
  const labs = labReports(
    'main',
    'biologist',
    labDates,
    {
      hemoglobin: { start: 13.4, end: 11.6, noise: 0.3 },
      creatinine: { start: 7.5, end: 9.5, noise: 0.4 },
      glucose: { start: 0.95, end: 1.15, noise: 0.04 },
      potassium: { start: 4.2, end: 4.4, noise: 0.2 },
      tsh: { start: 2.1, end: 5.2, noise: 0.3 },
    },
    (index) => [
      'hemoglobin',
      'creatinine',
      'potassium',
      ...(index % 2 === 0 ? ['glucose' as const] : []),
      ...(index % 4 === 0 ? ['tsh' as const] : []),
    ],
  );
  for (const lab of labs.slice(-3)) lab.withPdfCopy = true;

  const priorReports = imagingDocuments(ctPrior);
  const [priorV1, priorKos] = priorReports as [DocumentSpec, DocumentSpec];
  priorV1.status = 'superseded';
  priorV1.reportOverride = {
    findings: 'Nodule pulmonaire du lobe supérieur gauche de 12 mm. Pas d’épanchement.',
  };
  const priorV2: DocumentSpec = {
    ...priorV1,
    key: `${priorV1.key}-v2`,
    status: 'current',
    version: 2,
    replaces: priorV1.key,
    createdDate: addDays(ctPrior.date, 3),
    time: '11:05',
    submissionSetKey: `${priorV1.key}-v2`,
    title: `${priorV1.title} (rectificatif)`,
    reportOverride: {},
  };

  return [
    ...labs,
    ...imagingDocuments(ctCurrent, 'INVISIBLE_PATIENT'),
    priorV1,
    priorKos,
    priorV2,
    ...imagingDocuments(mr),
    ...imagingDocuments(dx),
    hospitalStay(
      'main',
      'ldl-2022',
      '2022-11-03',
      5,
      'internist',
      'pneumopathie communautaire',
      'ldlSes',
    ),
    hospitalStay(
      'main',
      'ldl-2025',
      '2025-02-17',
      4,
      'internist',
      'décompensation respiratoire',
      'ldlSes',
    ),
    hospitalStay(
      'main',
      'crh-2025',
      '2025-02-17',
      4,
      'internist',
      'décompensation respiratoire',
      'hospitalReportPdf',
    ),
    ...['2021-03-15', '2022-11-10', '2023-09-04', '2025-03-01', '2026-05-12'].map((date, index) =>
      prescription(
        'main',
        `pre-${index}`,
        date,
        'generalPractitioner',
        createRng(`plan/main/pre/${index}`),
        index === 2 ? 'MASQUE_PS' : undefined,
      ),
    ),
    single({
      key: 'consult-2026',
      patientKey: 'main',
      kind: 'consultationPdfCda',
      title: 'Consultation de pneumologie',
      date: '2026-10-05',
      time: '11:20',
      author: 'internist',
      paragraphs: [
        'Patiente vue pour le suivi d’un nodule pulmonaire gauche.',
        'Examen clinique sans particularité. Scanner de contrôle demandé.',
      ],
    }),
  ];
}

function travellerDocuments(): DocumentSpec[] {
  const rng = createRng('plan/traveller');
  const studies = STUDY_PLANS.filter((study) => study.patientKey === 'traveller');
  return [
    ...labReports(
      'traveller',
      'biologist',
      spreadDates('2020-02-01', '2025-12-01', 6, rng),
      {
        hemoglobin: { start: 15.1, end: 14.8, noise: 0.3 },
        glucose: { start: 0.92, end: 1.02, noise: 0.05 },
        potassium: { start: 4.0, end: 4.1, noise: 0.2 },
        sodium: { start: 140, end: 139, noise: 1.5 },
      },
      () => ['hemoglobin', 'glucose', 'potassium', 'sodium'],
    ),
    ...studies.flatMap((study) => imagingDocuments(study)),
    prescription(
      'traveller',
      'pre-0',
      '2019-10-10',
      'generalPractitioner',
      createRng('plan/traveller/pre/0'),
    ),
    prescription(
      'traveller',
      'pre-1',
      '2025-05-23',
      'generalPractitioner',
      createRng('plan/traveller/pre/1'),
    ),
    hospitalStay(
      'traveller',
      'crh-2019',
      '2019-10-21',
      2,
      'internist',
      'cure de hernie inguinale',
      'hospitalReportPdf',
    ),
  ];
}

function childDocuments(): DocumentSpec[] {
  const rng = createRng('plan/child');
  const studies = STUDY_PLANS.filter((study) => study.patientKey === 'child');
  return [
    ...labReports(
      'child',
      'biologist',
      spreadDates('2023-01-10', '2026-03-01', 3, rng),
      {
        hemoglobin: { start: 12.4, end: 12.9, noise: 0.3 },
        sodium: { start: 139, end: 140, noise: 1 },
        potassium: { start: 4.3, end: 4.2, noise: 0.2 },
      },
      () => ['hemoglobin', 'sodium', 'potassium'],
    ),
    ...studies.flatMap((study) => imagingDocuments(study)),
    single({
      key: 'consult-2026',
      patientKey: 'child',
      kind: 'consultationPdfCda',
      title: 'Consultation de pédiatrie',
      date: '2026-06-02',
      time: '14:40',
      author: 'paediatrician',
      visibility: 'INVISIBLE_REPRESENTANTS_LEGAUX',
      paragraphs: [
        'Consultation à la demande de la patiente, sans ses représentants légaux.',
        'Examen normal.',
      ],
    }),
  ];
}

const SCALE_LAB_REPORTS = 1900;
const SCALE_PRESCRIPTIONS = 200;

function scalePatientDocuments(): DocumentSpec[] {
  const rng = createRng('plan/scale');
  const from = addDays(ANCHOR_DATE, -3652);
  const to = addDays(ANCHOR_DATE, -6);
  const labs = labReports(
    'scale',
    'biologistBrest',
    spreadDates(from, to, SCALE_LAB_REPORTS, rng),
    {
      creatinine: { start: 11, end: 21, noise: 0.8 },
      potassium: { start: 4.3, end: 5.4, noise: 0.25 },
      hemoglobin: { start: 14.2, end: 11, noise: 0.35 },
      glucose: { start: 1.02, end: 1.38, noise: 0.06 },
      hba1c: { start: 6.2, end: 7.9, noise: 0.15 },
      sodium: { start: 140, end: 137, noise: 1.2 },
    },
    (index, labRng) => [
      'creatinine',
      'potassium',
      ...(labRng.chance(0.5) ? ['hemoglobin' as const] : []),
      ...(labRng.chance(0.5) ? ['glucose' as const] : []),
      ...(labRng.chance(0.3) ? ['sodium' as const] : []),
      ...(index % 45 === 0 ? ['hba1c' as const] : []),
    ],
  );
  const prescriptions = spreadDates(from, to, SCALE_PRESCRIPTIONS, rng).map((date, index) =>
    prescription(
      'scale',
      `pre-${String(index).padStart(3, '0')}`,
      date,
      'nephrologist',
      createRng(`plan/scale/pre/${index}`),
      index % 97 === 13 ? 'MASQUE_PS' : undefined,
    ),
  );
  // A prescription corrected twice: three versions, the last one current.
  const chainBase = prescriptions[SCALE_PRESCRIPTIONS - 20] as DocumentSpec;
  const v2: DocumentSpec = {
    ...chainBase,
    key: `${chainBase.key}-v2`,
    version: 2,
    replaces: chainBase.key,
    submissionSetKey: `${chainBase.key}-v2`,
    createdDate: addDays(chainBase.date, 1),
  };
  const v3: DocumentSpec = {
    ...chainBase,
    key: `${chainBase.key}-v3`,
    version: 3,
    replaces: v2.key,
    submissionSetKey: `${chainBase.key}-v3`,
    createdDate: addDays(chainBase.date, 2),
    paragraphs: [...(chainBase.paragraphs ?? []), 'Rectificatif : posologie corrigée.'],
  };
  chainBase.status = 'superseded';
  v2.status = 'superseded';
  const stays = spreadDates(from, to, 12, rng).map((date, index) =>
    hospitalStay(
      'scale',
      `ldl-${String(index).padStart(2, '0')}`,
      date,
      rng.int(2, 9),
      'nephrologist',
      rng.pick([
        'hyperkaliémie',
        'surcharge hydrosodée',
        'pose de fistule artério-veineuse',
        'anémie',
      ]),
      'ldlSes',
    ),
  );
  return [
    ...labs,
    ...prescriptions,
    v2,
    v3,
    ...stays,
    ...STUDY_PLANS.filter((study) => study.patientKey === 'scale').flatMap((study) =>
      imagingDocuments(study),
    ),
    single({
      key: 'consult-2026',
      patientKey: 'scale',
      kind: 'consultationPdfCda',
      title: 'Consultation de néphrologie',
      date: addDays(ANCHOR_DATE, -160),
      time: '10:10',
      author: 'nephrologist',
      paragraphs: [
        'Suivi de maladie rénale chronique stade 4.',
        'Préparation à la suppléance discutée.',
      ],
    }),
  ];
}

export function documentPlan(): DocumentSpec[] {
  return [
    ...mainPatientDocuments(),
    ...travellerDocuments(),
    ...childDocuments(),
    ...scalePatientDocuments(),
  ];
}
