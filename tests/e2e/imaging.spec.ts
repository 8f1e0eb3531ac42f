import { expect, test } from '@playwright/test';
import {
  CT_LANDMARKS,
  CURRENT_CT,
  JPEG_BASELINE_TOLERANCE,
  phantomValue8Bit,
  phantomValueHU,
  SYNTAX_MATRIX_SERIES,
  SYNTAX_MATRIX_SLICES,
  CT_8BIT,
} from '../testbed/synthetic';
import {
  dragSeries,
  goToImage,
  greyAt,
  imageNumber,
  litSamples,
  openImagingTab,
  openStudy,
  overlayPosition,
  pixelMapping,
  valueAtPixel,
  viewport,
  waitShown,
} from './viewer-driver';
import { openEntry, openPatient } from './patient-navigation';

const CURRENT_CT_STUDY = /14 sept\. 2026/;
const SPACING = CURRENT_CT.geometry.sliceSpacingMm;

test.describe('imaging viewer', () => {
  test('opening the CT shows its first image with identity, study, slice and orientation overlays, and the phantom’s values', async ({
    page,
  }) => {
    await openImagingTab(page, 'main');
    await openStudy(page, CURRENT_CT_STUDY);
    const pane = viewport(page);
    await waitShown(pane);
    await expect(pane.getByTestId('overlay-patient')).toContainText('BERTHELOT HELENE MARIE ODILE');
    await expect(pane.getByTestId('overlay-patient')).toContainText('INS 258033523804732');
    await expect(pane.getByTestId('overlay-study')).toContainText(
      'TDM thoraco-abdomino-pelvienne injectée',
    );
    await expect(pane.getByTestId('overlay-study')).toContainText('TAP 1.25 mm portal');
    await expect(pane.getByTestId('overlay-slice')).toHaveText('Im. 1/220');
    await expect(pane.getByTestId('overlay-position')).toHaveText('Pos. 0 mm');
    // Radiological convention: the patient's left on the image's right, anterior at the top.
    await expect(pane.getByTestId('orientation-top')).toHaveText('A');
    await expect(pane.getByTestId('orientation-bottom')).toHaveText('P');
    await expect(pane.getByTestId('orientation-left')).toHaveText('R');
    await expect(pane.getByTestId('orientation-right')).toHaveText('L');
    await expect(pane.getByTestId('scale-bar')).toContainText('mm');

    const map = await pixelMapping(page, pane);
    const air = await valueAtPixel(
      page,
      pane,
      map,
      CT_LANDMARKS.airAnterior.col,
      CT_LANDMARKS.airAnterior.row,
    );
    expect(air.value).toBe(-1000);
    const corner = await valueAtPixel(
      page,
      pane,
      map,
      CT_LANDMARKS.paddingCorner.col,
      CT_LANDMARKS.paddingCorner.row,
    );
    expect(corner.value).toBe(CT_LANDMARKS.paddingCorner.hu);
    const fiducial = CT_LANDMARKS.leftFiducialCenter;
    const onFiducial = await valueAtPixel(page, pane, map, fiducial.col, fiducial.row);
    expect(onFiducial.value).toBe(phantomValueHU(0, onFiducial.row, onFiducial.column));

    // On screen, the left fiducial (400 HU, above the default window) is white on the image's
    // right, and the mirrored spot on the left is soft tissue grey.
    const right = map(fiducial.col, fiducial.row);
    const mirrored = map(CURRENT_CT.geometry.columns - 1 - fiducial.col, fiducial.row);
    expect(await greyAt(pane, right.x, right.y)).toBeGreaterThan(240);
    const grey = await greyAt(pane, mirrored.x, mirrored.y);
    expect(grey).toBeGreaterThan(60);
    expect(grey).toBeLessThan(200);
    await pane.screenshot({ path: test.info().outputPath('first-image.png') });
  });

  test('the wheel and the keyboard scroll the stack; presets change the window and what is seen', async ({
    page,
  }) => {
    await openImagingTab(page, 'main');
    await openStudy(page, CURRENT_CT_STUDY);
    const pane = viewport(page);
    await waitShown(pane);
    const element = pane.getByTestId('viewport-element');
    await element.hover();
    await page.mouse.wheel(0, 300);
    await expect.poll(() => imageNumber(pane)).toBeGreaterThan(1);
    const shown = await imageNumber(pane);
    expect(await overlayPosition(pane)).toBeCloseTo(-(shown - 1) * SPACING, 1);
    await page.keyboard.press('End');
    await expect(pane.getByTestId('overlay-slice')).toHaveText('Im. 220/220');

    const lung = CT_LANDMARKS.leftLung;
    await goToImage(page, pane, lung.sliceIndex);
    const map = await pixelMapping(page, pane);
    const spot = map(lung.col, lung.row);
    await page.mouse.move(0, 0);
    // Default CT window (W 400 / L 40): lung (-800 HU) is black.
    expect(await greyAt(pane, spot.x, spot.y)).toBeLessThan(5);
    await page.getByRole('combobox', { name: 'Fenêtre' }).selectOption({ label: 'Poumon' });
    await expect(pane.getByTestId('overlay-window')).toHaveText('L 1500 / N -600');
    // Lung window (-1350 to 150 HU): -800 HU shows as (550 / 1500) of white.
    const lungGrey = await greyAt(pane, spot.x, spot.y);
    expect(lungGrey).toBeGreaterThan(80);
    expect(lungGrey).toBeLessThan(110);
    await page.keyboard.press('3');
    await expect(pane.getByTestId('overlay-window')).toHaveText('L 2000 / N 500');
    expect(await greyAt(pane, spot.x, spot.y)).toBeLessThan(5);
  });

  test('a length drawn between the two lung centres reads their distance in millimetres, and can be removed', async ({
    page,
  }) => {
    await openImagingTab(page, 'main');
    await openStudy(page, CURRENT_CT_STUDY);
    const pane = viewport(page);
    await waitShown(pane);
    const { leftLung, rightLung } = CT_LANDMARKS;
    await goToImage(page, pane, leftLung.sliceIndex);
    const map = await pixelMapping(page, pane);
    await page.getByRole('button', { name: 'Longueur', exact: true }).click();
    const box = await pane.getByTestId('viewport-element').boundingBox();
    if (!box) throw new Error('no viewport');
    const from = map(rightLung.col, rightLung.row);
    const to = map(leftLung.col, leftLung.row);
    await page.mouse.move(box.x + from.x, box.y + from.y);
    await page.mouse.down();
    await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 12 });
    await page.mouse.up();
    const expected = (leftLung.col - rightLung.col) * CURRENT_CT.geometry.pixelSpacingMm;
    const measurement = page.getByTestId('measurement');
    await expect(measurement).toHaveCount(1);
    // The panel follows the drag; once released, it holds the final length.
    const millimetres = async () =>
      Number(
        /([\d.]+) mm/.exec(await measurement.getByTestId('measurement-values').innerText())?.[1],
      );
    await expect.poll(async () => Math.abs((await millimetres()) - expected)).toBeLessThan(1.5);
    await expect(page.getByTestId('measurements')).toContainText('TDM thoraco-abdomino-pelvienne');
    await page.getByRole('button', { name: 'Supprimer la mesure (Longueur)' }).click();
    await expect(measurement).toHaveCount(0);
  });

  test('compare with prior shows both studies side by side, scrolling together by position, window linked', async ({
    page,
  }) => {
    await openPatient(page, 'main');
    await openEntry(page, 'TDM thoraco-abdomino-pelvienne injectée');
    await page
      .getByTestId('exam-pane')
      .getByRole('button', { name: 'Comparer avec l’antérieur' })
      .click();
    const current = viewport(page, 0);
    const prior = viewport(page, 1);
    await waitShown(current);
    await waitShown(prior);
    await expect(page.getByTestId('viewer-notice')).toContainText('8 mars 2023');
    await expect(prior.getByTestId('overlay-study')).toContainText('TAP 5 mm portal');
    await goToImage(page, current, 40);
    // 40 images of 1.25 mm down: -50 mm, which is image 11 of the 5 mm prior.
    await expect.poll(() => overlayPosition(prior)).toBe(-50);
    await expect(prior.getByTestId('overlay-slice')).toHaveText('Im. 11/40');
    await page.keyboard.press('1');
    await expect(prior.getByTestId('overlay-window')).toHaveText('L 1500 / N -600');
    await page.getByLabel('Défilement lié').uncheck();
    await current.getByTestId('viewport-element').focus();
    await page.keyboard.press('ArrowDown');
    await expect(current.getByTestId('overlay-slice')).toHaveText('Im. 42/220');
    await expect(prior.getByTestId('overlay-slice')).toHaveText('Im. 11/40');
  });

  test('MPR shows the axial, sagittal and coronal planes of the CT', async ({ page }) => {
    await openImagingTab(page, 'main');
    await openStudy(page, CURRENT_CT_STUDY);
    await waitShown(viewport(page));
    await expect(page.getByRole('button', { name: 'MPR', exact: true })).toBeEnabled();
    await page.keyboard.press('m');
    const mpr = page.getByTestId('mpr-view');
    await expect(mpr).toBeVisible();
    for (const plane of ['axial', 'sagittal', 'coronal']) {
      await expect
        .poll(() => litSamples(page.getByTestId(`mpr-${plane}`)), { timeout: 30_000 })
        .toBeGreaterThan(50);
    }
    await mpr.screenshot({ path: test.info().outputPath('mpr.png') });
    await page.getByRole('button', { name: 'MPR', exact: true }).click();
    await expect(mpr).toHaveCount(0);
    await waitShown(viewport(page));
  });

  test('every transfer syntax shows the same pixels as the uncompressed series', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openImagingTab(page, 'scale');
    await openStudy(page, 'syntaxes de transfert');
    const pane = viewport(page);
    await waitShown(pane);
    await expect(page.getByTestId('series-item')).toHaveCount(SYNTAX_MATRIX_SERIES.length);
    const map = await pixelMapping(page, pane);
    const spots = [
      { image: 0, landmark: CT_LANDMARKS.markerSphereCenter },
      { image: 0, landmark: CT_LANDMARKS.airAnterior },
      { image: 1, landmark: CT_LANDMARKS.spineCenter },
      { image: 2, landmark: CT_LANDMARKS.liver },
    ];
    for (const series of SYNTAX_MATRIX_SERIES) {
      await page.getByTestId('series-item').filter({ hasText: series.description }).click();
      await expect(pane.getByTestId('overlay-study')).toContainText(series.description);
      await waitShown(pane);
      await expect(pane.getByTestId('viewport-error')).toHaveCount(0);
      for (const spot of spots) {
        await goToImage(page, pane, spot.image);
        const slice = SYNTAX_MATRIX_SLICES[spot.image] ?? 0;
        const read = await valueAtPixel(page, pane, map, spot.landmark.col, spot.landmark.row);
        const exact = phantomValueHU(slice, read.row, read.column);
        if (series.depth === 16) {
          expect(read.value, `${series.key} at ${spot.image}`).toBe(exact);
        } else {
          const expected =
            phantomValue8Bit(slice, read.row, read.column) * CT_8BIT.rescaleSlope +
            CT_8BIT.rescaleIntercept;
          expect(Math.abs(read.value - expected), series.key).toBeLessThanOrEqual(
            JPEG_BASELINE_TOLERANCE * CT_8BIT.rescaleSlope,
          );
        }
      }
    }
  });

  test('a KOS opens exactly the images it references, and its key images alone on request', async ({
    page,
  }) => {
    await openPatient(page, 'main');
    await openEntry(page, 'TDM thoraco-abdomino-pelvienne injectée');
    await page.getByTestId('exam-pane').getByRole('button', { name: 'Images clés (KOS)' }).click();
    await expect(page.getByTestId('kos-bar')).toContainText('221 images référencées');
    await waitShown(viewport(page, 0));
    await waitShown(viewport(page, 1));
    await page.getByLabel(/Images clés seulement \(3\)/).check();
    const pane = viewport(page, 0);
    await expect(page.getByTestId('viewport')).toHaveCount(1);
    await waitShown(pane);
    await expect(pane.getByTestId('overlay-slice')).toHaveText('Im. 1/3');
    const positions = [];
    for (let i = 0; i < 3; i++) {
      await goToImage(page, pane, i);
      positions.push(await overlayPosition(pane));
    }
    expect(positions).toEqual([55, 110, 180].map((slice) => -slice * SPACING));
  });

  test('cine plays a multi-frame ultrasound loop and stops', async ({ page }) => {
    await openImagingTab(page, 'traveller');
    await openStudy(page, 'Échographie abdominale');
    const pane = viewport(page);
    await waitShown(pane);
    await page.getByLabel('Images/s').fill('20');
    await page.getByRole('button', { name: 'Lire le ciné' }).click();
    await expect.poll(() => imageNumber(pane), { timeout: 10_000 }).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Arrêter le ciné' }).click();
    const stopped = await imageNumber(pane);
    await page.waitForTimeout(500);
    expect(await imageNumber(pane)).toBe(stopped);
  });

  test('the shortcut help lists the tools and their keys', async ({ page }) => {
    await openImagingTab(page, 'main');
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await expect(help).toContainText('Longueur');
    await expect(help).toContainText('Poumon');
    await expect(help).toContainText('Fin');
  });
});

test.describe('imaging viewer, more studies', () => {
  test('an ellipse on the liver gives its mean, SD, min and max in HU', async ({ page }) => {
    await openImagingTab(page, 'main');
    await openStudy(page, CURRENT_CT_STUDY);
    const pane = viewport(page);
    await waitShown(pane);
    const liver = CT_LANDMARKS.liver;
    await goToImage(page, pane, liver.sliceIndex);
    const map = await pixelMapping(page, pane);
    await page.getByRole('button', { name: 'ROI ellipse', exact: true }).click();
    const box = await pane.getByTestId('viewport-element').boundingBox();
    if (!box) throw new Error('no viewport');
    const centre = map(liver.col, liver.row);
    const corner = map(liver.col + 20, liver.row + 20);
    await page.mouse.move(box.x + centre.x, box.y + centre.y);
    await page.mouse.down();
    await page.mouse.move(box.x + corner.x, box.y + corner.y, { steps: 8 });
    await page.mouse.up();
    const values = page.getByTestId('measurement').getByTestId('measurement-values');
    await expect(values).toContainText('HU');
    // Liver is 60 HU with uniform noise of ±6 HU: mean near 60, SD near 3.7, within 54..66.
    await expect
      .poll(async () => {
        const text = await values.innerText();
        const number = (label: string) =>
          Number(new RegExp(`${label} (-?[\\d.]+)`).exec(text)?.[1]);
        return [number('moy\\.'), number('ET'), number('min'), number('max')];
      })
      .toEqual([
        expect.closeTo(60, 0),
        expect.closeTo(3.7, 0),
        expect.closeTo(54, -1),
        expect.closeTo(66, -1),
      ]);
  });

  test('a series dragged onto a viewport of a 2x2 layout opens there, with reference lines on the scout', async ({
    page,
  }) => {
    await openImagingTab(page, 'main');
    await openStudy(page, CURRENT_CT_STUDY);
    await waitShown(viewport(page, 0));
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption('2x2');
    await expect(page.getByTestId('viewport')).toHaveCount(4);
    await dragSeries(
      page,
      page.getByTestId('series-item').filter({ hasText: 'Topogramme' }),
      viewport(page, 3),
    );
    const scout = viewport(page, 3);
    await waitShown(scout);
    await expect(scout.getByTestId('overlay-study')).toContainText('Topogramme');
    // The active viewport's plane is drawn on the other as a reference line, and only there.
    const axial = viewport(page, 0);
    const lines = (pane: typeof axial) => pane.locator('svg line, svg path');
    await axial.getByTestId('viewport-element').click({ button: 'middle' });
    await expect(lines(scout).first()).toBeAttached();
    await expect(lines(axial)).toHaveCount(0);
    await scout.getByTestId('viewport-element').click({ button: 'middle' });
    await expect(lines(axial).first()).toBeAttached();
    await expect(lines(scout)).toHaveCount(0);
  });

  test('a MONOCHROME1 radiograph shows bone white and the background black, with its orientation', async ({
    page,
  }) => {
    await openImagingTab(page, 'traveller');
    await openStudy(page, 'Radiographie thoracique');
    const pane = viewport(page);
    await waitShown(pane);
    await expect(pane.getByTestId('orientation-right')).toHaveText('L');
    await expect(pane.getByTestId('orientation-bottom')).toHaveText('F');
    const map = await pixelMapping(page, pane);
    // CR_CHEST is 880 x 1024: the spine runs down the middle column, the corner is outside the body.
    const spine = map(440, 600);
    const corner = map(10, 10);
    await page.mouse.move(0, 0);
    expect(await greyAt(pane, spine.x, spine.y)).toBeGreaterThan(150);
    expect(await greyAt(pane, corner.x, corner.y)).toBeLessThan(30);
  });
});
