import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { browserHostDataDir, launchBrowserHost } from '../electron/browser-host/main';
import { ConfigError, loadWorkstationConfig } from '../electron/host/config/load-config';
import { startDemoTestbed, type DemoTestbed } from '../tests/testbed/demo-testbed';

/**
 * `npm start`: the workstation on the configured sources, or on the built-in demo test bed when
 * none is configured; in Electron's window where its runtime is installed, otherwise through the
 * browser host.
 */
const root = resolve(import.meta.dirname, '..');
const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/**
 * The Electron binary's path, fetching the runtime first when the package was installed without
 * it (npm does not run its install script by default); undefined when it cannot be had.
 */
function electronBinary(): string | undefined {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
      stdio: 'ignore',
      timeout: 180_000,
    });
    if (install.status !== 0 || !existsSync(pathFile)) return undefined;
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function isConfigured(env: NodeJS.ProcessEnv): boolean {
  const config = loadWorkstationConfig(browserHostDataDir(env), env, process.platform);
  return config.records !== null || config.imaging.length > 0;
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  let testbed: DemoTestbed | undefined;
  if (!isConfigured(env)) {
    console.log('Regard: no source configured, starting the built-in demo (fictitious patients)…');
    testbed = await startDemoTestbed({ log: (line) => console.log(`  ${line}`) });
    Object.assign(env, testbed.env);
  }

  const stopAll: (() => Promise<void>)[] = [];
  if (testbed) stopAll.push(testbed.stop);
  const shutdown = async () => {
    for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const electron = electronBinary();
  if (electron) {
    const child = spawn(electron, [root], { env, stdio: 'inherit' });
    child.once('exit', () => void shutdown());
    return;
  }

  console.log(
    'Regard: the Electron runtime is not installed on this machine, so the same workstation is served by the browser host instead.',
  );
  const host = await launchBrowserHost({
    env,
    rendererDir: join(root, 'dist', 'renderer'),
    version,
  });
  stopAll.push(host.close);
  console.log(`Regard: open ${host.url} in Chromium or another browser (Ctrl+C to stop).`);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? `Regard: the configuration cannot be used: ${error.message}`
      : `Regard could not start: ${(error as Error).message}`,
  );
  process.exit(1);
});
