import { patientModule, seriesModule, studyModule } from './commonModules';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { sopInstanceUid } from './uids';
import { writePart10, type Dataset } from './writer';

export interface RenderedInstance {
  sopInstanceUid: string;
  sopClassUid: string;
  instanceNumber: number;
  numberOfFrames: number;
  bytes: Uint8Array;
}

/** Wraps the modality-specific attributes of instance `index` with the shared modules and encodes the file. */
export function renderInstance(
  study: StudyPlan,
  series: SeriesPlan,
  index: number,
  sopClassUid: string,
  specific: Dataset,
): RenderedInstance {
  const uid = sopInstanceUid(study, series, index);
  const contentTime = `${study.time.replace(':', '')}${String(index % 60).padStart(2, '0')}`;
  const dataset: Dataset = {
    ...patientModule(study),
    ...studyModule(study),
    ...seriesModule(study, series),
    SOPClassUID: sopClassUid,
    SOPInstanceUID: uid,
    InstanceNumber: index + 1,
    ContentDate: study.date.replaceAll('-', ''),
    ContentTime: contentTime,
    AcquisitionDate: study.date.replaceAll('-', ''),
    AcquisitionTime: contentTime,
    ...specific,
  };
  const frames = typeof specific.NumberOfFrames === 'number' ? specific.NumberOfFrames : 1;
  return {
    sopInstanceUid: uid,
    sopClassUid,
    instanceNumber: index + 1,
    numberOfFrames: frames,
    bytes: writePart10(dataset, series.transferSyntax),
  };
}
