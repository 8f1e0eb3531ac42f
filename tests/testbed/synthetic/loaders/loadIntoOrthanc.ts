import { readFile } from 'node:fs/promises';
import { Agent, request } from 'undici';

export interface BasicAuth {
  username: string;
  password: string;
}

export interface OrthancLoadResult {
  instances: number;
  /** Instances Orthanc already had (it deduplicates on SOP Instance UID). */
  alreadyStored: number;
  bytes: number;
  ms: number;
}

/**
 * Uploads DICOM Part-10 files (paths or bytes) through Orthanc's REST `/instances`, a few at a time
 * over kept-alive connections. Idempotent: Orthanc answers AlreadyStored for known instances.
 */
export async function loadIntoOrthanc(
  orthancBaseUrl: string,
  files: readonly (string | Uint8Array)[],
  auth?: BasicAuth,
  concurrency = 4,
): Promise<OrthancLoadResult> {
  const started = performance.now();
  const url = `${orthancBaseUrl.replace(/\/+$/, '')}/instances`;
  // Orthanc answers "Keep-Alive: timeout=1"; undici's default 2 s safety margin would close every connection.
  const agent = new Agent({ connections: concurrency, keepAliveTimeoutThreshold: 100 });
  // undici never sends "Expect: 100-continue", which stalls Orthanc for 1 s on large bodies.
  const headers: Record<string, string> = { 'content-type': 'application/dicom' };
  if (auth)
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  let next = 0;
  let alreadyStored = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++] as string | Uint8Array;
      const body = typeof file === 'string' ? await readFile(file) : file;
      const response = await request(url, { method: 'POST', body, headers, dispatcher: agent });
      const text = await response.body.text();
      if (response.statusCode !== 200) {
        throw new Error(
          `Orthanc refused ${typeof file === 'string' ? file : 'an instance'}: HTTP ${response.statusCode} ${text.slice(0, 200)}`,
        );
      }
      if ((JSON.parse(text) as { Status?: string }).Status === 'AlreadyStored') alreadyStored++;
      bytes += body.byteLength;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    await agent.close();
  }
  return { instances: files.length, alreadyStored, bytes, ms: performance.now() - started };
}
