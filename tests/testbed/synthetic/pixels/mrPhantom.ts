import { hash3 } from '../prng';

/** Axial brain MR phantom (three contrasts on one geometry) and a sagittal knee, unsigned 12-bit. */

export type BrainContrast = 'T1' | 'T2' | 'FLAIR';

export const BRAIN_GEOMETRY = {
  rows: 256,
  columns: 256,
  sliceCount: 24,
  pixelSpacingMm: 0.9375,
  sliceThicknessMm: 5,
  sliceSpacingMm: 6,
  firstSliceZMm: 69,
  firstPixelXMm: -119.53125,
  firstPixelYMm: -119.53125,
} as const;

const BRAIN_SIGNAL: Record<
  BrainContrast,
  Record<'fat' | 'bone' | 'gray' | 'white' | 'csf' | 'lesion', number>
> = {
  T1: { fat: 1100, bone: 100, gray: 600, white: 800, csf: 250, lesion: 450 },
  T2: { fat: 700, bone: 80, gray: 750, white: 550, csf: 1900, lesion: 1500 },
  FLAIR: { fat: 600, bone: 60, gray: 650, white: 500, csf: 120, lesion: 1700 },
};

const MR_NOISE = 20;

function brainSignal(contrast: BrainContrast, x: number, y: number, z: number): number {
  const head = { a: 70, b: 90, c: 80 };
  const scale2 = 1 - (z * z) / (head.c * head.c);
  if (scale2 <= 0) return 0;
  const r =
    Math.sqrt((x * x) / (head.a * head.a) + (y * y) / (head.b * head.b)) / Math.sqrt(scale2);
  const signal = BRAIN_SIGNAL[contrast];
  if (r > 1) return 0;
  if (r > 0.93) return signal.fat;
  if (r > 0.85) return signal.bone;
  const lesion = (x - 30) ** 2 + (y - 20) ** 2 + (z - 12) ** 2 <= 64;
  if (lesion) return signal.lesion;
  const ventricle =
    Math.abs(z) < 30 &&
    ((x - 12) ** 2 / 36 + (y + 5) ** 2 / 400 <= 1 || (x + 12) ** 2 / 36 + (y + 5) ** 2 / 400 <= 1);
  if (ventricle) return signal.csf;
  return r > 0.6 ? signal.gray : signal.white;
}

export function renderBrainSlice(contrast: BrainContrast, sliceIndex: number): Uint16Array {
  const g = BRAIN_GEOMETRY;
  const z = g.firstSliceZMm - sliceIndex * g.sliceSpacingMm;
  const salt = { T1: 1, T2: 2, FLAIR: 3 }[contrast] * 1000;
  const pixels = new Uint16Array(g.rows * g.columns);
  for (let row = 0; row < g.rows; row++) {
    for (let col = 0; col < g.columns; col++) {
      const signal = brainSignal(
        contrast,
        g.firstPixelXMm + col * g.pixelSpacingMm,
        g.firstPixelYMm + row * g.pixelSpacingMm,
        z,
      );
      const noise = (hash3(salt + sliceIndex, row, col) % (2 * MR_NOISE + 1)) - MR_NOISE;
      pixels[row * g.columns + col] = signal === 0 ? 0 : signal + noise;
    }
  }
  return pixels;
}

/** Sagittal knee: ImageOrientationPatient 0\1\0\0\0\-1; slice k sits at x = firstSliceXMm + k * sliceSpacingMm. */
export const KNEE_GEOMETRY = {
  rows: 256,
  columns: 256,
  sliceCount: 20,
  pixelSpacingMm: 0.625,
  sliceThicknessMm: 3.5,
  sliceSpacingMm: 4,
  firstSliceXMm: -38,
  /** Centre of pixel (0, 0): anterior-most y, top-most z. */
  firstPixelYMm: -79.6875,
  firstPixelZMm: 79.6875,
} as const;

function kneeSignal(x: number, y: number, z: number): number {
  const limb = (y * y) / (65 * 65) + (z * z) / (95 * 95) + (x * x) / (55 * 55);
  if (limb > 1) return 0;
  const femur = (y * y) / (26 * 26) + ((z - 42) * (z - 42)) / (44 * 44);
  const tibia = (y * y) / (28 * 28) + ((z + 44) * (z + 44)) / (42 * 42);
  const patella = ((y + 38) * (y + 38)) / (7 * 7) + ((z - 12) * (z - 12)) / (17 * 17);
  const bone = Math.min(femur, tibia, patella);
  if (bone <= 0.8) return 1250;
  if (bone <= 1) return 90;
  if (femur <= 1.25 || tibia <= 1.25) return 520;
  if (Math.abs(z + 1) < 2.5 && Math.abs(y) < 24) return 1500;
  return 420;
}

export function renderKneeSlice(sliceIndex: number): Uint16Array {
  const g = KNEE_GEOMETRY;
  const x = g.firstSliceXMm + sliceIndex * g.sliceSpacingMm;
  const pixels = new Uint16Array(g.rows * g.columns);
  for (let row = 0; row < g.rows; row++) {
    for (let col = 0; col < g.columns; col++) {
      const signal = kneeSignal(
        x,
        g.firstPixelYMm + col * g.pixelSpacingMm,
        g.firstPixelZMm - row * g.pixelSpacingMm,
      );
      const noise = (hash3(4000 + sliceIndex, row, col) % (2 * MR_NOISE + 1)) - MR_NOISE;
      pixels[row * g.columns + col] = signal === 0 ? 0 : signal + noise;
    }
  }
  return pixels;
}
