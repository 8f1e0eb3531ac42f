import {
  BRAIN_GEOMETRY,
  KNEE_GEOMETRY,
  renderBrainSlice,
  renderKneeSlice,
  type BrainContrast,
} from '../pixels/mrPhantom';
import { bytesOf, imagePixelModule, type Encoders } from './pixelData';
import { renderInstance, type RenderedInstance } from './renderedInstance';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { SopClass } from './transferSyntaxes';
import { frameOfReferenceUid } from './uids';
import type { Dataset } from './writer';

const SEQUENCES: Record<BrainContrast, Dataset> = {
  T1: {
    ScanningSequence: 'SE',
    SequenceVariant: 'NONE',
    RepetitionTime: 500,
    EchoTime: 12,
    WindowCenter: 700,
    WindowWidth: 1200,
  },
  T2: {
    ScanningSequence: 'SE',
    SequenceVariant: 'SK',
    RepetitionTime: 4000,
    EchoTime: 100,
    WindowCenter: 1000,
    WindowWidth: 2000,
  },
  FLAIR: {
    ScanningSequence: ['SE', 'IR'],
    SequenceVariant: 'SK',
    RepetitionTime: 9000,
    EchoTime: 120,
    InversionTime: 2500,
    WindowCenter: 900,
    WindowWidth: 1800,
  },
};

const MR_LAYOUT = {
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 0,
} as const;

export function* renderBrainSeries(
  study: StudyPlan,
  series: SeriesPlan,
  contrast: BrainContrast,
  encoders: Encoders,
): Generator<RenderedInstance> {
  const g = BRAIN_GEOMETRY;
  for (let index = 0; index < g.sliceCount; index++) {
    const z = g.firstSliceZMm - index * g.sliceSpacingMm;
    yield renderInstance(study, series, index, SopClass.mr, {
      ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
      ...SEQUENCES[contrast],
      MRAcquisitionType: '2D',
      MagneticFieldStrength: 1.5,
      SliceThickness: g.sliceThicknessMm,
      SpacingBetweenSlices: g.sliceSpacingMm,
      PatientPosition: 'HFS',
      ProtocolName: 'Encéphale',
      ImagePositionPatient: [g.firstPixelXMm, g.firstPixelYMm, z],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      FrameOfReferenceUID: frameOfReferenceUid(study),
      PositionReferenceIndicator: '',
      SliceLocation: z,
      PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
      ...imagePixelModule(
        [bytesOf(renderBrainSlice(contrast, index))],
        { rows: g.rows, columns: g.columns, ...MR_LAYOUT },
        series.transferSyntax,
        encoders,
      ),
    });
  }
}

export function* renderKneeSeries(
  study: StudyPlan,
  series: SeriesPlan,
  encoders: Encoders,
): Generator<RenderedInstance> {
  const g = KNEE_GEOMETRY;
  for (let index = 0; index < g.sliceCount; index++) {
    const x = g.firstSliceXMm + index * g.sliceSpacingMm;
    yield renderInstance(study, series, index, SopClass.mr, {
      ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
      ScanningSequence: 'SE',
      SequenceVariant: ['SK', 'SP'],
      MRAcquisitionType: '2D',
      RepetitionTime: 3000,
      EchoTime: 30,
      MagneticFieldStrength: 3,
      SliceThickness: g.sliceThicknessMm,
      SpacingBetweenSlices: g.sliceSpacingMm,
      PatientPosition: 'FFS',
      ProtocolName: 'Genou',
      Laterality: 'R',
      ImagePositionPatient: [x, g.firstPixelYMm, g.firstPixelZMm],
      ImageOrientationPatient: [0, 1, 0, 0, 0, -1],
      FrameOfReferenceUID: frameOfReferenceUid(study),
      PositionReferenceIndicator: '',
      SliceLocation: x,
      PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
      WindowCenter: 800,
      WindowWidth: 1600,
      ...imagePixelModule(
        [bytesOf(renderKneeSlice(index))],
        { rows: g.rows, columns: g.columns, ...MR_LAYOUT },
        series.transferSyntax,
        encoders,
      ),
    });
  }
}
