import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../../electron/host/config/schema';
import { createHostServices, type HostServices } from '../../../../electron/host/host-services';
import { startOrthanc, type RunningOrthanc } from '../../../testbed/orthanc';
import { ensureSyntheticData, loadIntoOrthanc } from '../../../testbed/synthetic';
import type { GeneratedSeries, GeneratedStudy } from '../../../testbed/synthetic';

let orthanc: RunningOrthanc;
let services: HostServices;
let study: GeneratedStudy;
let series: GeneratedSeries;

beforeAll(async () => {
  orthanc = await startOrthanc({ users: { regard: 'pacs-secret' } });
  const data = await ensureSyntheticData({ dicomwebBaseUrl: orthanc.dicomwebUrl });
  const candidate = data.imaging.studies
    .flatMap((s) => s.series.map((se) => ({ study: s, series: se })))
    .find(({ series: se }) => se.modality === 'CT' && se.instances.length >= 200);
  if (!candidate) throw new Error('the synthetic data set has a CT series of 200+ slices');
  ({ study, series } = candidate);
  await loadIntoOrthanc(orthanc.url, data.dicomFiles({ studyKeys: [study.key] }), {
    username: 'regard',
    password: 'pacs-secret',
  });
  services = createHostServices({
    config: configSchema.parse({
      imaging: [
        {
          id: 'pacs',
          label: 'Orthanc',
          dicomwebUrl: orthanc.dicomwebUrl,
          auth: { type: 'basic', username: 'regard', password: 'pacs-secret' },
        },
      ],
    }),
    dataDir: mkdtempSync(join(tmpdir(), 'regard-gateway-orthanc-')),
    hostKind: 'browser',
    version: 'test',
  });
});

afterAll(async () => {
  await services?.close();
  await orthanc?.stop();
});

function retrieve(path: string, accept: string, signal = new AbortController().signal) {
  return services.gateway.handle({
    method: 'GET',
    sourceId: 'pacs',
    path,
    search: '',
    accept,
    signal,
  });
}

describe('DICOMweb gateway against Orthanc', () => {
  it('adds the source credentials: Orthanc answers through the gateway, refuses without them', async () => {
    const answer = await retrieve(
      `studies/${study.studyInstanceUid}/series`,
      'application/dicom+json',
    );
    expect(answer.status).toBe(200);
    const found = (await new Response(
      answer.body as unknown as ReadableStream,
    ).json()) as unknown[];
    expect(found.length).toBeGreaterThan(0);
    const direct = await fetch(`${orthanc.dicomwebUrl}/studies/${study.studyInstanceUid}/series`);
    expect(direct.status).toBe(401);
  });

  it('streams a 200+ slice series without holding it in memory', async () => {
    const expectedPixelBytes = series.instances.length * 512 * 512 * 2;
    const answer = await retrieve(
      `studies/${study.studyInstanceUid}/series/${series.seriesInstanceUid}`,
      'multipart/related; type="application/dicom"',
    );
    expect(answer.status).toBe(200);
    const body = answer.body;
    if (!body) throw new Error('expected a streamed body');

    global.gc?.();
    const baseline = process.memoryUsage().arrayBuffers;
    let received = 0;
    let peakGrowth = 0;
    let chunks = 0;
    for await (const chunk of body) {
      received += (chunk as Buffer).length;
      chunks += 1;
      if (chunks === 1) {
        // A slow reader: were the gateway buffering, the whole series would pile up meanwhile.
        await new Promise((resolveWait) => setTimeout(resolveWait, 1500));
      }
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().arrayBuffers - baseline);
    }
    expect(received).toBeGreaterThan(expectedPixelBytes);
    expect(chunks).toBeGreaterThan(100);
    expect(peakGrowth).toBeLessThan(received / 4);
    console.log(
      `gateway streamed ${(received / 1e6).toFixed(1)} MB in ${chunks} chunks; ` +
        `peak buffer growth ${(peakGrowth / 1e6).toFixed(1)} MB`,
    );
  });

  it('serves single frames for the viewer', async () => {
    const instance = series.instances[Math.floor(series.instances.length / 2)];
    if (!instance) throw new Error('the series has instances');
    const answer = await retrieve(
      `studies/${study.studyInstanceUid}/series/${series.seriesInstanceUid}/instances/${instance.sopInstanceUid}/frames/1`,
      'multipart/related; type="application/octet-stream"',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^multipart\/related/);
    const bytes = Buffer.from(
      await new Response(answer.body as unknown as ReadableStream).arrayBuffer(),
    );
    expect(bytes.length).toBeGreaterThan(512 * 512 * 2);
  });

  it('passes a missing study through as 404, not as a gateway failure', async () => {
    const answer = await retrieve('studies/1.2.3.4.5.6.7/metadata', 'application/dicom+json');
    expect(answer.status).toBe(404);
    answer.body?.resume();
  });
});
