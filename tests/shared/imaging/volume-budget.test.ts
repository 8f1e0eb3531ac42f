import { describe, expect, it } from 'vitest';
import { BYTES_PER_VOXEL, volumeFit } from '../../../shared/imaging/volume-budget';

const MIB = 1024 * 1024;
const limits = { max3dTextureSize: 2048, budgetBytes: 512 * MIB };

describe('volumeFit', () => {
  it('counts four bytes per voxel', () => {
    expect(BYTES_PER_VOXEL).toBe(4);
    expect(volumeFit({ columns: 512, rows: 512, slices: 300 }, limits)).toEqual({
      fits: true,
      bytes: 512 * 512 * 300 * 4,
    });
  });

  it('fits a volume at the exact texture size and memory budget', () => {
    expect(volumeFit({ columns: 2048, rows: 1, slices: 1 }, limits).fits).toBe(true);
    // 512 x 512 x 512 x 4 bytes = 512 MiB exactly.
    expect(volumeFit({ columns: 512, rows: 512, slices: 512 }, limits)).toEqual({
      fits: true,
      bytes: 512 * MIB,
    });
  });

  it('refuses a volume over the memory budget', () => {
    expect(volumeFit({ columns: 512, rows: 512, slices: 513 }, limits)).toEqual({
      fits: false,
      bytes: 512 * 512 * 513 * 4,
      reason: 'memory',
    });
  });

  it.each([
    ['columns', { columns: 2049, rows: 16, slices: 16 }],
    ['rows', { columns: 16, rows: 2049, slices: 16 }],
    ['slices', { columns: 16, rows: 16, slices: 2049 }],
  ])('refuses too many %s for a 3D texture, even within the budget', (_, size) => {
    const fit = volumeFit(size, limits);
    expect(fit).toEqual({ fits: false, bytes: 16 * 16 * 2049 * 4, reason: 'dimensions' });
    expect(fit.bytes).toBeLessThan(limits.budgetBytes);
  });

  it('reports dimensions first when both limits are exceeded', () => {
    expect(volumeFit({ columns: 4096, rows: 4096, slices: 4096 }, limits)).toMatchObject({
      fits: false,
      reason: 'dimensions',
    });
  });

  it('follows the limits it is given', () => {
    const size = { columns: 512, rows: 512, slices: 300 };
    expect(volumeFit(size, { max3dTextureSize: 256, budgetBytes: 1e12 })).toMatchObject({
      reason: 'dimensions',
    });
    expect(volumeFit(size, { max3dTextureSize: 4096, budgetBytes: 100 * MIB })).toMatchObject({
      reason: 'memory',
    });
  });
});
