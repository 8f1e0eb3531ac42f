import { renderCtAxial, renderCtLocalizer, renderCtSyntaxMatrix } from './ctSeries';
import { renderBrainSeries, renderKneeSeries } from './mrSeries';
import type { Encoders } from './pixelData';
import { renderProjection } from './projectionSeries';
import type { RenderedInstance } from './renderedInstance';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { renderUltrasoundCine } from './ultrasoundSeries';

/** Instances of one series, one at a time, so callers can stream them to disk. */
export function renderSeries(
  study: StudyPlan,
  series: SeriesPlan,
  encoders: Encoders,
): Iterable<RenderedInstance> {
  const content = series.content;
  switch (content.kind) {
    case 'ctAxial':
      return renderCtAxial(study, series, content.phantom, encoders);
    case 'ctLocalizer':
      return renderCtLocalizer(study, series, encoders);
    case 'ctSyntaxMatrix':
      return renderCtSyntaxMatrix(study, series, content.depth, encoders);
    case 'mrBrain':
      return renderBrainSeries(study, series, content.contrast, encoders);
    case 'mrKnee':
      return renderKneeSeries(study, series, encoders);
    case 'dxChest':
    case 'crChestMonochrome1':
    case 'dxWrist':
      return renderProjection(study, series, content.kind, encoders);
    case 'usCine':
      return renderUltrasoundCine(study, series, encoders);
  }
}
