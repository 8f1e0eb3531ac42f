import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadWorkstationConfig } from '../host/config/load-config';
import { createHostServices } from '../host/host-services';
import { startBrowserHost, type RunningBrowserHost } from './server';

export interface BrowserHostLaunch {
  env: NodeJS.ProcessEnv;
  rendererDir: string;
  version: string;
}

/** The browser host's data folder: the journal and logs, kept per user like Electron's userData. */
export function browserHostDataDir(env: NodeJS.ProcessEnv): string {
  return resolve(
    env.REGARD_DATA_DIR ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'regard'),
  );
}

/** Loads the configuration exactly as Electron's main does and serves the workstation. */
export async function launchBrowserHost(launch: BrowserHostLaunch): Promise<RunningBrowserHost> {
  const dataDir = browserHostDataDir(launch.env);
  const config = loadWorkstationConfig(dataDir, launch.env, process.platform);
  const services = createHostServices({
    config,
    dataDir,
    hostKind: 'browser',
    version: launch.version,
    logToConsole: launch.env.REGARD_LOG_CONSOLE === '1',
  });
  await services.ready;
  const host = await startBrowserHost({
    services,
    rendererDir: launch.rendererDir,
    port: config.browserHost.port,
  });
  return {
    url: host.url,
    close: async () => {
      await host.close();
      await services.close();
    },
  };
}

export { ConfigError };
