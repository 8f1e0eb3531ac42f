// Bundles the Electron main process and the preload into dist/electron/ (or the folder given as
// the first argument). Everything but Electron and Node's own modules is inlined, so the packaged
// app needs no node_modules and the sandboxed preload requires nothing but 'electron'.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = resolve(root, process.argv[2] ?? 'dist/electron');

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const mainFile = join(outDir, 'main.cjs');
const preloadFile = join(outDir, 'preload.cjs');

const [main, preload] = await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: mainFile,
    platform: 'node',
    target: 'node22',
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: preloadFile,
    // Not 'node': a sandboxed preload has no Node built-ins, so one slipping in must fail here.
    platform: 'browser',
    target: 'es2023',
  }),
]);

function externalImports(result) {
  return Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
}

async function requiredArguments(file) {
  const code = await readFile(file, 'utf8');
  return [...code.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((match) => match[1].trim());
}

const strayPreload = [
  ...externalImports(preload).filter((path) => path !== 'electron'),
  ...(await requiredArguments(preloadFile)).filter((argument) => argument !== '"electron"'),
];
if (strayPreload.length > 0) {
  throw new Error(`${preloadFile} requires more than electron: ${strayPreload.join(', ')}`);
}

const strayMain = externalImports(main).filter(
  (path) => path !== 'electron' && !path.startsWith('node:') && !isBuiltin(path),
);
if (strayMain.length > 0) {
  throw new Error(`${mainFile} leaves packages outside the bundle: ${strayMain.join(', ')}`);
}
