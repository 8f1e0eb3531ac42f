import { describe, expect, it } from 'vitest';
import { AppWindows, mainWindowOptions } from '../../../electron/main/app-windows';
import { ElectronDouble, type BrowserWindowDouble } from '../../support/electron-double';
import { tempDir } from './fixtures';

function setup() {
  const double = new ElectronDouble({ userData: tempDir() });
  double.app.becomeReady();
  double.protocol.handle('app', () => new Response('<!doctype html>'));
  const windows = new AppWindows(double.BrowserWindow, '/bundle/preload.cjs');
  return { double, windows };
}

describe('mainWindowOptions', () => {
  it('sets every hardening flag of the Electron security checklist', () => {
    expect(mainWindowOptions('/bundle/preload.cjs').webPreferences).toEqual({
      preload: '/bundle/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('AppWindows', () => {
  it('opens a window on app://regard/index.html with those options and shows it when ready', async () => {
    const { double, windows } = setup();
    await windows.open();
    const [window] = double.windows;
    expect(window?.options).toEqual(mainWindowOptions('/bundle/preload.cjs'));
    expect(window?.webContents.loads).toEqual([{ url: 'app://regard/index.html', status: 200 }]);
    await expect.poll(() => window?.visible).toBe(true);
  });

  it('sends events to its open windows showing the app page, and to nothing else', async () => {
    const { double, windows } = setup();
    await windows.open();
    await windows.open();
    const [kept, navigatedAway] = double.windows;
    if (!kept || !navigatedAway) throw new Error('two windows expected');
    const stranger = new double.BrowserWindow({});
    await stranger.loadURL('app://regard/index.html');
    const received: string[] = [];
    const listen = (name: string, window: BrowserWindowDouble) =>
      double
        .renderer(window.webContents.mainFrame)
        .ipcRenderer.on('regard:x', () => received.push(name));
    listen('kept', kept);
    listen('navigated away', navigatedAway);
    listen('not opened by AppWindows', stranger);

    // The guard forbids this navigation; the check on sending is the second lock.
    navigatedAway.webContents.pageNavigates('https://evil.example/');
    windows.send('regard:x', { status: 'online' });
    expect(received).toEqual(['kept']);

    kept.close();
    received.length = 0;
    expect(() => windows.send('regard:x', {})).not.toThrow();
    expect(received).toEqual([]);
  });

  it('brings the window back when asked, restoring it if minimised', async () => {
    const { double, windows } = setup();
    await windows.open();
    const [window] = double.windows;
    window?.minimize();
    windows.focus();
    expect(window?.isMinimized()).toBe(false);
    expect(window?.focusCount).toBe(1);
  });

  it('does nothing when asked to focus before any window exists', () => {
    const { windows } = setup();
    expect(() => windows.focus()).not.toThrow();
  });
});
