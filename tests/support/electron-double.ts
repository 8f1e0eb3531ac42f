import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type {
  AppPort,
  BrowserWindowConstructorPort,
  BrowserWindowPort,
  DialogPort,
  ElectronMainPorts,
  FramePort,
  IpcInvokeEventPort,
  IpcMainPort,
  PreventableEvent,
  ProtocolPort,
  SafeStoragePort,
  SessionPort,
  WebContentsPort,
} from '../../electron/main/electron-ports';
import type { ContextBridgePort, IpcRendererPort } from '../../electron/preload/electron-ports';

/*
 * A stand-in for Electron, written from its documentation and its own source
 * (lib/browser/api/protocol.ts, the IPC and context bridge modules), for what Regard's main process
 * and preload use. It keeps Electron's rules where breaking them is a bug: privileged schemes and
 * the sandbox switch only before `ready`, protocol handlers and windows only after, one handler
 * per IPC channel, Requests handed to scheme handlers without an abort signal, IPC arguments
 * structured-cloned, values crossing the context bridge copied (errors keep only their message),
 * permissions granted when no handler says otherwise. It never pretends to render a page.
 */

export type BrowserWindowOptions = ConstructorParameters<BrowserWindowConstructorPort>[0];
export type CustomScheme = Parameters<ProtocolPort['registerSchemesAsPrivileged']>[0][number];
type SchemePrivileges = NonNullable<CustomScheme['privileges']>;
type WindowOpenResponse = ReturnType<Parameters<WebContentsPort['setWindowOpenHandler']>[0]>;
type ProtocolHandler = Parameters<ProtocolPort['handle']>[1];
type PermissionRequestHandler = Parameters<SessionPort['setPermissionRequestHandler']>[0];

/** The details Electron hands to a window-open handler. */
export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
}
type WindowOpenHandler = (details: WindowOpenDetails) => WindowOpenResponse;
type PermissionCheckHandler = (
  webContents: WebContentsDouble | null,
  permission: string,
  requestingOrigin: string,
) => boolean;
type DevicePermissionHandler = (details: { deviceType: string; origin: string }) => boolean;

/** Chromium's net error codes the protocol layer answers with. */
const NetError = { failed: -2, unexpected: -9, unknownUrlScheme: -302 } as const;

/** Electron's Event: the params, plus `preventDefault()` and the `defaultPrevented` it sets. */
function preventable<P extends object>(
  params: P,
): P & PreventableEvent & { readonly defaultPrevented: boolean } {
  let prevented = false;
  return Object.defineProperties(params, {
    preventDefault: {
      value: () => {
        prevented = true;
      },
    },
    defaultPrevented: { get: () => prevented },
  }) as P & PreventableEvent & { readonly defaultPrevented: boolean };
}

// --- frames ----------------------------------------------------------------------------------

export class FrameDouble implements FramePort {
  readonly #double: ElectronDouble;
  readonly parent: FrameDouble | null;
  readonly webContents: WebContentsDouble;
  readonly frames: FrameDouble[] = [];
  #url: string;
  #detached = false;

  constructor(
    double: ElectronDouble,
    webContents: WebContentsDouble,
    url: string,
    parent: FrameDouble | null,
  ) {
    this.#double = double;
    this.webContents = webContents;
    this.#url = url;
    this.parent = parent;
  }

  get url(): string {
    return this.#url;
  }

  /** As Chromium computes it: scheme://host for http(s) and standard schemes, `null` otherwise. */
  get origin(): string {
    return this.#double.originOf(this.#url);
  }

  get detached(): boolean {
    return this.#detached;
  }

  /** An iframe of this frame's document. */
  addChild(url: string): FrameDouble {
    const child = new FrameDouble(this.#double, this.webContents, url, this);
    this.frames.push(child);
    return child;
  }

  /** A new document in this frame: its subframes go away with the old one. */
  commitNavigation(url: string): void {
    this.#url = url;
    for (const child of this.frames.splice(0)) child.detach();
  }

  detach(): void {
    this.#detached = true;
    for (const child of this.frames.splice(0)) child.detach();
  }
}

// --- web contents ----------------------------------------------------------------------------

export class WebContentsDouble extends EventEmitter implements WebContentsPort {
  static #nextId = 1;
  readonly id = WebContentsDouble.#nextId++;
  readonly #double: ElectronDouble;
  readonly mainFrame: FrameDouble;
  readonly webPreferences: BrowserWindowOptions['webPreferences'];
  /** Renderer-side IPC endpoints of the frames of this contents, as the preload sees them. */
  readonly renderers = new Set<IpcRendererDouble>();
  windowOpenHandler: WindowOpenHandler | undefined;
  /** Every page load and how the scheme handler answered it. */
  readonly loads: { url: string; status: number }[] = [];
  #destroyed = false;

  constructor(double: ElectronDouble, webPreferences: BrowserWindowOptions['webPreferences']) {
    super();
    this.#double = double;
    this.webPreferences = webPreferences;
    this.mainFrame = new FrameDouble(double, this, '', null);
  }

  get session(): SessionDouble {
    return this.#double.session.defaultSession;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
    const cloned = structuredClone(args);
    for (const renderer of this.renderers) {
      if (renderer.frame === this.mainFrame) renderer.deliver(channel, cloned);
    }
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** Programmatic load: raises no will-navigate (as documented); the scheme's handler answers. */
  async loadURL(url: string): Promise<void> {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
    const answer = await this.#double.protocol.request(url, { mode: 'navigate' });
    if ('error' in answer) throw new Error(`net error ${answer.error} loading '${url}'`);
    answer.body?.resume();
    this.loads.push({ url, status: answer.status });
    this.mainFrame.commitNavigation(url);
  }

  /** The page (or the user) starts a navigation; true when it went ahead. */
  pageNavigates(url: string, frame: FrameDouble = this.mainFrame): boolean {
    const isMainFrame = frame === this.mainFrame;
    const params = () => ({ url, isSameDocument: false, isMainFrame, frame, initiator: frame });
    const frameEvent = preventable(params());
    this.emit('will-frame-navigate', frameEvent);
    if (frameEvent.defaultPrevented) return false;
    if (isMainFrame) {
      const event = preventable(params());
      this.emit('will-navigate', event, url, false, isMainFrame, 1, 1);
      if (event.defaultPrevented) return false;
    }
    frame.commitNavigation(url);
    return true;
  }

  /** The server answers a navigation with a redirect; true when it was followed. */
  serverRedirects(url: string, frame: FrameDouble = this.mainFrame): boolean {
    const isMainFrame = frame === this.mainFrame;
    const event = preventable({ url, isSameDocument: false, isMainFrame, frame, initiator: null });
    this.emit('will-redirect', event, url, false, isMainFrame, 1, 1);
    if (event.defaultPrevented) return false;
    frame.commitNavigation(url);
    return true;
  }

  /** `window.open` or a target=_blank link: Electron allows it when no handler is set. */
  pageOpensWindow(url: string): WindowOpenResponse {
    const details: WindowOpenDetails = {
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
    };
    return this.windowOpenHandler?.(details) ?? { action: 'allow' };
  }

  /** A `<webview>` in the page; true when it was attached. */
  pageAttachesWebview(src: string): boolean {
    const event = preventable({});
    this.emit('will-attach-webview', event, { ...this.webPreferences }, { src });
    return !event.defaultPrevented;
  }

  destroy(): void {
    this.#destroyed = true;
    this.mainFrame.detach();
    this.emit('destroyed');
  }
}

// --- windows ---------------------------------------------------------------------------------

export class BrowserWindowDouble extends EventEmitter implements BrowserWindowPort {
  readonly #double: ElectronDouble;
  readonly options: BrowserWindowOptions;
  readonly webContents: WebContentsDouble;
  visible = false;
  focusCount = 0;
  #minimized = false;
  #destroyed = false;

  constructor(double: ElectronDouble, options: BrowserWindowOptions) {
    super();
    if (!double.app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.#double = double;
    this.options = options;
    this.webContents = new WebContentsDouble(double, options.webPreferences);
    double.windows.push(this);
    double.app.emit('web-contents-created', preventable({}), this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    setImmediate(() => this.emit('ready-to-show'));
  }

  show(): void {
    this.visible = true;
  }

  focus(): void {
    this.focusCount += 1;
  }

  minimize(): void {
    this.#minimized = true;
  }

  restore(): void {
    this.#minimized = false;
  }

  isMinimized(): boolean {
    return this.#minimized;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  close(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    const windows = this.#double.windows;
    windows.splice(windows.indexOf(this), 1);
    if (windows.length === 0) this.#double.app.emit('window-all-closed');
  }
}

// --- app -------------------------------------------------------------------------------------

export class AppDouble extends EventEmitter implements AppPort {
  readonly #options: Required<ElectronDoubleOptions>;
  readonly #ready: Promise<void>;
  #markReady!: () => void;
  #isReady = false;
  sandboxEnabled = false;
  lockRequests = 0;
  quitRequests = 0;

  constructor(options: Required<ElectronDoubleOptions>) {
    super();
    this.#options = options;
    this.#ready = new Promise((resolve) => {
      this.#markReady = resolve;
    });
  }

  enableSandbox(): void {
    if (this.#isReady)
      throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }

  requestSingleInstanceLock(): boolean {
    this.lockRequests += 1;
    return !this.#options.anotherInstanceRunning;
  }

  whenReady(): Promise<void> {
    return this.#ready;
  }

  isReady(): boolean {
    return this.#isReady;
  }

  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`Failed to get '${name}' path`);
    return this.#options.userData;
  }

  getVersion(): string {
    return this.#options.version;
  }

  getLocale(): string {
    return this.#options.locale;
  }

  quit(): void {
    this.quitRequests += 1;
    this.emit('before-quit', preventable({}));
  }

  /** Electron's `ready`: emitted once, then `whenReady()` resolves. */
  becomeReady(): void {
    if (this.#isReady) return;
    this.#isReady = true;
    this.emit('ready', preventable({}), {});
    this.#markReady();
  }

  /** Someone starts the app again while this instance holds the lock. */
  launchSecondInstance(argv: string[] = []): void {
    if (!this.#isReady) throw new Error('second-instance is only emitted after ready');
    this.emit('second-instance', preventable({}), argv, process.cwd(), {});
  }
}

// --- IPC -------------------------------------------------------------------------------------

type IpcMainHandler = Parameters<IpcMainPort['handle']>[1];

/** The fields of Electron's IpcMainInvokeEvent that a test can set; senderFrame is the one read. */
export interface InvokeEventDouble extends IpcInvokeEventPort {
  readonly sender?: WebContentsDouble;
  readonly processId?: number;
  readonly frameId?: number;
}

export class IpcMainDouble implements IpcMainPort {
  readonly handlers = new Map<string, IpcMainHandler>();

  handle(channel: string, listener: IpcMainHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /**
   * What `ipcRenderer.invoke` does on the main side: arguments and answer cross as structured
   * clones, a missing handler or a thrown error rejects the renderer's promise.
   */
  async invoke(channel: string, event: InvokeEventDouble, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const fullEvent = { type: 'frame', processId: 1, frameId: 1, ...event };
    try {
      return structuredClone(await handler(fullEvent, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, {
        cause: error,
      });
    }
  }
}

export class IpcRendererDouble extends EventEmitter implements IpcRendererPort {
  readonly #double: ElectronDouble;
  readonly frame: FrameDouble;

  constructor(double: ElectronDouble, frame: FrameDouble) {
    super();
    this.#double = double;
    this.frame = frame;
    frame.webContents.renderers.add(this);
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const senderFrame = this.frame.detached ? null : this.frame;
    return this.#double.ipcMain.invoke(
      channel,
      { sender: this.frame.webContents, senderFrame },
      ...args,
    );
  }

  /** A message from `webContents.send`, with Electron's IpcRendererEvent first. */
  deliver(channel: string, args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, ...args);
  }
}

// --- context bridge --------------------------------------------------------------------------

function isErrorLike(value: unknown): value is { message: unknown } {
  return Object.prototype.toString.call(value) === '[object Error]';
}

function copiedError(error: unknown): Error {
  return new Error(isErrorLike(error) ? String(error.message) : String(error));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * What crossing the context bridge does to a value (realm-agnostic, as the preload may run in
 * its own VM context): functions become proxies whose arguments and results cross again, promises
 * settle with crossed values, errors keep only their message, objects lose their prototype,
 * symbols are dropped, cloneable types are cloned.
 */
export function crossWorlds(value: unknown): unknown {
  if (typeof value === 'function') {
    const target = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      let result: unknown;
      try {
        result = target(...args.map(crossWorlds));
      } catch (error) {
        throw copiedError(error);
      }
      return crossWorlds(result);
    };
  }
  if (typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (isThenable(value)) {
    return Promise.resolve(value).then(crossWorlds, (error: unknown) => {
      throw copiedError(error);
    });
  }
  if (isErrorLike(value)) return copiedError(value);
  if (Array.isArray(value)) return value.map(crossWorlds);
  if (
    ArrayBuffer.isView(value) ||
    value instanceof Date ||
    value instanceof Map ||
    value instanceof Set
  ) {
    return structuredClone(value);
  }
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, crossWorlds(entry)]));
}

export class ContextBridgeDouble implements ContextBridgePort {
  readonly #contextIsolation: boolean;
  /** What the page's `window` received. */
  readonly mainWorld: Record<string, unknown> = {};

  constructor(contextIsolation: boolean) {
    this.#contextIsolation = contextIsolation;
  }

  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (!this.#contextIsolation) {
      throw new Error('contextBridge API can only be used when contextIsolation is enabled');
    }
    if (Object.hasOwn(this.mainWorld, apiKey)) {
      throw new Error('Cannot bind an API on top of an existing property on the window object');
    }
    this.mainWorld[apiKey] = crossWorlds(api);
  }
}

// --- protocol --------------------------------------------------------------------------------

export type ProtocolAnswer =
  { status: number; headers: Record<string, string>; body: Readable | null } | { error: number };

export interface ProtocolRequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** The page's origin; absent for requests the browser starts itself, such as loadURL. */
  initiatorOrigin?: string;
  /** 'cors' is a page's fetch() or XHR: the scheme's privileges decide whether it may go out. */
  mode?: 'navigate' | 'cors';
  /** The page's AbortSignal: Electron answers an abort by destroying the response stream. */
  signal?: AbortSignal;
}

export class ProtocolDouble implements ProtocolPort {
  readonly #double: ElectronDouble;
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(double: ElectronDouble) {
    this.#double = double;
  }

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (this.#double.app.isReady()) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    // protocol.handle goes through session.defaultSession, which does not exist before ready.
    if (!this.#double.app.isReady()) {
      throw new Error('Session can only be received when app is ready');
    }
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  privilegesOf(scheme: string): SchemePrivileges {
    return this.privileged.find((entry) => entry.scheme === scheme)?.privileges ?? {};
  }

  /**
   * A request for a custom scheme, handled the way Electron's protocol.handle does: a Request
   * without a signal, the handler's Response streamed out through `Readable.fromWeb`, and, when
   * the page aborts, that stream destroyed.
   */
  async request(url: string, init: ProtocolRequestInit = {}): Promise<ProtocolAnswer> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) return { error: NetError.unknownUrlScheme };
    if (init.mode === 'cors') {
      const privileges = this.privilegesOf(scheme);
      if (!privileges.supportFetchAPI) throw new TypeError('Failed to fetch');
      const crossOrigin = init.initiatorOrigin !== this.#double.originOf(url);
      if (crossOrigin && !privileges.corsEnabled) throw new TypeError('Failed to fetch');
    }

    const headers = new Headers(init.headers);
    if (headers.get('origin') === 'null') headers.delete('origin');
    const request = new Request(url, { method: init.method ?? 'GET', headers });
    if (init.initiatorOrigin !== undefined) {
      Object.defineProperty(request, 'initiatorOrigin', { value: init.initiatorOrigin });
    }

    let response: unknown;
    try {
      response = await handler(request);
    } catch {
      return { error: NetError.unexpected };
    }
    if (!(response instanceof Response)) return { error: NetError.unexpected };
    if (response.type === 'error') return { error: NetError.failed };

    const body = response.body
      ? Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>)
      : null;
    if (body && init.signal) {
      if (init.signal.aborted) body.destroy();
      else init.signal.addEventListener('abort', () => body.destroy(), { once: true });
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), body };
  }
}

// --- session ---------------------------------------------------------------------------------

export class SessionDouble implements SessionPort {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  devicePermissionHandler: DevicePermissionHandler | undefined;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermissionHandler = handler;
  }

  /** What was cleared, in order: the double keeps no storage of its own to clear. */
  readonly clearedStorage: Parameters<SessionPort['clearStorageData']>[0][] = [];

  clearStorageData(options: Parameters<SessionPort['clearStorageData']>[0]): Promise<void> {
    this.clearedStorage.push(options);
    return Promise.resolve();
  }

  /** A page asks for a permission: Electron grants it when no handler is set. */
  requestPermission(webContents: WebContentsDouble, permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(webContents, permission, resolve));
  }

  /** A page checks a permission: granted when no handler is set. */
  checkPermission(webContents: WebContentsDouble, permission: string): boolean {
    return (
      this.permissionCheckHandler?.(webContents, permission, webContents.mainFrame.origin) ?? true
    );
  }

  /** A device check: without a handler, what the user chose in the device picker stands. */
  checkDevicePermission(deviceType: string, origin: string, previouslyChosen: boolean): boolean {
    return this.devicePermissionHandler?.({ deviceType, origin }) ?? previouslyChosen;
  }
}

// --- safeStorage -----------------------------------------------------------------------------

export type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6';

export interface SafeStorageDoubleOptions {
  /** False where no key store answers (a locked keyring, no Keychain access). */
  available?: boolean;
  /** Linux: the secret store Chromium chose; `basic_text` is its fixed-password fallback. */
  backend?: StorageBackend;
}

const BLOB_PREFIX = Buffer.from('v11');

/**
 * safeStorage's asynchronous calls as Electron 45 documents them: nothing before `ready`; strings
 * encrypted under a key only the "operating system" holds (AES-256-GCM here, behind a `v11` prefix
 * as Chromium writes), so that decrypting anything else fails; `shouldReEncrypt` once the key store
 * rotated its key; `getSelectedStorageBackend` on Linux only, answering `unknown` before ready.
 */
export class SafeStorageDouble implements SafeStoragePort {
  readonly #app: AppDouble;
  available: boolean;
  backend: StorageBackend;
  /** The key store's keys, newest first: older ones still decrypt after a rotation. */
  #keys: Buffer[] = [randomBytes(32)];
  readonly getSelectedStorageBackend?: () => string;

  constructor(app: AppDouble, platform: NodeJS.Platform, options: SafeStorageDoubleOptions) {
    this.#app = app;
    this.available = options.available ?? true;
    this.backend = options.backend ?? 'gnome_libsecret';
    if (platform === 'linux') {
      this.getSelectedStorageBackend = () => (this.#app.isReady() ? this.backend : 'unknown');
    }
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.#app.isReady() && this.available);
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!(await this.isAsyncEncryptionAvailable())) throw new Error('Encryption is not available.');
    const [key] = this.#keys;
    if (!key) throw new Error('no key');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([BLOB_PREFIX, iv, body, cipher.getAuthTag()]);
  }

  async decryptStringAsync(
    encrypted: Buffer,
  ): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (!(await this.isAsyncEncryptionAvailable())) throw new Error('Decryption is not available.');
    const iv = encrypted.subarray(3, 15);
    const body = encrypted.subarray(15, -16);
    for (const [index, key] of this.#keys.entries()) {
      try {
        if (!encrypted.subarray(0, 3).equals(BLOB_PREFIX)) break;
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(encrypted.subarray(-16));
        const result = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
        return { shouldReEncrypt: index > 0, result };
      } catch {
        // Not this key: try the older ones.
      }
    }
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  }

  /** The key store rotates its key: old blobs still decrypt, and ask to be encrypted again. */
  rotateKey(): void {
    this.#keys.unshift(randomBytes(32));
  }

  /** The key store is reset (a new keyring, another account): old blobs no longer decrypt. */
  loseKeys(): void {
    this.#keys = [randomBytes(32)];
  }
}

// --- the whole ---------------------------------------------------------------------------------

/** Electron's Notification: records what was shown and lets a test click it. */
export class NotificationDouble {
  static readonly shown: NotificationDouble[] = [];
  readonly title: string;
  readonly body: string;
  readonly #clickListeners: (() => void)[] = [];

  constructor(options: { title: string; body: string }) {
    this.title = options.title;
    this.body = options.body;
  }

  show(): void {
    NotificationDouble.shown.push(this);
  }

  on(_event: 'click', listener: () => void): this {
    this.#clickListeners.push(listener);
    return this;
  }

  click(): void {
    for (const listener of this.#clickListeners) listener();
  }
}

export class DialogDouble implements DialogPort {
  readonly errorBoxes: { title: string; content: string }[] = [];

  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
}

export interface ElectronDoubleOptions {
  /** What `app.getPath('userData')` answers. */
  userData: string;
  version?: string;
  locale?: string;
  /** Another instance holds the single-instance lock. */
  anotherInstanceRunning?: boolean;
  /** `process.platform` as the main process sees it: safeStorage differs on Linux. */
  platform?: NodeJS.Platform;
  safeStorage?: SafeStorageDoubleOptions;
}

/** The renderer side of one frame: what its preload gets from `require('electron')`. */
export interface RendererDouble {
  readonly ipcRenderer: IpcRendererDouble;
  readonly contextBridge: ContextBridgeDouble;
  /** The page's `window`, as far as the preload exposed anything on it. */
  readonly mainWorld: Record<string, unknown>;
}

/** `BrowserWindow` as the main process sees it: a constructor taking only the options. */
function windowClassOf(double: ElectronDouble) {
  return class extends BrowserWindowDouble {
    constructor(options: BrowserWindowOptions) {
      super(double, options);
    }
  };
}

/** Electron's shell: records the pages the app asked the system browser to open. */
export class ShellDouble {
  readonly opened: string[] = [];

  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

export class ElectronDouble {
  readonly app: AppDouble;
  readonly shell = new ShellDouble();
  readonly dialog = new DialogDouble();
  readonly Notification = NotificationDouble;
  readonly ipcMain = new IpcMainDouble();
  readonly protocol: ProtocolDouble;
  readonly safeStorage: SafeStorageDouble;
  readonly session: { readonly defaultSession: SessionDouble };
  readonly windows: BrowserWindowDouble[] = [];
  readonly BrowserWindow: new (options: BrowserWindowOptions) => BrowserWindowDouble;

  constructor(options: ElectronDoubleOptions) {
    this.app = new AppDouble({
      version: '0.1.0',
      locale: 'fr-FR',
      anotherInstanceRunning: false,
      platform: 'linux',
      safeStorage: {},
      ...options,
    });
    this.protocol = new ProtocolDouble(this);
    this.safeStorage = new SafeStorageDouble(
      this.app,
      options.platform ?? 'linux',
      options.safeStorage ?? {},
    );
    this.session = { defaultSession: new SessionDouble() };
    this.BrowserWindow = windowClassOf(this);
  }

  /** The modules main.ts passes on, as `require('electron')` gives them to the main process. */
  get main(): ElectronMainPorts {
    const {
      app,
      BrowserWindow,
      dialog,
      ipcMain,
      Notification,
      protocol,
      safeStorage,
      session,
      shell,
    } = this;
    return {
      app,
      BrowserWindow,
      dialog,
      ipcMain,
      Notification,
      protocol,
      safeStorage,
      session,
      shell,
    };
  }

  /** Chromium's serialised origin of a URL, knowing which custom schemes are standard. */
  originOf(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'null';
    }
    const scheme = url.protocol.slice(0, -1);
    const standard =
      ['http', 'https', 'ws', 'wss'].includes(scheme) ||
      this.protocol.privilegesOf(scheme).standard === true;
    return standard && url.host ? `${url.protocol}//${url.host}` : 'null';
  }

  /** The preload's view of a frame: what `require('electron')` gives it, and its page. */
  renderer(frame: FrameDouble): RendererDouble {
    const contextBridge = new ContextBridgeDouble(
      frame.webContents.webPreferences?.contextIsolation ?? true,
    );
    return {
      ipcRenderer: new IpcRendererDouble(this, frame),
      contextBridge,
      mainWorld: contextBridge.mainWorld,
    };
  }
}
