import { join } from 'node:path';
import { ipcChannelName } from '../../shared/bridge/contract';
import { loadWorkstationConfig } from '../host/config/load-config';
import { createHostServices, type HostServices } from '../host/host-services';
import { createAppProtocolHandler } from './app-protocol';
import { AppWindows } from './app-windows';
import { bundlePaths, type BundlePaths } from './bundle-paths';
import type { ElectronMainPorts } from './electron-ports';
import { registerBridgeIpc } from './ipc';
import { createPacsProtocolHandler } from './pacs-protocol';
import { SafeStorageCacheKeyStore } from './safe-storage-key-store';
import { APP_ORIGIN, APP_SCHEME, PACS_SCHEME, registerPrivilegedSchemes } from './schemes';
import { notifyNewDocuments } from './desktop-notifications';
import { denyAllPermissions } from './session-permissions';
import { reportStartupFailure } from './startup-failure';
import { guardWebContents } from './web-contents-guard';

export interface StartOptions {
  /** The folder of the bundled main script, where the preload lies and next to the renderer. */
  bundleDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

async function openWorkstation(
  { app, ipcMain, Notification, protocol, safeStorage, session, shell }: ElectronMainPorts,
  options: StartOptions,
  paths: BundlePaths,
  windows: AppWindows,
): Promise<HostServices> {
  const dataDir = app.getPath('userData');
  const config = loadWorkstationConfig(dataDir, options.env, options.platform);
  const services = createHostServices({
    config,
    dataDir,
    hostKind: 'electron',
    version: app.getVersion(),
    // The provider's page opens in the system browser, never in a view of the app.
    openExternal: (url) => {
      if (!/^https?:\/\//.test(url)) return Promise.reject(new Error('not a web page'));
      return shell.openExternal(url);
    },
    cacheKeys: new SafeStorageCacheKeyStore({
      safeStorage,
      file: join(dataDir, 'keys', 'cache-key.wrapped'),
      platform: options.platform,
      clearSealedData: () =>
        session.defaultSession.clearStorageData({ origin: APP_ORIGIN, storages: ['indexdb'] }),
    }),
    journalKeys: new SafeStorageCacheKeyStore({
      safeStorage,
      file: join(dataDir, 'keys', 'journal-key.wrapped'),
      platform: options.platform,
      // The journal's notes stay in the journal: a lost key only makes them unreadable.
      clearSealedData: async () => undefined,
    }),
  });
  await services.ready;

  // Everything that guards the page is in place before the first window exists.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, services.logger));
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer));
  protocol.handle(PACS_SCHEME, createPacsProtocolHandler(services.gateway, services.logger));
  registerBridgeIpc(ipcMain, services.handlers, services.logger);
  services.events.subscribe((channel, payload) => windows.send(ipcChannelName(channel), payload));
  services.events.subscribe(
    notifyNewDocuments(Notification, app.getLocale(), () => windows.focus()),
  );

  await windows.open();
  return services;
}

/**
 * Starts the workstation: what Electron only accepts before `ready` (sandbox, scheme privileges)
 * first, then one instance only, then the host services, the guards, the schemes, the bridge and
 * the window once ready. Resolves with the running host services, or undefined when Regard quits
 * instead (another instance runs, or it cannot start).
 */
export async function startRegard(
  electron: ElectronMainPorts,
  options: StartOptions,
): Promise<HostServices | undefined> {
  const { app, dialog } = electron;
  app.enableSandbox();
  registerPrivilegedSchemes(electron.protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  const paths = bundlePaths(options.bundleDir);
  const windows = new AppWindows(electron.BrowserWindow, paths.preload);
  app.on('second-instance', () => windows.focus());
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  try {
    return await openWorkstation(electron, options, paths, windows);
  } catch (error) {
    reportStartupFailure(app, dialog, error);
    return undefined;
  }
}
