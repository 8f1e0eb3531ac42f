import type { Rng } from '../prng';

/** LOINC-coded analytes with units (UCUM), reference ranges, and a per-patient trajectory for trending. */

export type AnalyteKey =
  'hemoglobin' | 'creatinine' | 'glucose' | 'potassium' | 'tsh' | 'hba1c' | 'sodium';

export interface Analyte {
  key: AnalyteKey;
  loinc: string;
  display: string;
  /** Short French label printed in the report table. */
  label: string;
  unit: string;
  decimals: number;
  referenceRange: { F: [number, number]; M: [number, number] };
  /** CI-SIS chapter (LOINC). */
  chapter: 'hematology' | 'chemistry' | 'endocrinology';
}

export const ANALYTES: Record<AnalyteKey, Analyte> = {
  hemoglobin: {
    key: 'hemoglobin',
    loinc: '718-7',
    display: 'Hémoglobine [Masse/Volume] Sang ; Numérique',
    label: 'Hémoglobine',
    unit: 'g/dL',
    decimals: 1,
    referenceRange: { F: [12, 16], M: [13, 17] },
    chapter: 'hematology',
  },
  creatinine: {
    key: 'creatinine',
    loinc: '2160-0',
    display: 'Créatinine [Masse/Volume] Sérum/Plasma ; Numérique',
    label: 'Créatinine',
    unit: 'mg/L',
    decimals: 1,
    referenceRange: { F: [5, 10], M: [7, 12] },
    chapter: 'chemistry',
  },
  glucose: {
    key: 'glucose',
    loinc: '2345-7',
    display: 'Glucose [Masse/Volume] Sérum/Plasma ; Numérique',
    label: 'Glycémie à jeun',
    unit: 'g/L',
    decimals: 2,
    referenceRange: { F: [0.7, 1.1], M: [0.7, 1.1] },
    chapter: 'chemistry',
  },
  potassium: {
    key: 'potassium',
    loinc: '2823-3',
    display: 'Potassium [Moles/Volume] Sérum/Plasma ; Numérique',
    label: 'Potassium',
    unit: 'mmol/L',
    decimals: 1,
    referenceRange: { F: [3.5, 5], M: [3.5, 5] },
    chapter: 'chemistry',
  },
  sodium: {
    key: 'sodium',
    loinc: '2951-2',
    display: 'Sodium [Moles/Volume] Sérum/Plasma ; Numérique',
    label: 'Sodium',
    unit: 'mmol/L',
    decimals: 0,
    referenceRange: { F: [136, 145], M: [136, 145] },
    chapter: 'chemistry',
  },
  tsh: {
    key: 'tsh',
    loinc: '3016-3',
    display: 'Thyréostimuline [Unités arbitraires/Volume] Sérum/Plasma ; Numérique',
    label: 'TSH',
    unit: 'm[IU]/L',
    decimals: 2,
    referenceRange: { F: [0.27, 4.2], M: [0.27, 4.2] },
    chapter: 'endocrinology',
  },
  hba1c: {
    key: 'hba1c',
    loinc: '4548-4',
    display: 'Hémoglobine A1c/Hémoglobine totale Sang ; Numérique',
    label: 'HbA1c',
    unit: '%',
    decimals: 1,
    referenceRange: { F: [4, 6], M: [4, 6] },
    chapter: 'endocrinology',
  },
};

export const CHAPTERS = {
  hematology: { loinc: '18723-7', display: 'Hématologie', title: 'HEMATOLOGIE' },
  chemistry: { loinc: '18719-5', display: 'Biochimie', title: 'BIOCHIMIE' },
  endocrinology: { loinc: '18719-5', display: 'Biochimie', title: 'HORMONOLOGIE' },
} as const;

/** Value moves linearly from `start` to `end` over the patient's history, plus gaussian noise. */
export interface Trajectory {
  start: number;
  end: number;
  noise: number;
}

export type Interpretation = 'L' | 'N' | 'H';

export interface LabResult {
  analyte: Analyte;
  value: number;
  low: number;
  high: number;
  interpretation: Interpretation;
}

export function labResult(
  analyte: Analyte,
  sex: 'F' | 'M',
  trajectory: Trajectory,
  progress: number,
  rng: Rng,
): LabResult {
  const factor = 10 ** analyte.decimals;
  const raw =
    trajectory.start +
    (trajectory.end - trajectory.start) * progress +
    rng.normal(0, trajectory.noise);
  const value = Math.max(1 / factor, Math.round(raw * factor) / factor);
  const [low, high] = analyte.referenceRange[sex];
  const interpretation: Interpretation = value < low ? 'L' : value > high ? 'H' : 'N';
  return { analyte, value, low, high, interpretation };
}

export function formatValue(analyte: Analyte, value: number): string {
  return value.toFixed(analyte.decimals);
}
