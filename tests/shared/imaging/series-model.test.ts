import { describe, expect, it } from 'vitest';
import { Tag, type DicomJsonDataset } from '../../../shared/dicom/dicom-json';
import { buildSeriesModel, isImageModality } from '../../../shared/imaging/series-model';

const STUDY = '1.2.826.0.1.3680043.10.99.1';
const SERIES = `${STUDY}.2`;
const FRAME_OF_REFERENCE = `${STUDY}.9`;
const AXIAL = [1, 0, 0, 0, 1, 0];
/** Rows along +y (posterior), columns towards the feet. */
const SAGITTAL = [0, 1, 0, 0, 0, -1];
/** Rows along +x (patient left), columns towards the feet. */
const CORONAL = [1, 0, 0, 0, 0, -1];

interface InstanceOptions {
  number?: number;
  position?: number[];
  orientation?: number[];
  rows?: number;
  columns?: number;
  frames?: number;
  modality?: string;
  extra?: DicomJsonDataset;
}

const sop = (index: number) => `${SERIES}.${index}`;

/** WADO-RS metadata of one instance, as DICOM JSON (numbers as the server sends them). */
function instance(index: number, options: InstanceOptions = {}): DicomJsonDataset {
  const dataset: DicomJsonDataset = {
    [Tag.sopClassUid]: { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
    [Tag.sopInstanceUid]: { vr: 'UI', Value: [sop(index)] },
    [Tag.studyInstanceUid]: { vr: 'UI', Value: [STUDY] },
    [Tag.seriesInstanceUid]: { vr: 'UI', Value: [SERIES] },
    [Tag.modality]: { vr: 'CS', Value: [options.modality ?? 'CT'] },
    [Tag.seriesDescription]: { vr: 'LO', Value: ['TAP 1.25 mm portal '] },
    [Tag.seriesNumber]: { vr: 'IS', Value: [2] },
    [Tag.instanceNumber]: { vr: 'IS', Value: [options.number ?? index] },
    [Tag.frameOfReferenceUid]: { vr: 'UI', Value: [FRAME_OF_REFERENCE] },
    [Tag.sliceThickness]: { vr: 'DS', Value: [1.25] },
    [Tag.rows]: { vr: 'US', Value: [options.rows ?? 512] },
    [Tag.columns]: { vr: 'US', Value: [options.columns ?? 512] },
    ...options.extra,
  };
  if (options.position) {
    dataset[Tag.imagePositionPatient] = { vr: 'DS', Value: options.position };
  }
  if (options.orientation) {
    dataset[Tag.imageOrientationPatient] = { vr: 'DS', Value: options.orientation };
  }
  if (options.frames !== undefined) {
    dataset[Tag.numberOfFrames] = { vr: 'IS', Value: [options.frames] };
  }
  return dataset;
}

/** An axial stack, listed in `order` (indexes into the slices), slice i at z = -100 - 2.5 i. */
function axialStack(count: number, order?: number[]): DicomJsonDataset[] {
  const slices = Array.from({ length: count }, (_, i) =>
    instance(i + 1, { position: [-250, -250, -100 - 2.5 * i], orientation: AXIAL }),
  );
  return (order ?? slices.map((_, i) => i)).map((i) => slices[i] as DicomJsonDataset);
}

describe('buildSeriesModel', () => {
  it('describes the series from its first usable instance', () => {
    const instances = axialStack(3);
    const model = buildSeriesModel(instances);
    expect(model).toMatchObject({
      studyInstanceUid: STUDY,
      seriesInstanceUid: SERIES,
      modality: 'CT',
      description: 'TAP 1.25 mm portal',
      number: 2,
      frameOfReferenceUid: FRAME_OF_REFERENCE,
      rows: 512,
      columns: 512,
      sliceThickness: 1.25,
      patientOrientation: undefined,
      cine: undefined,
    });
    // The loader gets each instance's own metadata object.
    expect(model?.images.map((image) => image.metadata)).toEqual(instances);
    expect(model?.images[0]?.metadata).toBe(instances[0]);
  });

  it('orders an axial stack from head to feet (decreasing z), whatever the listing order', () => {
    const model = buildSeriesModel(axialStack(5, [3, 0, 4, 2, 1]));
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([1, 2, 3, 4, 5].map(sop));
    expect(model?.images.map((image) => image.position)).toEqual([
      -100, -102.5, -105, -107.5, -110,
    ]);
    expect(model?.images.every((image) => image.frame === 1)).toBe(true);
  });

  it('orders by position along the normal, not by instance number', () => {
    // Instance numbers run feet to head here: the geometry wins.
    const instances = [0, 1, 2].map((i) =>
      instance(10 + i, { number: 3 - i, position: [0, 0, 10 * i], orientation: AXIAL }),
    );
    const model = buildSeriesModel(instances);
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([12, 11, 10].map(sop));
  });

  it('projects oblique positions on the normal', () => {
    // Tilted 30 degrees about x: the normal is (0, -sin 30, cos 30).
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const orientation = [1, 0, 0, 0, c, s];
    const instances = [0, 1, 2].map((i) =>
      instance(i + 1, { position: [5, -3 * i * s, 3 * i * c], orientation }),
    );
    const model = buildSeriesModel([1, 2, 0].map((i) => instances[i] as DicomJsonDataset));
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([3, 2, 1].map(sop));
    expect(model?.spacing).toBeCloseTo(3, 6);
    expect(model?.reconstructable).toBe(true);
  });

  it('orders a feet-first axial stack head first too', () => {
    // Feet-first supine: the rows run towards the patient's right, so the plane's normal
    // (row x column) points to the feet. The display order must not depend on that sign.
    const instances = [-110, -100, -105].map((z, i) =>
      instance(i + 1, { position: [250, -250, z], orientation: [-1, 0, 0, 0, 1, 0] }),
    );
    const model = buildSeriesModel(instances);
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([2, 3, 1].map(sop));
    expect(model?.reconstructable).toBe(true);
    expect(model?.spacing).toBeCloseTo(5, 9);
  });

  it('orders a sagittal stack from right to left', () => {
    // LPS: +x is the patient's left.
    const instances = [10, -10, 0].map((x, i) =>
      instance(i + 1, { position: [x, -100, 100], orientation: SAGITTAL }),
    );
    const model = buildSeriesModel(instances);
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([2, 3, 1].map(sop));
  });

  it('orders a coronal stack from front to back', () => {
    // LPS: +y is posterior. The documented order is front (smallest y) to back.
    const instances = [20, -20, 0].map((y, i) =>
      instance(i + 1, { position: [-100, y, 100], orientation: CORONAL }),
    );
    const model = buildSeriesModel(instances);
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([2, 3, 1].map(sop));
  });

  it('falls back to the instance number without geometry', () => {
    const instances = [3, 1, 2].map((number) => instance(number));
    const model = buildSeriesModel(instances);
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([1, 2, 3].map(sop));
    expect(model?.images.map((image) => image.position)).toEqual([undefined, undefined, undefined]);
    expect(model?.spacing).toBeUndefined();
    expect(model?.reconstructable).toBe(false);
  });

  it('falls back to the instance number when images share a position', () => {
    const instances = [2, 1].map((number) =>
      instance(number, { position: [0, 0, 7], orientation: AXIAL }),
    );
    expect(buildSeriesModel(instances)?.images.map((image) => image.sopInstanceUid)).toEqual(
      [1, 2].map(sop),
    );
  });

  it('falls back to the instance number when the orientation is degenerate', () => {
    const instances = [2, 3, 1].map((number) =>
      instance(number, { position: [0, 0, number], orientation: [1, 0, 0, 1, 0, 0] }),
    );
    const model = buildSeriesModel(instances);
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([1, 2, 3].map(sop));
    expect(model?.reconstructable).toBe(false);
  });

  it('expands a multi-frame instance into frames 1..N, to be played', () => {
    const model = buildSeriesModel([
      instance(1, {
        modality: 'US',
        frames: 4,
        rows: 480,
        columns: 640,
        extra: { [Tag.frameTime]: { vr: 'DS', Value: [40] } },
      }),
    ]);
    expect(model?.images.map((image) => [image.sopInstanceUid, image.frame])).toEqual([
      [sop(1), 1],
      [sop(1), 2],
      [sop(1), 3],
      [sop(1), 4],
    ]);
    expect(model?.images.every((image) => image.position === undefined)).toBe(true);
    expect(model?.cine).toEqual({ framesPerSecond: 25 });
    expect(model?.reconstructable).toBe(false);
    expect(model?.spacing).toBeUndefined();
  });

  it.each([
    ['Frame Time (0018,1063)', { [Tag.frameTime]: { vr: 'DS', Value: ['33.3333'] } }, 30],
    [
      'Recommended Display Frame Rate (0008,2144)',
      { [Tag.recommendedDisplayFrameRate]: { vr: 'IS', Value: [24] } },
      24,
    ],
    ['Cine Rate (0018,0040)', { [Tag.cineRate]: { vr: 'IS', Value: [12] } }, 12],
    [
      'Frame Time before the display rate',
      {
        [Tag.frameTime]: { vr: 'DS', Value: [100] },
        [Tag.recommendedDisplayFrameRate]: { vr: 'IS', Value: [50] },
      },
      10,
    ],
    ['no timing at all (default)', {}, 15],
    ['a zero Frame Time (default)', { [Tag.frameTime]: { vr: 'DS', Value: [0] } }, 15],
  ])('plays a multi-frame instance at the rate of %s', (_, extra, framesPerSecond) => {
    const model = buildSeriesModel([instance(1, { frames: 3, extra })]);
    expect(model?.cine).toEqual({ framesPerSecond });
  });

  it('does not play a single-frame series', () => {
    const extra = { [Tag.frameTime]: { vr: 'DS', Value: [40] } };
    expect(buildSeriesModel([instance(1, { frames: 1, extra })])?.cine).toBeUndefined();
    expect(buildSeriesModel([instance(1, { extra })])?.cine).toBeUndefined();
  });

  it('keeps frame numbers per instance when several multi-frame instances share a series', () => {
    const model = buildSeriesModel([instance(2, { frames: 2 }), instance(1, { frames: 3 })]);
    expect(model?.images.map((image) => `${image.sopInstanceUid}#${image.frame}`)).toEqual([
      `${sop(1)}#1`,
      `${sop(1)}#2`,
      `${sop(1)}#3`,
      `${sop(2)}#1`,
      `${sop(2)}#2`,
    ]);
    expect(model?.reconstructable).toBe(false);
  });

  it('reads a missing or zero Number of Frames as one frame', () => {
    expect(buildSeriesModel([instance(1, { frames: 0 })])?.images).toHaveLength(1);
    expect(buildSeriesModel([instance(1)])?.images).toHaveLength(1);
  });

  describe('reconstructable and spacing', () => {
    it('is true for three or more parallel, evenly spaced, same-size single-frame images', () => {
      const model = buildSeriesModel(axialStack(3, [2, 0, 1]));
      expect(model?.reconstructable).toBe(true);
      expect(model?.spacing).toBeCloseTo(2.5, 9);
      expect(buildSeriesModel(axialStack(40))?.reconstructable).toBe(true);
    });

    it('tolerates rounding in the written positions', () => {
      const instances = [0, 1.2501, 2.4999, 3.75].map((offset, i) =>
        instance(i + 1, { position: [0, 0, -offset], orientation: AXIAL }),
      );
      const model = buildSeriesModel(instances);
      expect(model?.reconstructable).toBe(true);
      expect(model?.spacing).toBeCloseTo(1.2501, 9);
    });

    it('is false for two images', () => {
      const model = buildSeriesModel(axialStack(2));
      expect(model?.reconstructable).toBe(false);
      expect(model?.spacing).toBeCloseTo(2.5, 9);
    });

    it('is false for uneven spacing, which also has no spacing', () => {
      const instances = [0, 2.5, 5, 10].map((offset, i) =>
        instance(i + 1, { position: [0, 0, -offset], orientation: AXIAL }),
      );
      const model = buildSeriesModel(instances);
      expect(model?.reconstructable).toBe(false);
      expect(model?.spacing).toBeUndefined();
    });

    it('is false when two images share a position', () => {
      const instances = [0, 2.5, 2.5, 5].map((offset, i) =>
        instance(i + 1, { position: [0, 0, -offset], orientation: AXIAL }),
      );
      expect(buildSeriesModel(instances)?.reconstructable).toBe(false);
    });

    it('is false for mixed image sizes', () => {
      const instances = axialStack(4);
      instances[2] = { ...instances[2], [Tag.columns]: { vr: 'US', Value: [256] } };
      const model = buildSeriesModel(instances);
      expect(model?.reconstructable).toBe(false);
      // The stack is still evenly spaced: scrolling and spacing stay.
      expect(model?.spacing).toBeCloseTo(2.5, 9);
      expect(model?.images).toHaveLength(4);
    });

    it('is false when an image is not parallel to the others', () => {
      const instances = axialStack(4);
      const tilted = [1, 0, 0, 0, Math.cos(0.1), Math.sin(0.1)];
      instances[3] = {
        ...instances[3],
        [Tag.imageOrientationPatient]: { vr: 'DS', Value: tilted },
      };
      expect(buildSeriesModel(instances)?.reconstructable).toBe(false);
    });

    it('is false when an image has no orientation', () => {
      const instances = axialStack(4);
      instances[1] = { ...instances[1], [Tag.imageOrientationPatient]: undefined };
      expect(buildSeriesModel(instances)?.reconstructable).toBe(false);
    });

    it('is false for a multi-frame instance, even with geometry', () => {
      const model = buildSeriesModel([
        instance(1, { frames: 30, position: [0, 0, 0], orientation: AXIAL }),
      ]);
      expect(model?.images).toHaveLength(30);
      expect(model?.reconstructable).toBe(false);
    });

    it('is false for a stack mixing single-frame and multi-frame instances', () => {
      const instances = axialStack(4);
      instances[0] = { ...instances[0], [Tag.numberOfFrames]: { vr: 'IS', Value: [2] } };
      const model = buildSeriesModel(instances);
      expect(model?.images).toHaveLength(5);
      expect(model?.reconstructable).toBe(false);
    });
  });

  it('skips instances without a usable UID or size', () => {
    const model = buildSeriesModel([
      { ...instance(9), [Tag.sopInstanceUid]: undefined },
      { ...instance(8), [Tag.sopInstanceUid]: { vr: 'UI', Value: ['not-a-uid'] } },
      instance(7, { rows: 0 }),
      { ...instance(6), [Tag.columns]: undefined },
      { ...instance(5), [Tag.rows]: { vr: 'US', Value: ['x'] } },
      instance(2),
      instance(1),
    ]);
    expect(model?.images.map((image) => image.sopInstanceUid)).toEqual([1, 2].map(sop));
  });

  it('takes the series identity from the first usable instance', () => {
    const model = buildSeriesModel([
      { ...instance(1, { rows: 0 }), [Tag.seriesInstanceUid]: { vr: 'UI', Value: ['9.9'] } },
      instance(2, { rows: 256, columns: 128 }),
    ]);
    expect(model?.seriesInstanceUid).toBe(SERIES);
    expect([model?.rows, model?.columns]).toEqual([256, 128]);
  });

  it('is undefined for no instances, no usable instance, or no study or series UID', () => {
    expect(buildSeriesModel([])).toBeUndefined();
    expect(buildSeriesModel([instance(1, { rows: 0 }), {}])).toBeUndefined();
    expect(
      buildSeriesModel([{ ...instance(1), [Tag.studyInstanceUid]: undefined }]),
    ).toBeUndefined();
    expect(
      buildSeriesModel([{ ...instance(1), [Tag.seriesInstanceUid]: { vr: 'UI', Value: [''] } }]),
    ).toBeUndefined();
  });

  it('calls a series without modality OT', () => {
    const model = buildSeriesModel([{ ...instance(1), [Tag.modality]: undefined }]);
    expect(model?.modality).toBe('OT');
  });

  it('keeps the Patient Orientation of a projection radiograph', () => {
    const radiograph = (value: unknown[]) =>
      buildSeriesModel([
        instance(1, {
          modality: 'DX',
          extra: { [Tag.patientOrientation]: { vr: 'CS', Value: value } },
        }),
      ])?.patientOrientation;
    expect(radiograph(['L', 'F'])).toEqual(['L', 'F']);
    expect(radiograph(['L'])).toBeUndefined();
    expect(radiograph(['L', 'F', 'A'])).toBeUndefined();
    expect(radiograph(['L', 3])).toBeUndefined();
  });
});

describe('isImageModality', () => {
  it.each(['CT', 'MR', 'DX', 'CR', 'US', 'XA', 'MG', 'NM', 'PT', 'OT'])('%s is an image', (m) => {
    expect(isImageModality(m)).toBe(true);
  });

  it.each(['KO', 'PR', 'SR', 'SEG', 'RTSTRUCT', 'DOC'])('%s is not', (modality) => {
    expect(isImageModality(modality)).toBe(false);
  });

  it('an unknown modality is not', () => {
    expect(isImageModality(undefined)).toBe(false);
  });
});
