import { describe, expect, it, vi } from 'vitest';
import { invokeChannels, ipcChannelName } from '../../../shared/bridge/contract';
import type { FramePort } from '../../../electron/main/electron-ports';
import { registerBridgeIpc } from '../../../electron/main/ipc';
import { ElectronDouble } from '../../support/electron-double';
import { spyHandlers, spyLogger, tempDir } from './fixtures';

const appFrame: FramePort = {
  url: 'app://regard/index.html',
  origin: 'app://regard',
  parent: null,
};
const refused = { ok: false, failure: { code: 'refused', messageKey: 'errors.ipcSenderRefused' } };

function setup() {
  const double = new ElectronDouble({ userData: tempDir() });
  const handlers = spyHandlers();
  const logger = spyLogger();
  registerBridgeIpc(double.ipcMain, handlers, logger);
  const search = (senderFrame: FramePort | null, ...args: unknown[]) =>
    double.ipcMain.invoke(ipcChannelName('searchPatients'), { senderFrame }, ...args);
  return { double, handlers, logger, search };
}

describe('registerBridgeIpc', () => {
  it('registers one handler per contract channel, on the contract channel names', () => {
    const { double } = setup();
    expect([...double.ipcMain.handlers.keys()]).toEqual(invokeChannels.map(ipcChannelName));
  });

  it('hands a valid call from the app main frame to the host handler', async () => {
    const { handlers, search } = setup();
    const answer = await search(appFrame, { text: 'DUPONT' });
    expect(answer).toEqual({ ok: true, value: { patients: [] } });
    expect(handlers.searchPatients).toHaveBeenCalledOnce();
    expect(handlers.searchPatients.mock.calls[0]?.[0]).toEqual({ text: 'DUPONT' });
  });

  it.each([
    ['no sender frame (it navigated or was destroyed)', null],
    ['a subframe of the app page', { ...appFrame, parent: appFrame }],
    [
      'a foreign origin',
      { url: 'https://evil.example/', origin: 'https://evil.example', parent: null },
    ],
    [
      'a foreign page claiming the app origin',
      { url: 'https://evil.example/', origin: 'app://regard', parent: null },
    ],
    ['an opaque origin at an app URL', { ...appFrame, origin: 'null' }],
    ['another app host', { url: 'app://other/index.html', origin: 'app://other', parent: null }],
    ['credentials in the URL', { ...appFrame, url: 'app://x@regard/index.html' }],
    ['a file URL', { url: 'file:///index.html', origin: 'file://', parent: null }],
  ])('refuses a call from %s before any handler runs', async (_case, frame) => {
    const { handlers, logger, search } = setup();
    expect(await search(frame as FramePort | null, { text: 'DUPONT' })).toEqual(refused);
    expect(handlers.searchPatients).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith('ipc.refused', {
      channel: 'searchPatients',
      reason: 'sender',
    });
  });

  it('never logs the payload of a refused call', async () => {
    const { logger, search } = setup();
    await search(null, { text: 'DUPONT Marie 1850575123456' });
    expect(JSON.stringify(vi.mocked(logger.warn).mock.calls)).not.toContain('DUPONT');
  });

  it.each([
    ['a payload that does not match the contract', [{ text: 42 }]],
    ['an unknown field', [{ text: '', injected: true }]],
    ['no payload', []],
    ['two payloads', [{ text: '' }, { text: '' }]],
  ])('refuses %s before the handler', async (_case, args) => {
    const { handlers, search } = setup();
    const answer = await search(appFrame, ...args);
    expect(answer).toMatchObject({ ok: false, failure: { code: 'invalid-request' } });
    expect(handlers.searchPatients).not.toHaveBeenCalled();
  });
});
