import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowserHost } from '../../electron/browser-host/main';
import { startOrthanc } from '../testbed/orthanc';
import { startRecordServer } from '../testbed/record-server/server';
import {
  DEFAULT_DICOMWEB_BASE_URL,
  ensureSyntheticData,
  loadIntoOrthanc,
  loadIntoRecordServer,
  patientByKey,
} from '../testbed/synthetic';
import type { SyntheticPatient } from '../testbed/synthetic/patients';
import { median } from './stats';

/**
 * Reopening from the encrypted cache against fetching from the sources, the app driven in
 * Chromium through the browser host, as a user would:
 *
 * - the scale patient's timeline (~2,100 documents): fetched, from the click on "Afficher tout le
 *   dossier" (the patient already open, the two years already shown) to every entry painted, each
 *   page of the ITI-67 search coming from the record server through the host; against reopened
 *   from the cache, from the click that opens the patient (the sources down) to every entry
 *   painted, the patient's identity, documents and studies read from the cache;
 * - a study's first image: from the click on the exam to its first preview image decoded and
 *   painted, fetched through the host's DICOMweb gateway from Orthanc (series, instances, rendered
 *   image) against read back from the cache (the 'studies' and 'frames' tables).
 *
 * The sources are taken down between the two: the record server answers 503 (its fault
 * injection), and a TCP relay between the host and Orthanc, a plain pipe while up, refuses
 * connections. Online and offline runs alternate; each online run fills the cache again, as the
 * app does. Goal: reopening from the cache faster than the network path.
 */

const RUNS = Math.max(1, Number(process.env.REGARD_BENCH_RUNS ?? 5) || 5);
const WAIT_MS = 120_000;
const VIEWPORT = { width: 1440, height: 900 };
const RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');
const CHROMIUM = process.env.REGARD_CHROMIUM ?? '/usr/bin/chromium';
/**
 * How long an online visit lasts before the next page: the cache writes what it fetched at once,
 * but its usage ledger 2 s after a change, and drops at the next start the rows that the ledger
 * does not know (see encrypted-record-cache.ts). The offline end-to-end test waits as long.
 */
const KEEP_MS = 3_000;
/** The main patient's newest exam: a CT whose preview shows two series. */
const IMAGE_STUDY = 'main-ct-2026';

// ---------------------------------------------------------------------------------------------
// A TCP relay in front of Orthanc: a pipe while up; refuses and cuts connections while down.

interface Relay {
  port: number;
  setUp(up: boolean): void;
  close(): Promise<void>;
}

async function startRelay(targetPort: number): Promise<Relay> {
  let up = true;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('relay: no port');
  return {
    port: address.port,
    setUp(value: boolean) {
      up = value;
      if (!up) for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// In the page: times taken with performance.now() from the click's own event.

interface TimelineTiming {
  t0: number;
  firstRowPainted: number;
  loadedPainted: number;
  entries: number;
  offline: boolean;
  done: boolean;
}

interface ImageTiming {
  t0: number;
  imagePainted: number;
  width: number;
  offline: boolean;
  done: boolean;
}

interface BenchWindow {
  __regardReopen?: TimelineTiming;
  __regardImage?: ImageTiming;
}

/**
 * Arms the timeline observers before a click: the click (capture phase) starts the clock, the
 * first `timeline-row` after it is "first rows", the status leaving "Chargement" is "loaded",
 * each once painted (requestAnimationFrame, then a task after that frame).
 */
function armTimeline(widening: boolean): void {
  const result: TimelineTiming = {
    t0: Number.NaN,
    firstRowPainted: Number.NaN,
    loadedPainted: Number.NaN,
    entries: Number.NaN,
    offline: false,
    done: false,
  };
  (window as BenchWindow).__regardReopen = result;
  const afterPaint = (record: (time: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        record(performance.now());
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
  const rows = () => document.querySelectorAll('[data-testid="timeline-row"]').length;
  // Widening clears the two years' rows first: the rows that count are those shown after.
  let cleared = !widening;
  let firstSeen = false;
  const check = () => {
    if (Number.isNaN(result.t0)) return;
    if (!cleared) {
      if (rows() > 0) return;
      cleared = true;
    }
    if (!firstSeen && rows() > 0) {
      firstSeen = true;
      afterPaint((time) => (result.firstRowPainted = time));
    }
    const status = document.querySelector('[data-testid="timeline-status"]')?.textContent ?? '';
    if (firstSeen && status !== '' && !status.includes('Chargement')) {
      observer.disconnect();
      result.entries = Number(
        (/^[\d\s\u00a0\u202f.,]+/.exec(status)?.[0] ?? '').replace(/\D/g, ''),
      );
      result.offline = document.querySelector('[data-testid="offline-banner"]') !== null;
      afterPaint((time) => {
        result.loadedPainted = time;
        result.done = true;
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  document.addEventListener(
    'click',
    () => {
      if (Number.isNaN(result.t0)) result.t0 = performance.now();
    },
    { capture: true, once: true },
  );
}

/** Arms the image observer before the click on an exam: its first preview, decoded, painted. */
function armImage(): void {
  const result: ImageTiming = {
    t0: Number.NaN,
    imagePainted: Number.NaN,
    width: 0,
    offline: false,
    done: false,
  };
  (window as BenchWindow).__regardImage = result;
  let found = false;
  const check = () => {
    if (found || Number.isNaN(result.t0)) return;
    const image = document.querySelector<HTMLImageElement>('[data-testid="series-preview"] img');
    if (!image) return;
    found = true;
    observer.disconnect();
    void image.decode().then(() =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          result.imagePainted = performance.now();
          result.width = image.naturalWidth;
          result.offline = document.querySelector('[data-testid="offline-banner"]') !== null;
          result.done = true;
          channel.port1.close();
        };
        channel.port2.postMessage(null);
      }),
    );
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  document.addEventListener(
    'click',
    () => {
      if (Number.isNaN(result.t0)) result.t0 = performance.now();
    },
    { capture: true, once: true },
  );
}

async function timed<K extends keyof BenchWindow>(
  page: Page,
  key: K,
  what: string,
): Promise<NonNullable<BenchWindow[K]>> {
  try {
    await page.waitForFunction((name) => (window as BenchWindow)[name]?.done === true, key, {
      timeout: WAIT_MS,
      polling: 50,
    });
  } catch (error) {
    const alerts = await page.evaluate(() =>
      [...document.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent),
    );
    throw new Error(`cache reopen bench: ${what} did not finish (${JSON.stringify(alerts)})`, {
      cause: error,
    });
  }
  const timing = (await page.evaluate((name) => (window as BenchWindow)[name], key)) as
    BenchWindow[K] | undefined;
  if (!timing) throw new Error(`cache reopen bench: ${what}: the page lost its timing`);
  return timing;
}

const openName = (patient: SyntheticPatient) =>
  `Ouvrir le dossier de ${patient.birthFamilyName} ${patient.firstNames.join(' ')}`;

/** The app on its start page; online, the patient found by INS; offline, in the recent list. */
async function openButton(page: Page, url: string, patient: SyntheticPatient, online: boolean) {
  await page.goto(url);
  if (online) {
    await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(patient.ins);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const button = page.getByRole('button', { name: openName(patient) });
    await button.waitFor({ timeout: WAIT_MS });
    return button;
  }
  const button = page
    .getByTestId('recent-offline')
    .getByRole('button', { name: openName(patient) });
  await button.waitFor({ timeout: WAIT_MS });
  return button;
}

interface RunTimes {
  /** Online: the two years, from the click on "open". */
  openFirstRows?: number;
  openLoaded?: number;
  /** Online: the whole record, from the click on "show the whole record". */
  wholeFirstRows: number;
  wholeLoaded: number;
  entries: number;
  image: number;
  imageWidth: number;
}

async function timelineAndImage(
  context: BrowserContext,
  url: string,
  online: boolean,
): Promise<RunTimes> {
  const page = await context.newPage();
  try {
    const scale = patientByKey('scale');
    const open = await openButton(page, url, scale, online);
    await page.evaluate(armTimeline, false);
    await open.click();
    const opened = await timed(page, '__regardReopen', 'opening the scale patient');
    if (opened.offline === online) {
      throw new Error(`cache reopen bench: the timeline was ${online ? 'offline' : 'online'}`);
    }
    let whole = opened;
    if (online) {
      await page.evaluate(armTimeline, true);
      await page.getByRole('button', { name: /Afficher tout le dossier/ }).click();
      whole = await timed(page, '__regardReopen', 'showing the whole record');
      await page.waitForTimeout(KEEP_MS);
    }

    const main = patientByKey('main');
    const mainOpen = await openButton(page, url, main, online);
    await mainOpen.click();
    const exam = page.locator('[data-testid="timeline-row"][data-kind="exam"]').first();
    await exam.waitFor({ timeout: WAIT_MS });
    await page.evaluate(armImage);
    await exam.click();
    const image = await timed(page, '__regardImage', 'the first image');
    if (image.width === 0 || image.offline === online) {
      throw new Error(`cache reopen bench: no image ${online ? 'online' : 'offline'}`);
    }
    if (online) await page.waitForTimeout(KEEP_MS);
    return {
      ...(online
        ? {
            openFirstRows: opened.firstRowPainted - opened.t0,
            openLoaded: opened.loadedPainted - opened.t0,
          }
        : {}),
      wholeFirstRows: whole.firstRowPainted - whole.t0,
      wholeLoaded: whole.loadedPainted - whole.t0,
      entries: whole.entries,
      image: image.imagePainted - image.t0,
      imageWidth: image.width,
    };
  } finally {
    await page.close();
  }
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

export async function benchCacheReopen(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.log(
      `\nCache reopen benchmark skipped: ${RENDERER_DIR} is missing; run \`npm run build\`.`,
    );
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`\nCache reopen benchmark skipped: no Chromium at ${CHROMIUM}.`);
    return;
  }
  const cleanups: (() => unknown)[] = [];
  try {
    const [records, orthanc] = await Promise.all([startRecordServer(), startOrthanc()]);
    cleanups.push(
      () => records.close(),
      () => orthanc.stop(),
    );
    // The records cache is keyed by the DICOMweb address written into the KOS: the default one
    // reuses what the other tools wrote. The previews go by the study list, through the gateway.
    const data = await ensureSyntheticData({ dicomwebBaseUrl: DEFAULT_DICOMWEB_BASE_URL });
    const study = data.imaging.studies.find((candidate) => candidate.key === IMAGE_STUDY);
    if (!study) throw new Error(`no study ${IMAGE_STUDY} in the synthetic data`);
    const [loaded, images] = await Promise.all([
      loadIntoRecordServer(records.baseUrl, data.records),
      loadIntoOrthanc(orthanc.url, data.dicomFiles({ studyKeys: [IMAGE_STUDY] })),
    ]);
    const relay = await startRelay(orthanc.port);
    cleanups.push(() => relay.close());

    const dataDir = mkdtempSync(join(tmpdir(), 'regard-bench-reopen-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // A copy of the build: a rebuild while the bench runs must not mix two builds in one run.
    const rendererDir = join(dataDir, 'renderer');
    cpSync(RENDERER_DIR, rendererDir, { recursive: true });
    const host = await launchBrowserHost({
      env: {
        REGARD_RECORDS_URL: records.baseUrl,
        REGARD_PACS_URL: `http://127.0.0.1:${relay.port}/dicom-web`,
        REGARD_PACS_LABEL: 'Orthanc',
        REGARD_DATA_DIR: dataDir,
        REGARD_POLICY_FILE: join(dataDir, 'no-policy.json'),
      },
      rendererDir,
      version: 'bench',
    });
    cleanups.push(() => host.close());
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    cleanups.push(() => browser.close());
    // One context for every run: its IndexedDB (the cache) and local storage (the recent
    // patients) last from one run to the next, as a workstation's profile does.
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
    // tsx compiles with esbuild's keepNames, which wraps the functions handed to page.evaluate
    // in a `__name` helper that only exists in Node: give the page a no-op one.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    console.log(
      `\nCache reopen bench: ${loaded.documentsPosted} documents on the record server, ` +
        `${images.instances} instances of ${study.description ?? IMAGE_STUDY} in Orthanc`,
    );

    const sources = (up: boolean) => {
      if (up) records.faults.reset();
      else records.faults.failNext(1_000_000_000, 503);
      relay.setUp(up);
    };
    const online: RunTimes[] = [];
    const offline: RunTimes[] = [];
    const started = performance.now();
    // Run 0 warms up (and fills the cache) and is not counted. Each run does both, online first
    // or last by turns, so that drift of the machine spreads over both.
    for (let run = 0; run <= RUNS; run += 1) {
      const order = run % 2 === 0 ? [true, false] : [false, true];
      for (const up of order) {
        sources(up);
        try {
          const times = await timelineAndImage(context, host.url, up);
          console.log(
            `  ${run === 0 ? 'warm-up' : `run ${run}/${RUNS}`}, ${up ? 'network' : 'cache  '}: ` +
              `whole record ${fmt(times.wholeLoaded)} ms (${times.entries} entries), ` +
              `first image ${fmt(times.image)} ms`,
          );
          if (run > 0) (up ? online : offline).push(times);
        } finally {
          sources(true);
        }
      }
    }
    console.log(`  (${fmt((performance.now() - started) / 1000)} s for the runs)`);
    printResults(online, offline);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('cache reopen bench: cleanup failed', error);
      }
    }
  }
}

function printResults(online: readonly RunTimes[], offline: readonly RunTimes[]): void {
  const m = (runs: readonly RunTimes[], pick: (times: RunTimes) => number | undefined) =>
    median(runs.flatMap((times) => (pick(times) === undefined ? [] : [pick(times) as number])));
  const entries = (runs: readonly RunTimes[]) => fmt(m(runs, (t) => t.entries));
  const rows: [string, number, number][] = [
    [
      'open the patient: first rows painted',
      m(online, (t) => t.openFirstRows),
      m(offline, (t) => t.wholeFirstRows),
    ],
    [
      `the whole record: every entry painted (${entries(online)} | ${entries(offline)})`,
      m(online, (t) => t.wholeLoaded),
      m(offline, (t) => t.wholeLoaded),
    ],
    ["a study's first image painted", m(online, (t) => t.image), m(offline, (t) => t.image)],
  ];
  console.log(
    `\nReopening from the encrypted cache against the network path, ms, median of ` +
      `${Math.min(online.length, offline.length)} runs (after one warm-up). Network, through the ` +
      'host: opening the patient (two years) and then "Afficher tout le dossier" (every page of ' +
      'the whole record from the record server), each from its click; the image from the click ' +
      'on the exam (series, instances and rendered image through the DICOMweb gateway to ' +
      'Orthanc). Cache, the sources down: from the click that opens the patient to its whole ' +
      'cached record, and from the click on the exam.',
  );
  const goals: string[] = [];
  console.table(
    Object.fromEntries(
      rows.map(([label, network, cache]) => {
        const met = cache < network;
        goals.push(
          `  ${met ? 'PASS' : 'FAIL'}  ${label}: cache ${fmt(cache)} ms ${met ? '<' : '>='} ` +
            `network ${fmt(network)} ms`,
        );
        return [
          label,
          {
            'network (ms)': fmt(network),
            'cache (ms)': fmt(cache),
            'cache/network': fmt(cache / network, 2),
          },
        ];
      }),
    ),
  );
  console.log(
    `Online, the two years were all painted ${fmt(m(online, (t) => t.openLoaded))} ms after ` +
      `the click that opened the patient; the whole record's first rows ` +
      `${fmt(m(online, (t) => t.wholeFirstRows))} ms after "Afficher tout le dossier".`,
  );
  console.log('Goal: reopening from the cache faster than the network path');
  for (const line of goals) console.log(line);
}
