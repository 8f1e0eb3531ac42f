import { blobOf } from './object-url';

/** Characters that file systems refuse or that change a path's meaning. */
const UNSAFE = new Set('<>:"/\\|?*');
const isUnsafe = (char: string) =>
  UNSAFE.has(char) || char.charCodeAt(0) < 0x20 || char === '\u007f';

/** A file name from the document's title and the extension of what the bytes really are. */
export function exportFileName(title: string, extension: string): string {
  const replaced = Array.from(title, (char) => (isUnsafe(char) ? '_' : char)).join('');
  const base = replaced.replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return `${base.slice(0, 100) || 'document'}.${extension}`;
}

/** How long the download's blob: URL lives: long enough for the browser to start saving. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves the original bytes through a blob: URL and a detached `<a download>`: detached, so the
 * click does not travel through the document (and its navigation guard).
 */
export function downloadBytes(bytes: Uint8Array, fileName: string, mediaType: string): void {
  const url = URL.createObjectURL(blobOf(bytes, mediaType));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
