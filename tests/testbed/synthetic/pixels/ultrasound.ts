import { hash3 } from '../prng';

/** B-mode sector with a breathing gallbladder and a pulsatile colour-Doppler box; RGB, 8 bits, pixel-interleaved. */

export const ULTRASOUND_GEOMETRY = {
  rows: 384,
  columns: 512,
  frameCount: 30,
  frameTimeMs: 33.333,
} as const;

export function renderUltrasoundFrame(frameIndex: number): Uint8Array {
  const { rows, columns, frameCount } = ULTRASOUND_GEOMETRY;
  const rgb = new Uint8Array(rows * columns * 3);
  const apex = { row: 16, col: columns / 2 };
  const phase = (2 * Math.PI * frameIndex) / frameCount;
  const breathing = Math.sin(phase) * 8;
  const pulse = 0.5 + 0.5 * Math.sin(phase * 3);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < columns; col++) {
      const dy = row - apex.row;
      const dx = col - apex.col;
      const depth = Math.sqrt(dx * dx + dy * dy);
      const angle = Math.atan2(dx, dy);
      const offset = (row * columns + col) * 3;
      if (dy <= 0 || depth > 360 || Math.abs(angle) > 0.7) continue;
      // Speckle in 2x2 blocks, fixed to tissue so it moves with breathing.
      const speckle = hash3(7, (row - Math.round(breathing)) >> 1, col >> 1) % 60;
      let gray = 70 + speckle - depth / 12;
      const gallbladder = (col - 300) ** 2 / 2500 + (row - 200 - breathing) ** 2 / 900 <= 1;
      if (gallbladder) gray = 6 + (speckle >> 3);
      const value = Math.max(0, Math.min(255, Math.round(gray)));
      rgb[offset] = value;
      rgb[offset + 1] = value;
      rgb[offset + 2] = value;
      const vessel = Math.abs(row - 130 - col * 0.15) < 6 && col > 170 && col < 260;
      if (vessel) {
        const towards = col < 215;
        const intensity = Math.round(120 + 120 * pulse);
        rgb[offset] = towards ? intensity : 20;
        rgb[offset + 1] = 20;
        rgb[offset + 2] = towards ? 20 : intensity;
      }
    }
  }
  // Depth ticks every 1 cm (40 px) on the right of the sector.
  for (let row = apex.row; row < rows; row += 40) {
    for (let col = columns - 24; col < columns - 16; col++)
      rgb.fill(230, (row * columns + col) * 3, (row * columns + col) * 3 + 3);
  }
  return rgb;
}
