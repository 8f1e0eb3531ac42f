import type { CustomScheme } from 'electron';
import type { ProtocolPort } from './electron-ports';

export const APP_SCHEME = 'app';
export const APP_HOST = 'regard';
/** The renderer's one origin: IPC, navigation and event checks all compare against it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const PACS_SCHEME = 'pacs';

export const privilegedSchemes: CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: false,
      stream: true,
    },
  },
  {
    scheme: PACS_SCHEME,
    // The page at app://regard reads pacs:// across origins; since Electron refuses cross-origin
    // fetch and XHR to schemes that are not CORS-enabled, the gateway scheme must be. Who may read
    // it is checked by the handler instead (see pacs-protocol).
    privileges: { secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
  },
];

/** Must run before the app is ready: Electron fixes scheme privileges at startup. */
export function registerPrivilegedSchemes(
  protocol: Pick<ProtocolPort, 'registerSchemesAsPrivileged'>,
): void {
  protocol.registerSchemesAsPrivileged(privilegedSchemes);
}

/**
 * Whether a URL belongs to the app's origin. Compared on scheme and host rather than `URL.origin`,
 * which Node reports as `null` for schemes it does not know; credentials or a port never match.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}
