import type { VolumeLimits } from '../../../../shared/imaging/volume-budget';

/** Memory we let one reconstructed volume take on the GPU. */
const VOLUME_BUDGET_BYTES = 1024 ** 3;

let limits: VolumeLimits | undefined;

/** The GPU's 3D texture limit, read once from a throwaway WebGL2 context. */
export function volumeLimits(): VolumeLimits {
  if (limits) return limits;
  const gl = document.createElement('canvas').getContext('webgl2');
  const max3dTextureSize = gl ? Number(gl.getParameter(gl.MAX_3D_TEXTURE_SIZE)) : 0;
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  limits = { max3dTextureSize, budgetBytes: VOLUME_BUDGET_BYTES };
  return limits;
}
