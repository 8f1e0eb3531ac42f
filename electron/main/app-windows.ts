import type { BrowserWindowConstructorOptions } from 'electron';
import type { BrowserWindowConstructorPort, BrowserWindowPort } from './electron-ports';
import { APP_ENTRY_URL, isAppUrl } from './schemes';

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    // Shown once the first paint is ready, so no blank window flashes.
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** The app's own windows: the only ones host events are sent to. */
export class AppWindows {
  readonly #BrowserWindow: BrowserWindowConstructorPort;
  readonly #preload: string;
  readonly #open = new Set<BrowserWindowPort>();

  constructor(BrowserWindow: BrowserWindowConstructorPort, preload: string) {
    this.#BrowserWindow = BrowserWindow;
    this.#preload = preload;
  }

  async open(): Promise<BrowserWindowPort> {
    const window = new this.#BrowserWindow(mainWindowOptions(this.#preload));
    this.#open.add(window);
    window.on('closed', () => this.#open.delete(window));
    window.once('ready-to-show', () => window.show());
    await window.loadURL(APP_ENTRY_URL);
    return window;
  }

  /** Brings the most recent window forward, as when the user starts Regard a second time. */
  focus(): void {
    const window = [...this.#open].at(-1);
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  /** Sends to each open window still showing the app's page, never to anything else. */
  send(channel: string, payload: unknown): void {
    for (const window of this.#open) {
      const contents = window.webContents;
      if (window.isDestroyed() || contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
      contents.send(channel, payload);
    }
  }
}
