import type { FramePort } from './electron-ports';
import { APP_ORIGIN, isAppUrl } from './schemes';

/**
 * Whether an IPC call comes from the app's own page: a live frame, at the top of its window, whose
 * URL and security origin are both app://regard. Subframes, foreign pages and frames that went away
 * are refused.
 */
export function isAppMainFrame(frame: FramePort | null): boolean {
  return (
    frame !== null && frame.parent === null && frame.origin === APP_ORIGIN && isAppUrl(frame.url)
  );
}
