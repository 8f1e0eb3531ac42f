import { ConfigError } from '../host/config/load-config';
import type { AppPort, DialogPort } from './electron-ports';
import { startupMessage } from './startup-messages';

/**
 * Tells the user why Regard cannot start, then quits. A configuration error names the file and
 * the key at fault, so IT can fix it from the message alone.
 */
export function reportStartupFailure(
  app: Pick<AppPort, 'getLocale' | 'quit'>,
  dialog: DialogPort,
  error: unknown,
): void {
  const locale = app.getLocale();
  const intro = startupMessage(locale, error instanceof ConfigError ? 'configInvalid' : 'failed');
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(startupMessage(locale, 'title'), `${intro}\n\n${detail}`);
  app.quit();
}
