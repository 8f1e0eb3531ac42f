import {
  CT_PIXEL_PADDING_STORED,
  CT_RESCALE_INTERCEPT,
  CT_RESCALE_SLOPE,
  CURRENT_CT,
  LOCALIZER_GEOMETRY,
  PRIOR_CT,
  renderCtSlice,
  renderLocalizer,
} from '../pixels/ctPhantom';
import { bytesOf, imagePixelModule, type Encoders } from './pixelData';
import { renderInstance, type RenderedInstance } from './renderedInstance';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { SopClass } from './transferSyntaxes';
import { frameOfReferenceUid } from './uids';

export function* renderCtAxial(
  study: StudyPlan,
  series: SeriesPlan,
  phantom: 'current' | 'prior',
  encoders: Encoders,
): Generator<RenderedInstance> {
  const ct = phantom === 'current' ? CURRENT_CT : PRIOR_CT;
  const g = ct.geometry;
  for (let index = 0; index < g.sliceCount; index++) {
    const z = g.firstSliceZMm - index * g.sliceSpacingMm;
    yield renderInstance(study, series, index, SopClass.ct, {
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      KVP: 120,
      SliceThickness: g.sliceThicknessMm,
      SpacingBetweenSlices: g.sliceSpacingMm,
      ConvolutionKernel: 'STANDARD',
      PatientPosition: 'HFS',
      ProtocolName: 'TAP portal',
      AcquisitionNumber: 1,
      ImagePositionPatient: [g.firstPixelXMm, g.firstPixelYMm, z],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      FrameOfReferenceUID: frameOfReferenceUid(study),
      PositionReferenceIndicator: '',
      SliceLocation: z,
      PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
      RescaleIntercept: CT_RESCALE_INTERCEPT,
      RescaleSlope: CT_RESCALE_SLOPE,
      RescaleType: 'HU',
      WindowCenter: [40, -600],
      WindowWidth: [400, 1500],
      WindowCenterWidthExplanation: ['MEDIASTIN', 'POUMON'],
      PixelPaddingValue: CT_PIXEL_PADDING_STORED,
      ...imagePixelModule(
        [bytesOf(renderCtSlice(ct, index))],
        {
          rows: g.rows,
          columns: g.columns,
          samplesPerPixel: 1,
          bitsAllocated: 16,
          bitsStored: 16,
          pixelRepresentation: 1,
        },
        series.transferSyntax,
        encoders,
      ),
    });
  }
}

/** Coronal topogram sharing the axial series' frame of reference (for reference lines). */
export function* renderCtLocalizer(
  study: StudyPlan,
  series: SeriesPlan,
  encoders: Encoders,
): Generator<RenderedInstance> {
  const g = LOCALIZER_GEOMETRY;
  yield renderInstance(study, series, 0, SopClass.ct, {
    ImageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'],
    KVP: 120,
    SliceThickness: null,
    PatientPosition: 'HFS',
    ProtocolName: 'TAP portal',
    AcquisitionNumber: 1,
    ImagePositionPatient: [CURRENT_CT.geometry.firstPixelXMm, 0, g.firstRowZMm],
    ImageOrientationPatient: [1, 0, 0, 0, 0, -1],
    FrameOfReferenceUID: frameOfReferenceUid(study),
    PositionReferenceIndicator: '',
    PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
    RescaleIntercept: 0,
    RescaleSlope: 1,
    RescaleType: 'US',
    WindowCenter: 1800,
    WindowWidth: 3600,
    ...imagePixelModule(
      [bytesOf(renderLocalizer())],
      {
        rows: g.rows,
        columns: g.columns,
        samplesPerPixel: 1,
        bitsAllocated: 16,
        bitsStored: 12,
        pixelRepresentation: 0,
      },
      series.transferSyntax,
      encoders,
    ),
  });
}
