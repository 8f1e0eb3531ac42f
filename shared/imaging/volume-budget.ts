/**
 * Whether a series can be reconstructed as a volume on this GPU: each dimension within the 3D
 * texture limit and the whole within the memory we allow it. Volumes use 32-bit float textures
 * (software GPUs lack 16-bit integer textures), so four bytes per voxel.
 */
export interface VolumeLimits {
  max3dTextureSize: number;
  budgetBytes: number;
}

export type VolumeFit =
  { fits: true; bytes: number } | { fits: false; bytes: number; reason: 'dimensions' | 'memory' };

export const BYTES_PER_VOXEL = 4;

export function volumeFit(
  size: { columns: number; rows: number; slices: number },
  limits: VolumeLimits,
): VolumeFit {
  const bytes = size.columns * size.rows * size.slices * BYTES_PER_VOXEL;
  if (Math.max(size.columns, size.rows, size.slices) > limits.max3dTextureSize) {
    return { fits: false, bytes, reason: 'dimensions' };
  }
  if (bytes > limits.budgetBytes) return { fits: false, bytes, reason: 'memory' };
  return { fits: true, bytes };
}
