import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowserHost } from '../../electron/browser-host/main';
import { startDemoTestbed } from '../testbed/demo-testbed';
import { loadPublicExamples } from '../testbed/public-examples';

/**
 * Starts the real parts once for every end-to-end test: the test bed (Orthanc, the record server,
 * the synthetic data) and the browser host serving the built renderer over them.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const testbed = await startDemoTestbed({ log: (line) => console.log(`[testbed] ${line}`) });
  if (!(await loadPublicExamples(testbed.recordsUrl))) {
    throw new Error('the public examples (../shared/testdata) are missing beside the project');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'regard-e2e-'));
  const host = await launchBrowserHost({
    env: {
      ...testbed.env,
      REGARD_DATA_DIR: dataDir,
      REGARD_POLICY_FILE: join(dataDir, 'no-policy.json'),
      REGARD_LOG_LEVEL: 'debug',
      REGARD_WATCH_INTERVAL_MS: '1000',
    },
    rendererDir: resolve(import.meta.dirname, '../../dist/renderer'),
    version: 'e2e',
  });
  process.env.REGARD_E2E_URL = host.url;
  process.env.REGARD_E2E_DATA_DIR = dataDir;
  process.env.REGARD_E2E_RECORDS_URL = testbed.recordsUrl;
  process.env.REGARD_E2E_DICOMWEB_URL = testbed.dicomwebUrl;
  return async () => {
    await host.close();
    await testbed.stop();
  };
}
