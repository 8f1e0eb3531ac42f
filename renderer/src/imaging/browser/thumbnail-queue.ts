import { gatewayGet } from '../loading/imaging-fetch';

/** Thumbnails load two at a time, after the list is shown, so they never hold up frames. */
const CONCURRENCY = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** A rendered image of one instance, as an object URL (the caller revokes it). */
export function loadThumbnail(url: string, signal: AbortSignal): Promise<string> {
  return slot(async () => {
    signal.throwIfAborted();
    const response = await gatewayGet(url, 'image/jpeg', signal);
    const blob = await response.blob();
    return URL.createObjectURL(blob);
  });
}
