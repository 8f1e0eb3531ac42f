import { hash3 } from '../prng';

/**
 * Geometric CT phantom (LPS patient coordinates, mm). Values are exact and reproducible from
 * coordinates, so viewer tests can check any pixel: phantomValueHU(slice, row, col).
 */

export interface CtSeriesGeometry {
  rows: number;
  columns: number;
  sliceCount: number;
  /** Row and column spacing, mm. */
  pixelSpacingMm: number;
  sliceThicknessMm: number;
  /** Distance between consecutive slice centres, mm; slice k sits at firstSliceZMm - k * sliceSpacingMm. */
  sliceSpacingMm: number;
  firstSliceZMm: number;
  /** Centre of pixel (row 0, col 0), mm; ImageOrientationPatient is 1\0\0\0\1\0. */
  firstPixelXMm: number;
  firstPixelYMm: number;
}

export interface CtPhantomSeries {
  geometry: CtSeriesGeometry;
  /** The marker sphere grows between the prior and the current exam. */
  markerRadiusMm: number;
  noiseSalt: number;
}

const AXIAL_512 = {
  rows: 512,
  columns: 512,
  pixelSpacingMm: 0.78125,
  firstPixelXMm: -199.609375,
  firstPixelYMm: -199.609375,
};

/** The benchmark series: 220 contiguous 1.25 mm slices, stored uncompressed. */
export const CURRENT_CT: CtPhantomSeries = {
  geometry: {
    ...AXIAL_512,
    sliceCount: 220,
    sliceThicknessMm: 1.25,
    sliceSpacingMm: 1.25,
    firstSliceZMm: 0,
  },
  markerRadiusMm: 12,
  noiseSalt: 1,
};

/** The prior exam: 40 slices of 5 mm. */
export const PRIOR_CT: CtPhantomSeries = {
  geometry: {
    ...AXIAL_512,
    sliceCount: 40,
    sliceThicknessMm: 5,
    sliceSpacingMm: 5,
    firstSliceZMm: 0,
  },
  markerRadiusMm: 7,
  noiseSalt: 2,
};

export const CT_RESCALE_INTERCEPT = -1024;
export const CT_RESCALE_SLOPE = 1;
/** Stored value outside the reconstruction circle (GE style); its modality value is -3024. */
export const CT_PIXEL_PADDING_STORED = -2000;
/** Inside the body every value carries deterministic noise in [-CT_NOISE_HU, +CT_NOISE_HU]. */
export const CT_NOISE_HU = 6;

export const CT_MATERIALS_HU = {
  padding: CT_PIXEL_PADDING_STORED * CT_RESCALE_SLOPE + CT_RESCALE_INTERCEPT,
  air: -1000,
  fat: -100,
  softTissue: 40,
  lung: -800,
  liver: 60,
  aorta: 180,
  bone: 700,
  fiducial: 400,
  marker: 1000,
} as const;

/** The thorax (with lungs) is above this z; the abdomen (with liver) below. */
const DIAPHRAGM_Z_MM = -140;
const RECONSTRUCTION_RADIUS_MM = 200;

function xOf(col: number): number {
  return AXIAL_512.firstPixelXMm + col * AXIAL_512.pixelSpacingMm;
}
function yOf(row: number): number {
  return AXIAL_512.firstPixelYMm + row * AXIAL_512.pixelSpacingMm;
}

/** Landmarks at pixel centres of the current series; each is the centre of its structure. */
export const CT_LANDMARKS = {
  /** Sphere in the left lung (image right). */
  markerSphereCenter: { sliceIndex: 55, row: 250, col: 358, hu: CT_MATERIALS_HU.marker },
  spineCenter: { sliceIndex: 110, row: 364, col: 256, hu: CT_MATERIALS_HU.bone },
  aortaCenter: { sliceIndex: 110, row: 320, col: 275, hu: CT_MATERIALS_HU.aorta },
  /** Small rod on the patient's left, present on every slice: tells left from right. */
  leftFiducialCenter: { sliceIndex: 0, row: 198, col: 422, hu: CT_MATERIALS_HU.fiducial },
  leftLung: { sliceIndex: 20, row: 250, col: 358, hu: CT_MATERIALS_HU.lung },
  rightLung: { sliceIndex: 20, row: 250, col: 153, hu: CT_MATERIALS_HU.lung },
  liver: { sliceIndex: 180, row: 250, col: 172, hu: CT_MATERIALS_HU.liver },
  /** In the air in front of the body: exactly -1000, no noise. */
  airAnterior: { sliceIndex: 0, row: 40, col: 256, hu: CT_MATERIALS_HU.air },
  /** Image corner, outside the reconstruction circle. */
  paddingCorner: { sliceIndex: 0, row: 5, col: 5, hu: CT_MATERIALS_HU.padding },
} as const;

const markerCenter = {
  x: xOf(CT_LANDMARKS.markerSphereCenter.col),
  y: yOf(CT_LANDMARKS.markerSphereCenter.row),
  z:
    CURRENT_CT.geometry.firstSliceZMm -
    CT_LANDMARKS.markerSphereCenter.sliceIndex * CURRENT_CT.geometry.sliceSpacingMm,
};
const spine = { x: xOf(CT_LANDMARKS.spineCenter.col), y: yOf(CT_LANDMARKS.spineCenter.row), r: 16 };
const aorta = { x: xOf(CT_LANDMARKS.aortaCenter.col), y: yOf(CT_LANDMARKS.aortaCenter.row), r: 12 };
const fiducial = {
  x: xOf(CT_LANDMARKS.leftFiducialCenter.col),
  y: yOf(CT_LANDMARKS.leftFiducialCenter.row),
  r: 6,
};
const leftLung = {
  x: xOf(CT_LANDMARKS.leftLung.col),
  y: yOf(CT_LANDMARKS.leftLung.row),
  a: 55,
  b: 80,
};
const rightLung = {
  x: xOf(CT_LANDMARKS.rightLung.col),
  y: yOf(CT_LANDMARKS.rightLung.row),
  a: 55,
  b: 80,
};
const liver = { x: xOf(CT_LANDMARKS.liver.col), y: yOf(CT_LANDMARKS.liver.row), a: 75, b: 70 };
const body = { a: 170, b: 125, innerA: 160, innerB: 115 };

function inEllipse(dx: number, dy: number, a: number, b: number): boolean {
  return (dx * dx) / (a * a) + (dy * dy) / (b * b) <= 1;
}

/** Noise-free material at a point, in HU (padding included). */
export function ctMaterialHU(x: number, y: number, z: number, markerRadiusMm: number): number {
  if (x * x + y * y > RECONSTRUCTION_RADIUS_MM * RECONSTRUCTION_RADIUS_MM)
    return CT_MATERIALS_HU.padding;
  if (!inEllipse(x, y, body.a, body.b)) return CT_MATERIALS_HU.air;
  const dxm = x - markerCenter.x;
  const dym = y - markerCenter.y;
  const dzm = z - markerCenter.z;
  if (dxm * dxm + dym * dym + dzm * dzm <= markerRadiusMm * markerRadiusMm)
    return CT_MATERIALS_HU.marker;
  if ((x - spine.x) ** 2 + (y - spine.y) ** 2 <= spine.r * spine.r) return CT_MATERIALS_HU.bone;
  if ((x - aorta.x) ** 2 + (y - aorta.y) ** 2 <= aorta.r * aorta.r) return CT_MATERIALS_HU.aorta;
  if ((x - fiducial.x) ** 2 + (y - fiducial.y) ** 2 <= fiducial.r * fiducial.r)
    return CT_MATERIALS_HU.fiducial;
  if (z > DIAPHRAGM_Z_MM) {
    if (inEllipse(x - leftLung.x, y - leftLung.y, leftLung.a, leftLung.b))
      return CT_MATERIALS_HU.lung;
    if (inEllipse(x - rightLung.x, y - rightLung.y, rightLung.a, rightLung.b))
      return CT_MATERIALS_HU.lung;
  } else if (inEllipse(x - liver.x, y - liver.y, liver.a, liver.b)) {
    return CT_MATERIALS_HU.liver;
  }
  if (!inEllipse(x, y, body.innerA, body.innerB)) return CT_MATERIALS_HU.fat;
  return CT_MATERIALS_HU.softTissue;
}

function noiseHU(series: CtPhantomSeries, sliceIndex: number, row: number, col: number): number {
  return (
    (hash3(sliceIndex + series.noiseSalt * 100_000, row, col) % (2 * CT_NOISE_HU + 1)) - CT_NOISE_HU
  );
}

/** Modality value (HU) of a pixel, as a viewer computes it: stored * slope + intercept. */
export function phantomValueHU(
  sliceIndex: number,
  row: number,
  col: number,
  series: CtPhantomSeries = CURRENT_CT,
): number {
  const g = series.geometry;
  const material = ctMaterialHU(
    g.firstPixelXMm + col * g.pixelSpacingMm,
    g.firstPixelYMm + row * g.pixelSpacingMm,
    g.firstSliceZMm - sliceIndex * g.sliceSpacingMm,
    series.markerRadiusMm,
  );
  if (material === CT_MATERIALS_HU.padding || material === CT_MATERIALS_HU.air) return material;
  return material + noiseHU(series, sliceIndex, row, col);
}

/** Stored (signed 16-bit) values of one slice, row by row. */
export function renderCtSlice(series: CtPhantomSeries, sliceIndex: number): Int16Array {
  const g = series.geometry;
  const pixels = new Int16Array(g.rows * g.columns);
  for (let row = 0; row < g.rows; row++) {
    for (let col = 0; col < g.columns; col++) {
      pixels[row * g.columns + col] =
        (phantomValueHU(sliceIndex, row, col, series) - CT_RESCALE_INTERCEPT) / CT_RESCALE_SLOPE;
    }
  }
  return pixels;
}

/**
 * 8-bit derivation of the phantom, for transfer syntaxes limited to 8 bits (JPEG baseline):
 * stored8 = clamp(floor((HU + 1024) / 8), 0, 255), a fixed linear map of [-1024, +1024) HU onto
 * 0..255 (padding clamps to 0; air is 3, lung about 28, soft tissue about 133, bone about 215,
 * the marker about 253). With Rescale Slope 8 and Intercept -1020 (the centre of each 8 HU bin) a
 * viewer shows HU within 4 of the 16-bit value, before any compression loss.
 */
export const CT_8BIT = {
  rescaleSlope: 8,
  rescaleIntercept: -1020,
  /** HU of stored value 0: values below clamp to 0. */
  lowestHU: -1024,
} as const;

export function ct8BitFromHU(hu: number): number {
  return Math.min(255, Math.max(0, Math.floor((hu - CT_8BIT.lowestHU) / 8)));
}

/** The exact (uncompressed) 8-bit stored value of a pixel of the 8-bit derivation. */
export function phantomValue8Bit(
  sliceIndex: number,
  row: number,
  col: number,
  series: CtPhantomSeries = CURRENT_CT,
): number {
  return ct8BitFromHU(phantomValueHU(sliceIndex, row, col, series));
}

/** Stored (unsigned 8-bit) values of one slice of the 8-bit derivation, row by row. */
export function renderCtSlice8Bit(series: CtPhantomSeries, sliceIndex: number): Uint8Array {
  const g = series.geometry;
  const pixels = new Uint8Array(g.rows * g.columns);
  for (let row = 0; row < g.rows; row++) {
    for (let col = 0; col < g.columns; col++)
      pixels[row * g.columns + col] = phantomValue8Bit(sliceIndex, row, col, series);
  }
  return pixels;
}

export const LOCALIZER_GEOMETRY = {
  rows: 352,
  columns: 512,
  pixelSpacingMm: 0.78125,
  firstRowZMm: 0,
} as const;

/**
 * Coronal projection radiograph (topogram) of the phantom: water-equivalent path length along y,
 * 12 stored bits, dense = bright.
 */
export function renderLocalizer(): Uint16Array {
  const { rows, columns, pixelSpacingMm, firstRowZMm } = LOCALIZER_GEOMETRY;
  const pixels = new Uint16Array(rows * columns);
  const stepMm = 4;
  for (let row = 0; row < rows; row++) {
    const z = firstRowZMm - row * pixelSpacingMm;
    for (let col = 0; col < columns; col++) {
      const x = xOf(col);
      let pathMm = 0;
      for (let y = -body.b; y <= body.b; y += stepMm) {
        const hu = ctMaterialHU(x, y, z, CURRENT_CT.markerRadiusMm);
        if (hu > CT_MATERIALS_HU.air) pathMm += ((hu + 1000) / 1000) * stepMm;
      }
      pixels[row * columns + col] = Math.min(4095, Math.round(pathMm * 12));
    }
  }
  return pixels;
}
