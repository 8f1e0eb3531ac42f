import { createBridgeApi } from '../../shared/bridge/api';
import type { ContextBridgePort, IpcRendererPort } from './electron-ports';
import { createIpcTransport } from './ipc-transport';

/** The name the renderer finds the bridge under: `window.regard`. */
export const BRIDGE_GLOBAL = 'regard';

/** Exposes the contract-derived bridge, and nothing else, to the page. */
export function exposeBridge(contextBridge: ContextBridgePort, ipcRenderer: IpcRendererPort): void {
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridgeApi(createIpcTransport(ipcRenderer)));
}
