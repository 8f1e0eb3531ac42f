import type { PractitionerKey } from '../directory';
import type { PatientKey } from '../patients';
import type { BrainContrast } from '../pixels/mrPhantom';
import { SYNTAX_MATRIX_SERIES, SYNTAX_MATRIX_STUDY_KEY } from './syntaxMatrix';
import { TransferSyntax, type TransferSyntaxUid } from './transferSyntaxes';

/** What each imaging study contains. Pixel content comes from ../pixels; this file only plans. */

export type SeriesContent =
  | { kind: 'ctAxial'; phantom: 'current' | 'prior' }
  | { kind: 'ctLocalizer' }
  /** Three slices of the current CT (SYNTAX_MATRIX_SLICES), 16-bit or their 8-bit derivation. */
  | { kind: 'ctSyntaxMatrix'; depth: 16 | 8 }
  | { kind: 'mrBrain'; contrast: BrainContrast }
  | { kind: 'mrKnee' }
  | { kind: 'dxChest' }
  | { kind: 'crChestMonochrome1' }
  | { kind: 'dxWrist' }
  | { kind: 'usCine' };

export interface SeriesPlan {
  key: string;
  number: number;
  description: string;
  modality: 'CT' | 'MR' | 'DX' | 'CR' | 'US';
  transferSyntax: TransferSyntaxUid;
  content: SeriesContent;
}

export interface ImagingReport {
  indication: string;
  technique: string;
  findings: string;
  conclusion: string;
}

export interface StudyPlan {
  key: string;
  patientKey: PatientKey;
  /** ISO date and HH:MM, Paris time. */
  date: string;
  time: string;
  description: string;
  bodyPart: string;
  accessionNumber: string;
  /** LOINC code of the procedure, and the CCAM act. */
  procedure: { loinc: string; loincDisplay: string; ccam: string; ccamDisplay: string };
  referrer: PractitionerKey;
  radiologist: PractitionerKey;
  series: readonly SeriesPlan[];
  /** Key images for the KOS: series key and 0-based instance index. */
  keyImages: readonly { seriesKey: string; instanceIndex: number }[];
  report: ImagingReport;
}

export const STUDY_PLANS: readonly StudyPlan[] = [
  {
    key: 'main-ct-2026',
    patientKey: 'main',
    date: '2026-09-14',
    time: '10:32',
    description: 'TDM thoraco-abdomino-pelvienne injectée',
    bodyPart: 'CHEST',
    accessionNumber: 'RGD2609140032',
    procedure: {
      loinc: '36813-4',
      loincDisplay: 'CT Chest and Abdomen and Pelvis W contrast IV',
      ccam: 'ZCQH001',
      ccamDisplay: 'Scanographie du thorax, de l’abdomen et du pelvis, avec injection',
    },
    referrer: 'generalPractitioner',
    radiologist: 'radiologist',
    series: [
      {
        key: 'scout',
        number: 1,
        description: 'Topogramme',
        modality: 'CT',
        transferSyntax: TransferSyntax.implicitLittleEndian,
        content: { kind: 'ctLocalizer' },
      },
      {
        key: 'axial',
        number: 2,
        description: 'TAP 1.25 mm portal',
        modality: 'CT',
        transferSyntax: TransferSyntax.explicitLittleEndian,
        content: { kind: 'ctAxial', phantom: 'current' },
      },
    ],
    keyImages: [
      { seriesKey: 'axial', instanceIndex: 55 },
      { seriesKey: 'axial', instanceIndex: 110 },
      { seriesKey: 'axial', instanceIndex: 180 },
    ],
    report: {
      indication: 'Surveillance d’un nodule pulmonaire gauche.',
      technique:
        'Acquisition hélicoïdale thoraco-abdomino-pelvienne au temps portal, coupes de 1,25 mm.',
      findings:
        'Nodule sphérique du lobe supérieur gauche mesurant 24 mm (14 mm sur l’examen de référence). Pas d’adénopathie. Foie homogène. Rachis sans lésion osseuse.',
      conclusion:
        'Augmentation de taille du nodule pulmonaire gauche : avis spécialisé recommandé.',
    },
  },
  {
    key: 'main-ct-2023',
    patientKey: 'main',
    date: '2023-03-08',
    time: '14:05',
    description: 'TDM thoraco-abdomino-pelvienne injectée',
    bodyPart: 'CHEST',
    accessionNumber: 'RGD2303080117',
    procedure: {
      loinc: '36813-4',
      loincDisplay: 'CT Chest and Abdomen and Pelvis W contrast IV',
      ccam: 'ZCQH001',
      ccamDisplay: 'Scanographie du thorax, de l’abdomen et du pelvis, avec injection',
    },
    referrer: 'generalPractitioner',
    radiologist: 'radiologist',
    series: [
      {
        key: 'axial',
        number: 2,
        description: 'TAP 5 mm portal',
        modality: 'CT',
        transferSyntax: TransferSyntax.rleLossless,
        content: { kind: 'ctAxial', phantom: 'prior' },
      },
    ],
    keyImages: [{ seriesKey: 'axial', instanceIndex: 14 }],
    report: {
      indication: 'Toux persistante, bilan d’extension.',
      technique: 'Acquisition hélicoïdale au temps portal, reconstructions de 5 mm.',
      findings: 'Nodule pulmonaire du lobe supérieur gauche de 14 mm. Pas d’épanchement.',
      conclusion: 'Nodule pulmonaire gauche à surveiller à 3 mois.',
    },
  },
  {
    key: 'main-mr-2024',
    patientKey: 'main',
    date: '2024-06-20',
    time: '08:45',
    description: 'IRM cérébrale',
    bodyPart: 'HEAD',
    accessionNumber: 'RGD2406200008',
    procedure: {
      loinc: '24590-2',
      loincDisplay: 'MR Brain',
      ccam: 'ACQN001',
      ccamDisplay: 'Remnographie de l’encéphale',
    },
    referrer: 'internist',
    radiologist: 'radiologist',
    series: [
      {
        key: 't1',
        number: 3,
        description: 'AX T1 SE',
        modality: 'MR',
        transferSyntax: TransferSyntax.jpegLsLossless,
        content: { kind: 'mrBrain', contrast: 'T1' },
      },
      {
        key: 't2',
        number: 4,
        description: 'AX T2 TSE',
        modality: 'MR',
        transferSyntax: TransferSyntax.jpeg2000Lossless,
        content: { kind: 'mrBrain', contrast: 'T2' },
      },
      {
        key: 'flair',
        number: 5,
        description: 'AX FLAIR',
        modality: 'MR',
        transferSyntax: TransferSyntax.htj2kLossless,
        content: { kind: 'mrBrain', contrast: 'FLAIR' },
      },
    ],
    keyImages: [{ seriesKey: 'flair', instanceIndex: 10 }],
    report: {
      indication: 'Céphalées inhabituelles.',
      technique: 'Séquences axiales T1, T2 et FLAIR.',
      findings:
        'Hypersignal T2/FLAIR pariétal gauche de 16 mm, sans effet de masse. Système ventriculaire normal.',
      conclusion: 'Lésion pariétale gauche non spécifique : contrôle à 6 mois.',
    },
  },
  {
    key: 'main-dx-2025',
    patientKey: 'main',
    date: '2025-01-10',
    time: '16:20',
    description: 'Radiographie thoracique de face',
    bodyPart: 'CHEST',
    accessionNumber: 'RGD2501100051',
    procedure: {
      loinc: '36572-6',
      loincDisplay: 'XR Chest PA',
      ccam: 'ZBQK002',
      ccamDisplay: 'Radiographie du thorax',
    },
    referrer: 'generalPractitioner',
    radiologist: 'radiologist',
    series: [
      {
        key: 'pa',
        number: 1,
        description: 'Thorax PA',
        modality: 'DX',
        transferSyntax: TransferSyntax.htj2kLossless,
        content: { kind: 'dxChest' },
      },
    ],
    keyImages: [{ seriesKey: 'pa', instanceIndex: 0 }],
    report: {
      indication: 'Dyspnée d’effort.',
      technique: 'Cliché thoracique de face debout.',
      findings: 'Opacité arrondie de l’apex gauche. Cœur de taille normale. Culs-de-sac libres.',
      conclusion: 'Opacité apicale gauche : confrontation au scanner antérieur.',
    },
  },
  {
    key: 'traveller-cr-2019',
    patientKey: 'traveller',
    date: '2019-10-03',
    time: '11:10',
    description: 'Radiographie thoracique',
    bodyPart: 'CHEST',
    accessionNumber: 'RGD1910030044',
    procedure: {
      loinc: '36572-6',
      loincDisplay: 'XR Chest PA',
      ccam: 'ZBQK002',
      ccamDisplay: 'Radiographie du thorax',
    },
    referrer: 'generalPractitioner',
    radiologist: 'radiologist',
    series: [
      {
        key: 'pa',
        number: 1,
        description: 'Thorax PA (CR)',
        modality: 'CR',
        transferSyntax: TransferSyntax.implicitLittleEndian,
        content: { kind: 'crChestMonochrome1' },
      },
    ],
    keyImages: [{ seriesKey: 'pa', instanceIndex: 0 }],
    report: {
      indication: 'Bilan préopératoire.',
      technique: 'Cliché thoracique de face (plaque phosphore).',
      findings: 'Parenchyme pulmonaire normal. Silhouette cardiaque normale.',
      conclusion: 'Radiographie thoracique normale.',
    },
  },
  {
    key: 'traveller-us-2025',
    patientKey: 'traveller',
    date: '2025-05-22',
    time: '09:40',
    description: 'Échographie abdominale',
    bodyPart: 'ABDOMEN',
    accessionNumber: 'RGD2505220019',
    procedure: {
      loinc: '24531-6',
      loincDisplay: 'US Abdomen',
      ccam: 'ZCQM004',
      ccamDisplay: 'Échographie de l’abdomen',
    },
    referrer: 'generalPractitioner',
    radiologist: 'radiologist',
    series: [
      {
        key: 'cine',
        number: 1,
        description: 'Vésicule, boucle ciné',
        modality: 'US',
        transferSyntax: TransferSyntax.rleLossless,
        content: { kind: 'usCine' },
      },
    ],
    keyImages: [{ seriesKey: 'cine', instanceIndex: 0 }],
    report: {
      indication: 'Douleurs de l’hypocondre droit.',
      technique: 'Échographie abdominale, boucle ciné de la vésicule.',
      findings: 'Vésicule alithiasique à paroi fine. Pas de dilatation des voies biliaires.',
      conclusion: 'Échographie abdominale sans anomalie.',
    },
  },
  {
    key: 'child-dx-2026',
    patientKey: 'child',
    date: '2026-02-11',
    time: '18:05',
    description: 'Radiographie du poignet gauche',
    bodyPart: 'HAND',
    accessionNumber: 'RGD2602110073',
    procedure: {
      loinc: '37876-0',
      loincDisplay: 'XR Wrist Left',
      ccam: 'MDQK001',
      ccamDisplay: 'Radiographie du poignet',
    },
    referrer: 'paediatrician',
    radiologist: 'radiologist',
    series: [
      {
        key: 'pa',
        number: 1,
        description: 'Poignet G face',
        modality: 'DX',
        transferSyntax: TransferSyntax.jpegLsLossless,
        content: { kind: 'dxWrist' },
      },
    ],
    keyImages: [{ seriesKey: 'pa', instanceIndex: 0 }],
    report: {
      indication: 'Chute sur la main gauche.',
      technique: 'Cliché de face du poignet gauche.',
      findings: 'Pas de trait de fracture. Cartilages de croissance normaux.',
      conclusion: 'Absence de lésion osseuse traumatique.',
    },
  },
  {
    key: 'scale-mr-2021',
    patientKey: 'scale',
    date: '2021-04-07',
    time: '13:15',
    description: 'IRM du genou droit',
    bodyPart: 'KNEE',
    accessionNumber: 'RGD2104070061',
    procedure: {
      loinc: '24660-3',
      loincDisplay: 'MR Knee',
      ccam: 'NZQN001',
      ccamDisplay: 'Remnographie du genou',
    },
    referrer: 'nephrologist',
    radiologist: 'hospitalRadiologist',
    series: [
      {
        key: 'sag',
        number: 1,
        description: 'SAG DP FS',
        modality: 'MR',
        transferSyntax: TransferSyntax.explicitLittleEndian,
        content: { kind: 'mrKnee' },
      },
    ],
    keyImages: [{ seriesKey: 'sag', instanceIndex: 10 }],
    report: {
      indication: 'Gonalgie droite.',
      technique: 'Séquences sagittales en densité de protons.',
      findings: 'Épanchement articulaire modéré. Ménisques sans fissure.',
      conclusion: 'Épanchement articulaire isolé.',
    },
  },
  {
    // Quality control: the same CT slices in every transfer syntax (see ./syntaxMatrix).
    key: SYNTAX_MATRIX_STUDY_KEY,
    patientKey: 'scale',
    date: '2026-10-27',
    time: '09:10',
    description: 'TDM contrôle qualité (syntaxes de transfert)',
    bodyPart: 'CHEST',
    accessionNumber: 'RGD2610270042',
    procedure: {
      loinc: '36813-4',
      loincDisplay: 'CT Chest and Abdomen and Pelvis W contrast IV',
      ccam: 'ZCQH001',
      ccamDisplay: 'Scanographie du thorax, de l’abdomen et du pelvis, avec injection',
    },
    referrer: 'nephrologist',
    radiologist: 'hospitalRadiologist',
    series: SYNTAX_MATRIX_SERIES.map((series) => ({
      key: series.key,
      number: series.number,
      description: series.description,
      modality: 'CT',
      transferSyntax: series.transferSyntax,
      content: { kind: 'ctSyntaxMatrix', depth: series.depth },
    })),
    keyImages: [
      { seriesKey: 'explicit-le', instanceIndex: 0 },
      { seriesKey: 'jpeg-baseline', instanceIndex: 0 },
    ],
    report: {
      indication: 'Contrôle qualité de la visionneuse : lecture de chaque syntaxe de transfert.',
      technique:
        'Trois coupes axiales identiques enregistrées dans dix syntaxes de transfert (non compressées, deflate, JPEG, JPEG-LS, JPEG 2000, RLE, HTJ2K).',
      findings:
        'Les séries sans perte sont identiques pixel à pixel à la série de référence. La série JPEG baseline est une dérivation 8 bits, compressée avec perte.',
      conclusion: 'Contrôle qualité conforme.',
    },
  },
];

export function studyPlan(key: string): StudyPlan {
  const study = STUDY_PLANS.find((candidate) => candidate.key === key);
  if (!study) throw new Error(`unknown study ${key}`);
  return study;
}
