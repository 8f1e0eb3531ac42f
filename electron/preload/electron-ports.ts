/*
 * The slices of Electron's renderer-side API the preload uses. preload.ts passes the real modules,
 * and the compiler checks that they fit; tests pass the double.
 */

export type IpcRendererListener = (event: unknown, ...args: unknown[]) => void;

export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcRendererListener): unknown;
  removeListener(channel: string, listener: IpcRendererListener): unknown;
}

export interface ContextBridgePort {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}
