import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeApiKeys, type RegardBridge } from '../../../shared/bridge/api';
import { invokeChannels, ipcChannelName } from '../../../shared/bridge/contract';
import { mainWindowOptions } from '../../../electron/main/app-windows';
import { privilegedSchemes } from '../../../electron/main/schemes';
import { startRegard } from '../../../electron/main/start';
import { exposeBridge } from '../../../electron/preload/expose-bridge';
import { ElectronDouble, type ElectronDoubleOptions } from '../../support/electron-double';
import { rendererFixture, tempDir } from './fixtures';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';

function launch(options: Partial<ElectronDoubleOptions> = {}) {
  const dir = tempDir();
  rendererFixture(dir);
  const double = new ElectronDouble({ userData: join(dir, 'userData'), ...options });
  const bundleDir = join(dir, 'electron');
  const started = startRegard(double.main, {
    bundleDir,
    env: { REGARD_POLICY_FILE: join(dir, 'no-policy.json') },
    platform: 'linux',
  });
  return { double, bundleDir, started, userData: join(dir, 'userData') };
}

async function launchReady(options: Partial<ElectronDoubleOptions> = {}) {
  const launched = launch(options);
  launched.double.app.becomeReady();
  const services = await launched.started;
  const window = launched.double.windows[0];
  if (!services || !window) throw new Error('Regard did not start');
  return { ...launched, services, window };
}

describe('startRegard before ready', () => {
  it('enables the sandbox for every renderer and registers the scheme privileges', () => {
    const { double } = launch();
    expect(double.app.sandboxEnabled).toBe(true);
    expect(double.protocol.privileged).toEqual(privilegedSchemes);
    expect(double.app.lockRequests).toBe(1);
  });

  it('opens nothing and serves nothing yet', () => {
    const { double } = launch();
    expect(double.windows).toHaveLength(0);
    expect(double.protocol.handlers.size).toBe(0);
    expect(double.ipcMain.handlers.size).toBe(0);
  });

  it('quits at once when another instance holds the lock', async () => {
    const { double, started } = launch({ anotherInstanceRunning: true });
    expect(double.app.quitRequests).toBe(1);
    double.app.becomeReady();
    expect(await started).toBeUndefined();
    expect(double.windows).toHaveLength(0);
    expect(double.ipcMain.handlers.size).toBe(0);
  });
});

describe('startRegard once ready', () => {
  it('opens one hardened window on the app page, with the bundled preload', async () => {
    const { window, bundleDir } = await launchReady();
    expect(window.options).toEqual(mainWindowOptions(join(bundleDir, 'preload.cjs')));
    expect(window.webContents.loads).toEqual([{ url: 'app://regard/index.html', status: 200 }]);
  });

  it('serves both schemes and every bridge channel', async () => {
    const { double } = await launchReady();
    expect([...double.protocol.handlers.keys()].sort()).toEqual(['app', 'pacs']);
    expect([...double.ipcMain.handlers.keys()]).toEqual(invokeChannels.map(ipcChannelName));
  });

  it('guards the window it opened', async () => {
    const { window } = await launchReady();
    expect(window.webContents.pageNavigates('https://evil.example/')).toBe(false);
    expect(window.webContents.serverRedirects('https://evil.example/')).toBe(false);
    expect(window.webContents.pageOpensWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(window.webContents.pageAttachesWebview('https://evil.example/')).toBe(false);
  });

  it('denies permissions on the session the window uses', async () => {
    const { window } = await launchReady();
    const session = window.webContents.session;
    expect(await session.requestPermission(window.webContents, 'media')).toBe(false);
    expect(session.checkPermission(window.webContents, 'notifications')).toBe(false);
  });

  it('gives the page a working bridge through the preload', async () => {
    const { double, window } = await launchReady();
    const page = double.renderer(window.webContents.mainFrame);
    exposeBridge(page.contextBridge, page.ipcRenderer);
    const bridge = page.mainWorld.regard as RegardBridge;
    expect(Object.keys(bridge)).toEqual(bridgeApiKeys());
    await expect(bridge.getAppInfo({})).resolves.toMatchObject({
      host: 'electron',
      version: '0.1.0',
    });
  });

  it('refuses the bridge to a frame inside the page', async () => {
    const { double, window } = await launchReady();
    const frame = double.renderer(window.webContents.mainFrame.addChild('app://regard/index.html'));
    exposeBridge(frame.contextBridge, frame.ipcRenderer);
    const error = await (frame.mainWorld.regard as RegardBridge)
      .getAppInfo({})
      .catch((e: unknown) => e);
    expect(bridgeFailureOf(error)).toEqual({
      code: 'refused',
      messageKey: 'errors.ipcSenderRefused',
    });
  });

  it('forwards host events to the page', async () => {
    const { double, window, services } = await launchReady();
    const page = double.renderer(window.webContents.mainFrame);
    exposeBridge(page.contextBridge, page.ipcRenderer);
    const received: unknown[] = [];
    (page.mainWorld.regard as RegardBridge).onSourceStatusChanged((payload) =>
      received.push(payload),
    );
    services.events.emit('sourceStatusChanged', { source: 'imaging', status: 'offline' });
    expect(received).toEqual([{ source: 'imaging', status: 'offline' }]);
  });

  it('brings its window forward when Regard is started again', async () => {
    const { double, window } = await launchReady();
    window.minimize();
    double.app.launchSecondInstance(['regard']);
    expect(window.isMinimized()).toBe(false);
    expect(window.focusCount).toBe(1);
  });

  it('quits when its window is closed', async () => {
    const { double, window } = await launchReady();
    window.close();
    expect(double.app.quitRequests).toBe(1);
  });
});

describe('startRegard with a broken configuration', () => {
  it('shows which key is wrong, quits, and opens nothing', async () => {
    const { double, started, userData } = launch();
    mkdirSync(userData, { recursive: true });
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ logLevel: 'loud' }));
    double.app.becomeReady();
    expect(await started).toBeUndefined();
    expect(double.dialog.errorBoxes).toHaveLength(1);
    expect(double.dialog.errorBoxes[0]?.content).toContain('logLevel');
    expect(double.dialog.errorBoxes[0]?.content).toContain('settings.json');
    expect(double.app.quitRequests).toBe(1);
    expect(double.windows).toHaveLength(0);
    expect(double.ipcMain.handlers.size).toBe(0);
  });
});
