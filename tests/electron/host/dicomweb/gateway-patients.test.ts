import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessPoint } from '../../../../electron/host/access/access-point';
import { imagingAccessRule } from '../../../../electron/host/access/imaging-access-rule';
import { AuditJournal } from '../../../../electron/host/audit/journal';
import { imagingSourceSchema } from '../../../../electron/host/config/schema';
import { DicomwebGateway } from '../../../../electron/host/dicomweb/gateway';
import { createLogger } from '../../../../electron/host/logging/logger';

const OPEN_STUDY = '1.2.250.1.1';
const FOREIGN_STUDY = '1.2.250.1.2';
const OPEN_INS = '258033523804732';
const OTHER_INS = '185127512400338';

/** A stand-in PACS: QIDO by StudyInstanceUID answers the study's PatientID, frames answer bytes. */
async function startPacs() {
  const seen: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://pacs');
    seen.push(url.pathname + url.search);
    const study = url.searchParams.get('StudyInstanceUID');
    if (url.pathname.endsWith('/studies') && study) {
      const owner = study === OPEN_STUDY ? OPEN_INS : OTHER_INS;
      response.writeHead(200, { 'content-type': 'application/dicom+json' });
      response.end(JSON.stringify([{ '00100020': { vr: 'LO', Value: [owner] } }]));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.end(Buffer.alloc(16, 7));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, seen, url: `http://127.0.0.1:${port}/dicom-web` };
}

let pacs: Awaited<ReturnType<typeof startPacs>> | undefined;
let gateway: DicomwebGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  pacs?.server.closeAllConnections();
  await new Promise((resolve) => pacs?.server.close(resolve));
});

/** A gateway whose login is on, where the patient with OPEN_INS is open and may be read. */
async function setup(accessHolds = true) {
  pacs = await startPacs();
  const file = join(mkdtempSync(join(tmpdir(), 'regard-gateway-patients-')), 'journal.jsonl');
  const logger = createLogger();
  const access = new AccessPoint(new AuditJournal(file), logger, () => 'rpps:810001234567');
  access.addRule(
    imagingAccessRule(
      () => true,
      (patientRef) =>
        patientRef === 'p-open' && accessHolds ? undefined : 'errors.consentRequired',
    ),
  );
  const own = new DicomwebGateway(
    [imagingSourceSchema.parse({ id: 'pacs', label: 'PACS', dicomwebUrl: pacs.url })],
    access,
    logger,
    {
      patientOf: (pacsPatientId) => (pacsPatientId === OPEN_INS ? 'p-open' : undefined),
      identifyStudies: () => true,
    },
  );
  gateway = own;
  const get = (path: string, search = '') =>
    own.handle({
      method: 'GET',
      sourceId: 'pacs',
      path,
      search,
      accept: undefined,
      signal: new AbortController().signal,
    });
  const journal = () =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { get, journal, seen: pacs.seen };
}

const frame = (study: string) => `studies/${study}/series/1.2/instances/1.3/frames/1`;

describe('gateway: images served for the open patient whose access holds', () => {
  it('serves a study of the open patient, asks its owner once, and journals it to that patient', async () => {
    const { get, journal, seen } = await setup();
    for (let i = 0; i < 3; i += 1) {
      const answer = await get(frame(OPEN_STUDY));
      expect(answer.status).toBe(200);
      answer.body?.resume();
    }
    expect(seen.filter((path) => path.includes('StudyInstanceUID'))).toHaveLength(1);
    expect(seen.filter((path) => path.endsWith('/frames/1'))).toHaveLength(3);
    expect(journal()).toMatchObject([
      { action: 'imaging.retrieve', target: OPEN_STUDY, patientRef: 'p-open', outcome: 'success' },
    ]);
  });

  it("refuses another patient's study before anything of it is fetched, and journals the refusal", async () => {
    const { get, journal, seen } = await setup();
    const answer = await get(frame(FOREIGN_STUDY));
    expect(answer).toMatchObject({ status: 403, reason: 'refused', body: null });
    expect(seen.some((path) => path.endsWith('/frames/1'))).toBe(false);
    expect(journal()).toMatchObject([
      { action: 'imaging.retrieve', target: FOREIGN_STUDY, outcome: 'refused' },
    ]);
    expect(journal()[0]).not.toHaveProperty('patientRef');
  });

  it('refuses the open patient too once their access no longer holds', async () => {
    const { get } = await setup(false);
    expect((await get(frame(OPEN_STUDY))).status).toBe(403);
  });

  it('lets a study search through only for the open patient it names', async () => {
    const { get, journal } = await setup();
    const mine = await get('studies', `PatientID=${OPEN_INS}`);
    expect(mine.status).toBe(200);
    mine.body?.resume();
    expect((await get('studies', `PatientID=${OTHER_INS}`)).status).toBe(403);
    expect((await get('studies', 'StudyDate=20260101')).status).toBe(403);
    expect(journal().map((line) => [line.patientRef, line.outcome])).toEqual([
      ['p-open', 'success'],
      [undefined, 'refused'],
      [undefined, 'refused'],
    ]);
  });

  it('says the PACS is unreachable when the owner cannot be asked', async () => {
    const { get } = await setup();
    pacs?.server.closeAllConnections();
    await new Promise((resolve) => pacs?.server.close(resolve));
    const answer = await get(frame(OPEN_STUDY));
    expect(answer).toMatchObject({ status: 502, reason: 'unreachable' });
  });
});
