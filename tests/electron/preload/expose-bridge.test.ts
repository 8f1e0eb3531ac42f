import { describe, expect, it } from 'vitest';
import { bridgeApiKeys, type RegardBridge } from '../../../shared/bridge/api';
import { ipcChannelName } from '../../../shared/bridge/contract';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import { BRIDGE_GLOBAL, exposeBridge } from '../../../electron/preload/expose-bridge';
import { ElectronDouble } from '../../support/electron-double';
import { tempDir } from '../main/fixtures';

function pageWithBridge(contextIsolation = true) {
  const double = new ElectronDouble({ userData: tempDir() });
  double.app.becomeReady();
  const window = new double.BrowserWindow({ webPreferences: { contextIsolation } });
  window.webContents.mainFrame.commitNavigation('app://regard/index.html');
  const renderer = double.renderer(window.webContents.mainFrame);
  exposeBridge(renderer.contextBridge, renderer.ipcRenderer);
  return { double, window, ...renderer };
}

describe('exposeBridge', () => {
  it('exposes window.regard and nothing else', () => {
    const { mainWorld } = pageWithBridge();
    expect(BRIDGE_GLOBAL).toBe('regard');
    expect(Object.keys(mainWorld)).toEqual(['regard']);
  });

  it('exposes exactly the API derived from the contract', () => {
    const { mainWorld } = pageWithBridge();
    expect(Object.keys(mainWorld.regard as object)).toEqual(bridgeApiKeys());
  });

  it('parses the request in the preload before it reaches IPC', async () => {
    const { double, mainWorld } = pageWithBridge();
    let reached = false;
    double.ipcMain.handle(ipcChannelName('searchPatients'), () => {
      reached = true;
      return { ok: true, value: { patients: [] } };
    });
    const bridge = mainWorld.regard as RegardBridge;
    await expect(bridge.searchPatients({ text: 42 } as never)).rejects.toThrow();
    expect(reached).toBe(false);
  });

  it('reaches the page with failures as copied errors that keep their failure', async () => {
    const { double, mainWorld } = pageWithBridge();
    double.ipcMain.handle(ipcChannelName('getAppInfo'), () => ({
      ok: false,
      failure: { code: 'refused', messageKey: 'errors.ipcSenderRefused' },
    }));
    const error = await (mainWorld.regard as RegardBridge).getAppInfo({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(bridgeFailureOf(error)).toEqual({
      code: 'refused',
      messageKey: 'errors.ipcSenderRefused',
    });
  });

  it('cannot run without context isolation (the double holds Electron to it)', () => {
    expect(() => pageWithBridge(false)).toThrow(/contextIsolation/);
  });
});
