import { parseArgs } from 'node:util';
import { loadIntoOrthanc } from './loaders/loadIntoOrthanc';
import { loadIntoRecordServer } from './loaders/loadIntoRecordServer';
import { DEFAULT_CACHE_DIR, DEFAULT_DICOMWEB_BASE_URL, ensureSyntheticData } from './syntheticData';

const USAGE = `Usage: tsx tests/testbed/synthetic/load.ts [options]
  --cache DIR           cache folder (default ${DEFAULT_CACHE_DIR})
  --dicomweb URL        DICOMweb base written in KOS RetrieveURLs (default: <orthanc>/dicom-web, else ${DEFAULT_DICOMWEB_BASE_URL})
  --orthanc URL         Orthanc REST base, e.g. http://127.0.0.1:8042: upload the images
  --orthanc-user U:P    HTTP basic credentials for Orthanc
  --fhir URL            FHIR R4 base of the record server: load patients and documents
Without --orthanc or --fhir it only generates (or checks) the cache.`;

const { values } = parseArgs({
  options: {
    cache: { type: 'string' },
    dicomweb: { type: 'string' },
    orthanc: { type: 'string' },
    'orthanc-user': { type: 'string' },
    fhir: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const orthanc = values.orthanc?.replace(/\/+$/, '');
const data = await ensureSyntheticData({
  ...(values.cache ? { cacheDir: values.cache } : {}),
  dicomwebBaseUrl:
    values.dicomweb ?? (orthanc ? `${orthanc}/dicom-web` : DEFAULT_DICOMWEB_BASE_URL),
  log: (line) => console.log(line),
});
console.log(`cache: ${data.cacheDir}`);

if (orthanc) {
  const [username = '', password = ''] = values['orthanc-user']?.split(':') ?? [];
  const files = data.dicomFiles();
  const result = await loadIntoOrthanc(
    orthanc,
    files,
    values['orthanc-user'] ? { username, password } : undefined,
  );
  console.log(
    `orthanc: ${result.instances} instances (${result.alreadyStored} already stored), ${(result.bytes / 1e6).toFixed(0)} MB in ${seconds(result.ms)}`,
  );
}

if (values.fhir) {
  const result = await loadIntoRecordServer(values.fhir, data.records);
  console.log(
    `record server: ${result.documentsPosted} documents posted, ${result.documentsSkipped} already there, ${result.transactions} transactions in ${seconds(result.ms)}`,
  );
}
