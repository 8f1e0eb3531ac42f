import { describe, expect, it } from 'vitest';
import { ipcChannelName } from '../../../shared/bridge/contract';
import { BridgeCallError } from '../../../shared/bridge/envelope';
import { createIpcTransport } from '../../../electron/preload/ipc-transport';
import { ElectronDouble } from '../../support/electron-double';
import { tempDir } from '../main/fixtures';

function page() {
  const double = new ElectronDouble({ userData: tempDir() });
  double.app.becomeReady();
  const window = new double.BrowserWindow({});
  window.webContents.mainFrame.commitNavigation('app://regard/index.html');
  const { ipcRenderer } = double.renderer(window.webContents.mainFrame);
  return { double, window, ipcRenderer, transport: createIpcTransport(ipcRenderer) };
}

describe('createIpcTransport', () => {
  it('invokes on the contract channel name and returns the envelope value', async () => {
    const { double, transport } = page();
    const seen: unknown[] = [];
    double.ipcMain.handle(ipcChannelName('searchPatients'), (_event, ...args) => {
      seen.push(args);
      return { ok: true, value: { patients: [] } };
    });
    await expect(transport.invoke('searchPatients', { text: 'x' })).resolves.toEqual({
      patients: [],
    });
    expect(seen).toEqual([[{ text: 'x' }]]);
  });

  it('turns a failure envelope into a BridgeCallError with its code and message key', async () => {
    const { double, transport } = page();
    double.ipcMain.handle(ipcChannelName('getAppInfo'), () => ({
      ok: false,
      failure: { code: 'refused', messageKey: 'errors.ipcSenderRefused' },
    }));
    const error = await transport.invoke('getAppInfo', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeCallError);
    expect(error).toMatchObject({ code: 'refused', messageKey: 'errors.ipcSenderRefused' });
  });

  it('refuses an answer that is not an envelope', async () => {
    const { double, transport } = page();
    double.ipcMain.handle(ipcChannelName('getAppInfo'), () => ({ version: 'x' }));
    await expect(transport.invoke('getAppInfo', {})).rejects.toMatchObject({
      code: 'internal',
      messageKey: 'errors.malformedHostAnswer',
    });
  });

  it('hands event payloads to the listener without the IPC event object', () => {
    const { window, transport } = page();
    const received: unknown[][] = [];
    transport.subscribe('sourceStatusChanged', (...args) => received.push(args));
    window.webContents.send(ipcChannelName('sourceStatusChanged'), {
      source: 'records',
      status: 'online',
    });
    expect(received).toEqual([[{ source: 'records', status: 'online' }]]);
  });

  it('stops listening when unsubscribed', () => {
    const { window, ipcRenderer, transport } = page();
    const received: unknown[] = [];
    const unsubscribe = transport.subscribe('sourceStatusChanged', (payload) =>
      received.push(payload),
    );
    unsubscribe();
    window.webContents.send(ipcChannelName('sourceStatusChanged'), {
      source: 'records',
      status: 'online',
    });
    expect(received).toEqual([]);
    expect(ipcRenderer.listenerCount(ipcChannelName('sourceStatusChanged'))).toBe(0);
  });
});
