import { ULTRASOUND_GEOMETRY, renderUltrasoundFrame } from '../pixels/ultrasound';
import { imagePixelModule, type Encoders } from './pixelData';
import { renderInstance, type RenderedInstance } from './renderedInstance';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { SopClass } from './transferSyntaxes';
import { tagOf } from './dictionary';

export function* renderUltrasoundCine(
  study: StudyPlan,
  series: SeriesPlan,
  encoders: Encoders,
): Generator<RenderedInstance> {
  const g = ULTRASOUND_GEOMETRY;
  const frames = Array.from({ length: g.frameCount }, (_, index) => renderUltrasoundFrame(index));
  yield renderInstance(study, series, 0, SopClass.usMultiframe, {
    ImageType: ['ORIGINAL', 'PRIMARY', 'ABDOMINAL'],
    NumberOfFrames: g.frameCount,
    FrameTime: g.frameTimeMs,
    FrameIncrementPointer: tagOf('FrameTime').tag,
    CineRate: Math.round(1000 / g.frameTimeMs),
    RecommendedDisplayFrameRate: Math.round(1000 / g.frameTimeMs),
    PatientOrientation: null,
    ...imagePixelModule(
      frames,
      {
        rows: g.rows,
        columns: g.columns,
        samplesPerPixel: 3,
        bitsAllocated: 8,
        bitsStored: 8,
        pixelRepresentation: 0,
      },
      series.transferSyntax,
      encoders,
    ),
  });
}
