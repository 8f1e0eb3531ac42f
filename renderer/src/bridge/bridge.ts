import { createBridgeApi, type RegardBridge } from '../../../shared/bridge/api';
import { createHttpTransport } from './http-transport';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent when the browser host serves the app. */
    readonly regard?: RegardBridge;
  }
}

/** The bridge to the host: Electron's preload API when present, otherwise the browser host's. */
export const bridge: RegardBridge =
  window.regard ?? createBridgeApi(createHttpTransport(new URL('./', window.location.href).href));
