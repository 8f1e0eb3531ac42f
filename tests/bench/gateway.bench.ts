import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { startBrowserHost } from '../../electron/browser-host/server';
import { configSchema } from '../../electron/host/config/schema';
import { createHostServices } from '../../electron/host/host-services';
import { startOrthanc } from '../testbed/orthanc';
import { ensureSyntheticData, loadIntoOrthanc } from '../testbed/synthetic';
import { median, timeRuns, withConcurrency } from './stats';

/**
 * The DICOMweb gateway's cost: the 200+ slice CT fetched frame by frame through the browser host's
 * `/pacs/` path (as the renderer does) against the same frames fetched straight from Orthanc with
 * the same concurrency (the floor), in the same run.
 */
const RUNS = 5;
const CONCURRENCY = 6;
const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"';

export async function benchGateway(): Promise<void> {
  const orthanc = await startOrthanc();
  const data = await ensureSyntheticData({ dicomwebBaseUrl: orthanc.dicomwebUrl });
  const study = data.imaging.studies.find((s) =>
    s.series.some((se) => se.modality === 'CT' && se.instances.length >= 200),
  );
  const series = study?.series.find((se) => se.instances.length >= 200);
  if (!study || !series) throw new Error('no 200+ slice CT in the synthetic data');
  await loadIntoOrthanc(orthanc.url, data.dicomFiles({ studyKeys: [study.key] }));

  const services = createHostServices({
    config: configSchema.parse({
      imaging: [{ id: 'pacs', label: 'Orthanc', dicomwebUrl: orthanc.dicomwebUrl }],
    }),
    dataDir: mkdtempSync(join(tmpdir(), 'regard-bench-')),
    hostKind: 'browser',
    version: 'bench',
  });
  const rendererDir = mkdtempSync(join(tmpdir(), 'regard-bench-renderer-'));
  const host = await startBrowserHost({ services, rendererDir });
  const client = new Agent({ connections: CONCURRENCY, keepAliveTimeoutThreshold: 200 });

  const seriesPath = `studies/${study.studyInstanceUid}/series/${series.seriesInstanceUid}`;
  const framePaths = series.instances.map(
    (instance) => `${seriesPath}/instances/${instance.sopInstanceUid}/frames/1`,
  );
  const fetchAll = async (base: string, paths: readonly string[], accept: string) => {
    let bytes = 0;
    await withConcurrency(paths, CONCURRENCY, async (path) => {
      const response = await request(`${base}${path}`, { headers: { accept }, dispatcher: client });
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode} for a frame`);
      bytes += (await response.body.arrayBuffer()).byteLength;
    });
    return bytes;
  };

  const direct = `${orthanc.dicomwebUrl}/`;
  const viaGateway = `${host.url}pacs/pacs/`;
  const results = {
    metadataDirect: await timeRuns(RUNS, () =>
      fetchAll(direct, [`${seriesPath}/metadata`], 'application/dicom+json'),
    ),
    metadataGateway: await timeRuns(RUNS, () =>
      fetchAll(viaGateway, [`${seriesPath}/metadata`], 'application/dicom+json'),
    ),
    framesDirect: await timeRuns(RUNS, () => fetchAll(direct, framePaths, FRAME_ACCEPT)),
    framesGateway: await timeRuns(RUNS, () => fetchAll(viaGateway, framePaths, FRAME_ACCEPT)),
  };
  const bytes = await fetchAll(viaGateway, framePaths, FRAME_ACCEPT);

  const m = Object.fromEntries(Object.entries(results).map(([key, times]) => [key, median(times)]));
  console.log(
    `\nDICOMweb gateway, ${series.instances.length} frames of 512x512 CT (${(bytes / 1e6).toFixed(1)} MB), ${CONCURRENCY} connections, median of ${RUNS} runs`,
  );
  console.table({
    'series metadata': {
      'direct (ms)': m.metadataDirect?.toFixed(1),
      'gateway (ms)': m.metadataGateway?.toFixed(1),
      ratio: ((m.metadataGateway ?? 0) / (m.metadataDirect ?? 1)).toFixed(2),
    },
    'all frames': {
      'direct (ms)': m.framesDirect?.toFixed(1),
      'gateway (ms)': m.framesGateway?.toFixed(1),
      ratio: ((m.framesGateway ?? 0) / (m.framesDirect ?? 1)).toFixed(2),
    },
  });

  await client.close();
  await host.close();
  await services.close();
  await orthanc.stop();
}
