import {
  CR_CHEST,
  DX_CHEST,
  DX_WRIST,
  crChestStoredPixels,
  dxChestPixels,
  dxWristPixels,
} from '../pixels/radiographs';
import { bytesOf, imagePixelModule, type Encoders } from './pixelData';
import { renderInstance, type RenderedInstance } from './renderedInstance';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { SopClass } from './transferSyntaxes';
import type { Dataset } from './writer';

type ProjectionKind = 'dxChest' | 'crChestMonochrome1' | 'dxWrist';

const LAYOUT = {
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 0,
} as const;

function projectionAttributes(kind: ProjectionKind): {
  sopClassUid: string;
  size: { rows: number; columns: number; spacingMm: number };
  pixels: () => Uint16Array;
  specific: Dataset;
} {
  switch (kind) {
    case 'dxChest':
      return {
        sopClassUid: SopClass.dxForPresentation,
        size: DX_CHEST,
        pixels: dxChestPixels,
        specific: {
          PresentationIntentType: 'FOR PRESENTATION',
          ViewPosition: 'PA',
          ImageLaterality: 'U',
          KVP: 125,
          PixelIntensityRelationship: 'LOG',
          PixelIntensityRelationshipSign: 1,
          PresentationLUTShape: 'IDENTITY',
          RescaleIntercept: 0,
          RescaleSlope: 1,
          RescaleType: 'US',
          WindowCenter: 1600,
          WindowWidth: 3000,
        },
      };
    case 'crChestMonochrome1':
      return {
        sopClassUid: SopClass.cr,
        size: CR_CHEST,
        pixels: crChestStoredPixels,
        specific: {
          ViewPosition: 'PA',
          KVP: 120,
          WindowCenter: 2400,
          WindowWidth: 3000,
          PhotometricInterpretation: 'MONOCHROME1',
        },
      };
    case 'dxWrist':
      return {
        sopClassUid: SopClass.dxForPresentation,
        size: DX_WRIST,
        pixels: dxWristPixels,
        specific: {
          PresentationIntentType: 'FOR PRESENTATION',
          ViewPosition: 'PA',
          ImageLaterality: 'L',
          KVP: 55,
          PixelIntensityRelationship: 'LOG',
          PixelIntensityRelationshipSign: 1,
          PresentationLUTShape: 'IDENTITY',
          RescaleIntercept: 0,
          RescaleSlope: 1,
          RescaleType: 'US',
          WindowCenter: 2000,
          WindowWidth: 3600,
        },
      };
  }
}

export function* renderProjection(
  study: StudyPlan,
  series: SeriesPlan,
  kind: ProjectionKind,
  encoders: Encoders,
): Generator<RenderedInstance> {
  const { sopClassUid, size, pixels, specific } = projectionAttributes(kind);
  yield renderInstance(study, series, 0, sopClassUid, {
    ImageType: ['ORIGINAL', 'PRIMARY'],
    PatientOrientation: ['L', 'F'],
    ImagerPixelSpacing: [size.spacingMm, size.spacingMm],
    PixelSpacing: [size.spacingMm, size.spacingMm],
    ...imagePixelModule(
      [bytesOf(pixels())],
      { rows: size.rows, columns: size.columns, ...LAYOUT },
      series.transferSyntax,
      encoders,
    ),
    // After the pixel module, which defaults to MONOCHROME2.
    ...specific,
  });
}
