/** What the global setup started, as the tests see it. */
export function e2eEnv(): {
  url: string;
  dataDir: string;
  recordsUrl: string;
  dicomwebUrl: string;
} {
  const url = process.env.REGARD_E2E_URL;
  const dataDir = process.env.REGARD_E2E_DATA_DIR;
  const recordsUrl = process.env.REGARD_E2E_RECORDS_URL;
  const dicomwebUrl = process.env.REGARD_E2E_DICOMWEB_URL;
  if (!url || !dataDir || !recordsUrl || !dicomwebUrl) {
    throw new Error('the end-to-end global setup did not run');
  }
  return { url, dataDir, recordsUrl, dicomwebUrl };
}
