import type { BridgeTransport } from '../../shared/bridge/api';
import { ipcChannelName } from '../../shared/bridge/contract';
import { unwrapEnvelope } from '../../shared/bridge/envelope';
import type { IpcRendererListener, IpcRendererPort } from './electron-ports';

/**
 * The bridge transport over Electron IPC: one invoke per call, answered with an envelope; events
 * reach the listener without Electron's event object, which would hand the page `ipcRenderer`.
 */
export function createIpcTransport(ipcRenderer: IpcRendererPort): BridgeTransport {
  return {
    invoke: async (channel, request) =>
      unwrapEnvelope(await ipcRenderer.invoke(ipcChannelName(channel), request)),
    subscribe: (channel, listener) => {
      const name = ipcChannelName(channel);
      const forward: IpcRendererListener = (_event, payload) => listener(payload);
      ipcRenderer.on(name, forward);
      return () => {
        ipcRenderer.removeListener(name, forward);
      };
    },
  };
}
