import { expect, type Locator, type Page } from '@playwright/test';
import type { PatientKey } from '../testbed/synthetic/patients';
import { openPatient } from './patient-navigation';

/** Drives the imaging viewer the way a radiologist does: mouse, keyboard, what is on screen. */

export async function openImagingTab(page: Page, key: PatientKey, url?: string): Promise<void> {
  await openPatient(page, key, url);
  await page.getByRole('tab', { name: /Imagerie/ }).click();
  await expect(page.getByTestId('study-browser')).toBeVisible();
}

/** Opens a study from the study browser by the words of its line (date, description). */
export async function openStudy(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.study-open').filter({ hasText: text }).first().click();
}

export function viewport(page: Page, index = 0): Locator {
  return page.getByTestId('viewport').nth(index);
}

export async function waitShown(pane: Locator): Promise<void> {
  await expect(pane).toHaveAttribute('data-state', 'shown', { timeout: 30_000 });
}

/** The overlay's image number, 1-based. */
export async function imageNumber(pane: Locator): Promise<number> {
  const text = await pane.getByTestId('overlay-slice').innerText();
  return Number(/(\d+)\//.exec(text)?.[1]);
}

export async function overlayPosition(pane: Locator): Promise<number> {
  const text = await pane.getByTestId('overlay-position').innerText();
  return Number(/(-?[\d.]+) mm/.exec(text)?.[1]);
}

/** Goes to an image (0-based) with the keyboard, from the first one. */
export async function goToImage(page: Page, pane: Locator, index: number): Promise<void> {
  await pane.getByTestId('viewport-element').click({ button: 'middle' });
  await page.keyboard.press('Home');
  for (let i = 0; i < Math.floor(index / 10); i++) await page.keyboard.press('PageDown');
  for (let i = 0; i < index % 10; i++) await page.keyboard.press('ArrowDown');
  await expect.poll(() => imageNumber(pane)).toBe(index + 1);
}

export interface Readout {
  column: number;
  row: number;
  value: number;
}

/** Points at a spot of the viewport (CSS pixels from its corner) and reads the overlay's value. */
export async function readAt(page: Page, pane: Locator, x: number, y: number): Promise<Readout> {
  const box = await pane.getByTestId('viewport-element').boundingBox();
  if (!box) throw new Error('viewport not on screen');
  await page.mouse.move(box.x + x, box.y + y);
  const readout = pane.getByTestId('overlay-readout');
  await expect(readout).toBeVisible();
  const text = await readout.innerText();
  const match = /\((\d+), (\d+)\) : (-?[\d.]+)/.exec(text);
  if (!match) throw new Error(`unexpected readout ${text}`);
  return { column: Number(match[1]), row: Number(match[2]), value: Number(match[3]) };
}

/**
 * Where an image pixel lies on screen: learnt by pointing at two spots and reading which pixels
 * the overlay reports, as a user would with the cursor readout.
 */
export async function pixelMapping(
  page: Page,
  pane: Locator,
): Promise<(column: number, row: number) => { x: number; y: number }> {
  const box = await pane.getByTestId('viewport-element').boundingBox();
  if (!box) throw new Error('viewport not on screen');
  const a = { x: box.width * 0.3, y: box.height * 0.3 };
  const b = { x: box.width * 0.7, y: box.height * 0.7 };
  const ra = await readAt(page, pane, a.x, a.y);
  const rb = await readAt(page, pane, b.x, b.y);
  const scaleX = (b.x - a.x) / (rb.column - ra.column);
  const scaleY = (b.y - a.y) / (rb.row - ra.row);
  return (column, row) => ({
    x: a.x + (column - ra.column) * scaleX,
    y: a.y + (row - ra.row) * scaleY,
  });
}

/** Reads the pixel value at an image position through the cursor readout. */
export async function valueAtPixel(
  page: Page,
  pane: Locator,
  map: (column: number, row: number) => { x: number; y: number },
  column: number,
  row: number,
): Promise<Readout> {
  const point = map(column, row);
  return readAt(page, pane, point.x, point.y);
}

/** The grey level the user sees at a spot of the viewport (read from its canvas). */
export function greyAt(pane: Locator, x: number, y: number): Promise<number> {
  return pane.getByTestId('viewport-element').evaluate(
    (element, point) => {
      const canvas = element.querySelector('canvas');
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return -1;
      const ratio = canvas.width / element.clientWidth;
      const data = context.getImageData(
        Math.round(point.x * ratio),
        Math.round(point.y * ratio),
        1,
        1,
      ).data;
      return data[0] ?? -1;
    },
    { x, y },
  );
}

/** How many of a grid of sample points on a canvas are not black. */
export function litSamples(element: Locator): Promise<number> {
  return element.evaluate((root) => {
    const canvas = root.querySelector('canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    for (let y = 0; y < canvas.height; y += 16) {
      for (let x = 0; x < canvas.width; x += 16) {
        if ((data[(y * canvas.width + x) * 4] ?? 0) > 20) lit++;
      }
    }
    return lit;
  });
}

/** Drags a series from the study browser onto a viewport, with the mouse as a user does. */
export async function dragSeries(page: Page, item: Locator, target: Locator): Promise<void> {
  const from = await item.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('series or viewport not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}
