import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  IMAGING_MANIFEST,
  generateImaging,
  type GeneratedStudy,
  type ImagingManifest,
} from './dicom/generateImaging';
import { buildRecords, type RecordData, type RecordDocument } from './documents/buildRecords';
import type { PatientKey } from './patients';
import { GENERATOR_VERSION } from './version';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_CACHE_DIR = join(REPOSITORY_ROOT, '.cache', 'synthetic', GENERATOR_VERSION);
/** Orthanc's default DICOMweb root; loaders for another address pass their own. */
export const DEFAULT_DICOMWEB_BASE_URL = 'http://127.0.0.1:8042/dicom-web';

export interface SyntheticDataOptions {
  cacheDir?: string;
  /** Written into every KOS RetrieveURL. */
  dicomwebBaseUrl?: string;
  log?: (line: string) => void;
}

export interface SyntheticData {
  cacheDir: string;
  dicomwebBaseUrl: string;
  imaging: ImagingManifest;
  records: RecordData;
  timings: {
    imagingMs: number;
    recordsMs: number;
    imagingFromCache: boolean;
    recordsFromCache: boolean;
  };
  /** Absolute paths of the image files (no KOS), optionally for some patients or studies only. */
  dicomFiles(filter?: {
    patientKeys?: readonly PatientKey[];
    studyKeys?: readonly string[];
  }): string[];
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Renames a freshly written folder into place; if a concurrent run got there first, keeps theirs. */
function publish(partial: string, final: string): void {
  try {
    renameSync(partial, final);
  } catch (error) {
    if (!existsSync(join(final, IMAGING_MANIFEST))) throw error;
    rmSync(partial, { recursive: true, force: true });
  }
}

async function ensureImaging(
  cacheDir: string,
): Promise<{ manifest: ImagingManifest; fromCache: boolean }> {
  const folder = join(cacheDir, 'imaging');
  const cached = readJson<ImagingManifest>(join(folder, IMAGING_MANIFEST));
  if (cached?.generatorVersion === GENERATOR_VERSION) return { manifest: cached, fromCache: true };
  rmSync(folder, { recursive: true, force: true });
  const partial = `${folder}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const manifest = await generateImaging(partial);
  publish(partial, folder);
  return { manifest, fromCache: false };
}

type CachedDocument = Omit<RecordDocument, 'content'> & { content: string };
interface CachedRecords extends Omit<RecordData, 'documents'> {
  generatorVersion: string;
  dicomwebBaseUrl: string;
  documents: CachedDocument[];
}

async function ensureRecords(
  cacheDir: string,
  imaging: ImagingManifest,
  dicomwebBaseUrl: string,
): Promise<{ records: RecordData; fromCache: boolean }> {
  const baseKey = createHash('sha256').update(dicomwebBaseUrl).digest('hex').slice(0, 12);
  const file = join(cacheDir, 'records', `${baseKey}.json`);
  const cached = readJson<CachedRecords>(file);
  if (
    cached?.generatorVersion === GENERATOR_VERSION &&
    cached.dicomwebBaseUrl === dicomwebBaseUrl
  ) {
    const documents = cached.documents.map((document) => ({
      ...document,
      content: new Uint8Array(Buffer.from(document.content, 'base64')),
    }));
    return {
      records: { patients: cached.patients, submissionSets: cached.submissionSets, documents },
      fromCache: true,
    };
  }
  const records = await buildRecords(imaging, dicomwebBaseUrl);
  const serialised: CachedRecords = {
    generatorVersion: GENERATOR_VERSION,
    dicomwebBaseUrl,
    patients: records.patients,
    submissionSets: records.submissionSets,
    documents: records.documents.map((document) => ({
      ...document,
      content: Buffer.from(document.content).toString('base64'),
    })),
  };
  mkdirSync(join(cacheDir, 'records'), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, JSON.stringify(serialised));
  renameSync(partial, file);
  return { records, fromCache: false };
}

/** Generates the synthetic data set, or reuses the cache written by an earlier run of the same generator version. */
export async function ensureSyntheticData(
  options: SyntheticDataOptions = {},
): Promise<SyntheticData> {
  const cacheDir = resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const dicomwebBaseUrl = options.dicomwebBaseUrl ?? DEFAULT_DICOMWEB_BASE_URL;
  const log = options.log ?? (() => undefined);
  mkdirSync(cacheDir, { recursive: true });

  const imagingStart = performance.now();
  const { manifest, fromCache: imagingFromCache } = await ensureImaging(cacheDir);
  const imagingMs = performance.now() - imagingStart;
  log(
    `synthetic imaging: ${imagingFromCache ? 'cached' : 'generated'} in ${(imagingMs / 1000).toFixed(1)} s`,
  );

  const recordsStart = performance.now();
  const { records, fromCache: recordsFromCache } = await ensureRecords(
    cacheDir,
    manifest,
    dicomwebBaseUrl,
  );
  const recordsMs = performance.now() - recordsStart;
  log(
    `synthetic records: ${records.documents.length} documents ${recordsFromCache ? 'cached' : 'generated'} in ${(recordsMs / 1000).toFixed(1)} s`,
  );

  const imagingDir = join(cacheDir, 'imaging');
  return {
    cacheDir,
    dicomwebBaseUrl,
    imaging: manifest,
    records,
    timings: { imagingMs, recordsMs, imagingFromCache, recordsFromCache },
    dicomFiles(filter = {}) {
      const selected = (study: GeneratedStudy) =>
        (!filter.patientKeys || filter.patientKeys.includes(study.patientKey)) &&
        (!filter.studyKeys || filter.studyKeys.includes(study.key));
      return manifest.studies
        .filter(selected)
        .flatMap((study) =>
          study.series.flatMap((series) =>
            series.instances.map((instance) => join(imagingDir, instance.file)),
          ),
        );
    },
  };
}
