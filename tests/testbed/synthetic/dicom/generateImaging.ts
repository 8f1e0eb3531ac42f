import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PatientKey } from '../patients';
import { GENERATOR_VERSION } from '../version';
import { loadEncoders } from './pixelData';
import { renderSeries } from './renderSeries';
import { STUDY_PLANS, type StudyPlan } from './studyPlan';
import type { TransferSyntaxUid } from './transferSyntaxes';
import { seriesInstanceUid, studyInstanceUid } from './uids';

export interface GeneratedInstance {
  sopInstanceUid: string;
  sopClassUid: string;
  instanceNumber: number;
  numberOfFrames: number;
  /** Path relative to the imaging folder. */
  file: string;
  size: number;
}

export interface GeneratedSeries {
  key: string;
  seriesInstanceUid: string;
  seriesNumber: number;
  modality: string;
  description: string;
  transferSyntaxUid: TransferSyntaxUid;
  instances: GeneratedInstance[];
}

export interface GeneratedStudy {
  key: string;
  patientKey: PatientKey;
  studyInstanceUid: string;
  accessionNumber: string;
  date: string;
  description: string;
  series: GeneratedSeries[];
}

export interface ImagingManifest {
  generatorVersion: string;
  studies: GeneratedStudy[];
}

export const IMAGING_MANIFEST = 'manifest.json';

/** Renders every planned study into `folder` (one Part-10 file per instance) and writes the manifest last. */
export async function generateImaging(
  folder: string,
  plans: readonly StudyPlan[] = STUDY_PLANS,
): Promise<ImagingManifest> {
  const encoders = await loadEncoders();
  const studies: GeneratedStudy[] = [];
  for (const study of plans) {
    const series: GeneratedSeries[] = [];
    for (const plan of study.series) {
      const relativeFolder = join(study.key, plan.key);
      mkdirSync(join(folder, relativeFolder), { recursive: true });
      const instances: GeneratedInstance[] = [];
      for (const instance of renderSeries(study, plan, encoders)) {
        const file = join(
          relativeFolder,
          `${String(instance.instanceNumber).padStart(4, '0')}.dcm`,
        );
        writeFileSync(join(folder, file), instance.bytes);
        const { bytes, ...metadata } = instance;
        instances.push({ ...metadata, file, size: bytes.byteLength });
      }
      series.push({
        key: plan.key,
        seriesInstanceUid: seriesInstanceUid(study, plan),
        seriesNumber: plan.number,
        modality: plan.modality,
        description: plan.description,
        transferSyntaxUid: plan.transferSyntax,
        instances,
      });
    }
    studies.push({
      key: study.key,
      patientKey: study.patientKey,
      studyInstanceUid: studyInstanceUid(study),
      accessionNumber: study.accessionNumber,
      date: study.date,
      description: study.description,
      series,
    });
  }
  const manifest: ImagingManifest = { generatorVersion: GENERATOR_VERSION, studies };
  writeFileSync(join(folder, IMAGING_MANIFEST), JSON.stringify(manifest, null, 1));
  return manifest;
}
