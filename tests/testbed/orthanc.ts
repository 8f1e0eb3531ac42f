import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export const ORTHANC_BINARY = process.env.REGARD_ORTHANC_BIN ?? '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export interface OrthancOptions {
  /** When set, Orthanc requires HTTP basic authentication with these users. */
  users?: Record<string, string>;
  /** Keep the storage folder on stop (to reuse loaded data). */
  storageDir?: string;
  /** Listen on this port (to restart a stopped Orthanc where clients expect it). */
  port?: number;
}

export interface RunningOrthanc {
  url: string;
  dicomwebUrl: string;
  port: number;
  stop(): Promise<void>;
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  headers: Record<string, string>,
) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/system`, { headers });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error('Orthanc did not answer within 20 s');
}

/** Starts Debian's Orthanc with its DICOMweb plugin on loopback, configured in a temp folder. */
export async function startOrthanc(options: OrthancOptions = {}): Promise<RunningOrthanc> {
  if (!existsSync(ORTHANC_BINARY)) {
    throw new Error(`Orthanc is not installed at ${ORTHANC_BINARY}: run npm run setup`);
  }
  const workDir = mkdtempSync(join(tmpdir(), 'regard-orthanc-'));
  const storageDir = options.storageDir ?? join(workDir, 'storage');
  const port = options.port ?? (await freePort());
  const users = options.users ?? {};
  const config = {
    Name: 'regard-testbed',
    StorageDirectory: storageDir,
    IndexDirectory: storageDir,
    HttpPort: port,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: Object.keys(users).length > 0,
    RegisteredUsers: users,
    HttpCompressionEnabled: false,
    StorageCompression: false,
    ConcurrentJobs: 2,
    HttpThreadsCount: 16,
    KeepAlive: true,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: false,
      Ssl: false,
      StudiesMetadata: 'Full',
      SeriesMetadata: 'Full',
    },
  };
  const configFile = join(workDir, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));

  const child = spawn(ORTHANC_BINARY, [configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const [user, password] = Object.entries(users)[0] ?? [];
  const headers: Record<string, string> =
    user !== undefined
      ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
      : {};
  try {
    await waitUntilAnswering(url, child, headers);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }

  return {
    url,
    dicomwebUrl: `${url}/dicom-web`,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
