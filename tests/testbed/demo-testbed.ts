import { startOrthanc } from './orthanc';
import { startRecordServer } from './record-server/server';
import { ensureSyntheticData, loadIntoOrthanc, loadIntoRecordServer } from './synthetic';

export interface DemoTestbed {
  recordsUrl: string;
  dicomwebUrl: string;
  /** The environment that points Regard's host at this test bed. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface DemoTestbedOptions {
  cacheDir?: string;
  log?: (line: string) => void;
}

/**
 * The built-in demo and the end-to-end tests' world: Orthanc as the PACS and the FHIR record
 * server as the shared record, on loopback, loaded with the synthetic patients.
 */
export async function startDemoTestbed(options: DemoTestbedOptions = {}): Promise<DemoTestbed> {
  const log = options.log ?? (() => undefined);
  const [orthanc, records] = await Promise.all([startOrthanc(), startRecordServer()]);
  try {
    const data = await ensureSyntheticData({
      dicomwebBaseUrl: orthanc.dicomwebUrl,
      log,
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    });
    const manifests = data.records.documents
      .filter((document) => document.kind === 'kos')
      .map((document) => document.content);
    const [images, documents] = await Promise.all([
      loadIntoOrthanc(orthanc.url, [...data.dicomFiles(), ...manifests]),
      loadIntoRecordServer(records.baseUrl, data.records),
    ]);
    log(
      `PACS: ${images.instances} instances in ${Math.round(images.ms)} ms; ` +
        `record: ${documents.documentsPosted} documents in ${Math.round(documents.ms)} ms`,
    );
  } catch (error) {
    await Promise.all([orthanc.stop(), records.close()]);
    throw error;
  }
  return {
    recordsUrl: records.baseUrl,
    dicomwebUrl: orthanc.dicomwebUrl,
    env: {
      REGARD_DEMO: '1',
      REGARD_RECORDS_URL: records.baseUrl,
      REGARD_RECORDS_LABEL: 'DMP (démonstration)',
      REGARD_PACS_URL: orthanc.dicomwebUrl,
      REGARD_PACS_LABEL: 'PACS (démonstration)',
    },
    stop: async () => {
      await Promise.all([orthanc.stop(), records.close()]);
    },
  };
}
