import { hash3 } from '../prng';

/** Projection radiographs, unsigned 12-bit, with "dense = high" intensity before any MONOCHROME1 inversion. */

export interface RadiographSize {
  rows: number;
  columns: number;
}

function noise(salt: number, row: number, col: number, amplitude: number): number {
  return (hash3(salt, row, col) % (2 * amplitude + 1)) - amplitude;
}

function clamp12(value: number): number {
  return Math.max(0, Math.min(4095, Math.round(value)));
}

/** Chest PA: u, v in [-1, 1] across the detector (u to the image right = patient left). */
function chestDensity(u: number, v: number): number {
  const torso = (u * u) / 0.8 + (v * v) / 1.1;
  if (torso > 1) return 120;
  let density = 1700;
  const inLung = (dx: number) =>
    ((u - dx) * (u - dx)) / (0.28 * 0.28) + ((v + 0.05) * (v + 0.05)) / (0.55 * 0.55) <= 1;
  if (inLung(0.33) || inLung(-0.33)) {
    density = 900;
    // Ribs: bands across the lung fields.
    const rib = Math.sin((v + 0.3 * u * u) * 28);
    if (rib > 0.75) density += 600;
  }
  const heart = ((u + 0.08) * (u + 0.08)) / (0.22 * 0.22) + ((v - 0.2) * (v - 0.2)) / (0.25 * 0.25);
  if (heart <= 1) density = Math.max(density, 2200);
  if (Math.abs(u) < 0.06) density = Math.max(density, 2700);
  const clavicle = Math.abs(v + 0.58 + 0.25 * Math.abs(u)) < 0.025 && Math.abs(u) < 0.5;
  if (clavicle) density = 2600;
  return density;
}

function renderChest(size: RadiographSize, salt: number): Uint16Array {
  const pixels = new Uint16Array(size.rows * size.columns);
  for (let row = 0; row < size.rows; row++) {
    const v = (2 * row) / (size.rows - 1) - 1;
    for (let col = 0; col < size.columns; col++) {
      const u = (2 * col) / (size.columns - 1) - 1;
      pixels[row * size.columns + col] = clamp12(chestDensity(u, v) + noise(salt, row, col, 12));
    }
  }
  return pixels;
}

/** MONOCHROME1 stores the inverse: the lowest value shows white. */
function invert12(pixels: Uint16Array): Uint16Array {
  return pixels.map((value) => 4095 - value);
}

/** Left wrist, posteroanterior, with a radiopaque "L" marker in the upper right corner. */
function renderWrist(size: RadiographSize, salt: number): Uint16Array {
  const pixels = new Uint16Array(size.rows * size.columns);
  for (let row = 0; row < size.rows; row++) {
    const v = row / size.rows;
    for (let col = 0; col < size.columns; col++) {
      const u = col / size.columns;
      let density = 200;
      const forearm = v > 0.45 && Math.abs(u - 0.5) < 0.22;
      const hand = v <= 0.45 && v > 0.05 && (u - 0.5) ** 2 / 0.09 + (v - 0.3) ** 2 / 0.08 <= 1;
      if (forearm || hand) density = 1200;
      const radius = v > 0.5 && Math.abs(u - 0.4) < 0.06;
      const ulna = v > 0.52 && Math.abs(u - 0.62) < 0.045;
      const carpal =
        v > 0.38 &&
        v < 0.5 &&
        Math.abs(u - 0.5) < 0.16 &&
        Math.sin(u * 90) * Math.sin(v * 90) > -0.2;
      const metacarpal =
        v > 0.12 && v < 0.38 && [0.36, 0.44, 0.52, 0.6, 0.68].some((c) => Math.abs(u - c) < 0.022);
      if (radius || ulna || carpal || metacarpal) density = 2600;
      const growthPlate = (radius || ulna) && Math.abs(v - 0.56) < 0.006;
      if (growthPlate) density = 1300;
      const marker =
        (u > 0.85 && u < 0.87 && v > 0.04 && v < 0.12) ||
        (u > 0.85 && u < 0.92 && v > 0.1 && v < 0.12);
      if (marker) density = 4000;
      pixels[row * size.columns + col] = clamp12(density + noise(salt, row, col, 10));
    }
  }
  return pixels;
}

export const DX_CHEST = { rows: 1024, columns: 1024, spacingMm: 0.35 } as const;
export const CR_CHEST = { rows: 1024, columns: 880, spacingMm: 0.4 } as const;
export const DX_WRIST = { rows: 640, columns: 512, spacingMm: 0.15 } as const;

export function dxChestPixels(): Uint16Array {
  return renderChest(DX_CHEST, 11);
}

/** Stored values of the MONOCHROME1 image (already inverted). */
export function crChestStoredPixels(): Uint16Array {
  return invert12(renderChest(CR_CHEST, 12));
}

export function dxWristPixels(): Uint16Array {
  return renderWrist(DX_WRIST, 13);
}
