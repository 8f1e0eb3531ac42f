import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * Bundles a module of this folder for a page, as one script to hand to `page.evaluate`. Tests
 * drive the cache's real code in Chromium this way without any hook in the app's own bundle:
 * evaluating through the DevTools protocol is not subject to the page's CSP, and the code runs on
 * the app's origin, with its IndexedDB and its bridge to the host.
 */
export async function pageScript(module: 'cache-probe' | 'cache-bench-page'): Promise<string> {
  const result = await build({
    entryPoints: [resolve(import.meta.dirname, `${module}.ts`)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2023',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${module}`);
  return output.text;
}
