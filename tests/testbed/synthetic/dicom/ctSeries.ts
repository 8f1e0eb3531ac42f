import {
  CT_8BIT,
  CT_PIXEL_PADDING_STORED,
  CT_RESCALE_INTERCEPT,
  CT_RESCALE_SLOPE,
  CURRENT_CT,
  LOCALIZER_GEOMETRY,
  PRIOR_CT,
  renderCtSlice,
  renderCtSlice8Bit,
  renderLocalizer,
} from '../pixels/ctPhantom';
import { bytesOf, imagePixelModule, type Encoders } from './pixelData';
import { renderInstance, type RenderedInstance } from './renderedInstance';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { SYNTAX_MATRIX_SLICES } from './syntaxMatrix';
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

/**
 * The transfer syntax matrix's series: CURRENT_CT slices SYNTAX_MATRIX_SLICES with their own
 * geometry, as signed 16-bit stored values, or (depth 8) as their 8-bit derivation (CT_8BIT).
 * The slices are not evenly spaced (no Spacing Between Slices): a stack to page through, not a
 * volume. The 8-bit series keeps the CT SOP class although the CT Image module asks for 16 bits
 * allocated: JPEG baseline carries no more, and viewers and Orthanc read 8-bit CT.
 */
export function* renderCtSyntaxMatrix(
  study: StudyPlan,
  series: SeriesPlan,
  depth: 16 | 8,
  encoders: Encoders,
): Generator<RenderedInstance> {
  const g = CURRENT_CT.geometry;
  const eightBit = depth === 8;
  for (const [index, sliceIndex] of SYNTAX_MATRIX_SLICES.entries()) {
    const z = g.firstSliceZMm - sliceIndex * g.sliceSpacingMm;
    const pixels = eightBit
      ? renderCtSlice8Bit(CURRENT_CT, sliceIndex)
      : bytesOf(renderCtSlice(CURRENT_CT, sliceIndex));
    yield renderInstance(study, series, index, SopClass.ct, {
      ImageType: eightBit ? ['DERIVED', 'SECONDARY', 'AXIAL'] : ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      ...(eightBit
        ? {
            DerivationDescription:
              'stored = clamp(floor((HU + 1024) / 8), 0, 255); HU = 8 x stored - 1020',
          }
        : {}),
      KVP: 120,
      SliceThickness: g.sliceThicknessMm,
      ConvolutionKernel: 'STANDARD',
      PatientPosition: 'HFS',
      ProtocolName: 'Contrôle qualité syntaxes',
      AcquisitionNumber: 1,
      ImagePositionPatient: [g.firstPixelXMm, g.firstPixelYMm, z],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      FrameOfReferenceUID: frameOfReferenceUid(study),
      PositionReferenceIndicator: '',
      SliceLocation: z,
      ImageComments: `Fantôme CT : coupe ${sliceIndex} (0 à ${g.sliceCount - 1}) de la série de référence`,
      PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
      RescaleIntercept: eightBit ? CT_8BIT.rescaleIntercept : CT_RESCALE_INTERCEPT,
      RescaleSlope: eightBit ? CT_8BIT.rescaleSlope : CT_RESCALE_SLOPE,
      RescaleType: 'HU',
      WindowCenter: [40, -600],
      WindowWidth: [400, 1500],
      WindowCenterWidthExplanation: ['MEDIASTIN', 'POUMON'],
      // A padding value means nothing once lossy compression has blurred the edge of the circle.
      ...(eightBit ? {} : { PixelPaddingValue: CT_PIXEL_PADDING_STORED }),
      ...imagePixelModule(
        [pixels],
        {
          rows: g.rows,
          columns: g.columns,
          samplesPerPixel: 1,
          bitsAllocated: depth,
          bitsStored: depth,
          pixelRepresentation: eightBit ? 0 : 1,
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
