import { join } from 'node:path';

export interface BundlePaths {
  /** The built renderer served at app://regard/. */
  renderer: string;
  preload: string;
}

/** Where the build puts the renderer and the preload, relative to the bundled main script. */
export function bundlePaths(bundleDir: string): BundlePaths {
  return { renderer: join(bundleDir, '..', 'renderer'), preload: join(bundleDir, 'preload.cjs') };
}
