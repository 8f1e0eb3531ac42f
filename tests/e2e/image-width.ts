import type { Locator } from '@playwright/test';

/** The decoded width of an image once it has loaded: 0 means the user sees no picture. */
export function loadedImageWidth(image: Locator): Promise<number> {
  return image.evaluate((img: HTMLImageElement) =>
    img.complete
      ? img.naturalWidth
      : new Promise<number>((done) => (img.onload = () => done(img.naturalWidth))),
  );
}
