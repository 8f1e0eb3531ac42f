import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  WindowOpenHandlerResponse,
} from 'electron';

/*
 * The slices of Electron's main-process API that Regard uses, named by what it needs. Modules take
 * them as parameters so that the test double can stand in for Electron; main.ts passes the real
 * modules, and the compiler checks that they fit.
 */

/* eslint-disable @typescript-eslint/unified-signatures -- Electron declares one overload per
   event; a signature taking a union of event names would match none of them. */

export interface PreventableEvent {
  preventDefault(): void;
}

export interface FramePort {
  readonly url: string;
  /** The frame's security origin as Chromium computes it, `null` for opaque origins. */
  readonly origin: string;
  readonly parent: FramePort | null;
}

export interface IpcInvokeEventPort {
  /** Null when the frame navigated or was destroyed before the call was handled. */
  readonly senderFrame: FramePort | null;
}

export interface IpcMainPort {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventPort, ...args: unknown[]) => unknown,
  ): void;
}

export interface WebContentsPort {
  on(event: 'will-navigate', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: () => WindowOpenHandlerResponse): void;
  send(channel: string, ...args: unknown[]): void;
  getURL(): string;
  isDestroyed(): boolean;
}

export interface BrowserWindowPort {
  readonly webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

export type BrowserWindowConstructorPort = new (
  options: BrowserWindowConstructorOptions,
) => BrowserWindowPort;

export interface AppPort {
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  getVersion(): string;
  getLocale(): string;
  quit(): void;
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: WebContentsPort) => void,
  ): unknown;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

export interface ProtocolPort {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface SessionPort {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  clearStorageData(options: { origin: string; storages: 'indexdb'[] }): Promise<void>;
}

export interface SessionModulePort {
  readonly defaultSession: SessionPort;
}

export interface DialogPort {
  showErrorBox(title: string, content: string): void;
}

/**
 * safeStorage, asynchronous calls only (Electron 45 deprecates the synchronous ones, 46 drops
 * them). `getSelectedStorageBackend` exists on Linux only.
 */
export interface SafeStoragePort {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend?(): string;
}

/** A desktop notification, shown by the main process (the page's own are denied). */
export interface NotificationPort {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export type NotificationConstructorPort = new (options: {
  title: string;
  body: string;
  silent?: boolean;
}) => NotificationPort;

/** Everything the main process takes from Electron. */
/** Electron's shell: only opening a web page in the system browser is used (the login page). */
export interface ShellPort {
  openExternal(url: string): Promise<void>;
}

export interface ElectronMainPorts {
  readonly Notification: NotificationConstructorPort;
  readonly shell: ShellPort;
  readonly app: AppPort;
  readonly BrowserWindow: BrowserWindowConstructorPort;
  readonly dialog: DialogPort;
  readonly ipcMain: IpcMainPort;
  readonly protocol: ProtocolPort;
  readonly safeStorage: SafeStoragePort;
  readonly session: SessionModulePort;
}
