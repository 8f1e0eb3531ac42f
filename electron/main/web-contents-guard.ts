import type { Logger } from '../host/logging/logger';
import type { WebContentsPort } from './electron-ports';

/**
 * Locks down every web contents the app creates: the page never navigates away from what the main
 * process loaded (in-page route changes do not raise these events), never opens a window, never
 * attaches a webview. Nothing is opened in the system browser either: the app has no link that
 * should leave it, and an allowlist would be one more door to audit.
 */
export function guardWebContents(contents: WebContentsPort, logger: Logger): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    logger.warn('navigation.refused', { kind: 'navigate' });
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    logger.warn('navigation.refused', { kind: 'redirect' });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('navigation.refused', { kind: 'webview' });
  });
  contents.setWindowOpenHandler(() => {
    logger.warn('navigation.refused', { kind: 'window-open' });
    return { action: 'deny' };
  });
}
