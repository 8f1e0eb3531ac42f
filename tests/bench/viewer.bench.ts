import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
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
import { median } from './stats';

/**
 * The imaging viewer on the generated 220-slice 512x512 CT (main patient, 14 Sept 2026, series
 * "TAP 1.25 mm portal"), in Chromium through the browser host's gateway to Orthanc on loopback:
 * from the click on the study in the study browser to the first image painted and to every slice
 * decoded and cached; scrolling the loaded stack with the keyboard, one render per image; the JS
 * heap before opening and after closing the study. The floor is measured in the same page, in the
 * same run, through the same gateway: the series metadata, one frame, and all the frames fetched
 * raw (no decoding) six at a time, as the viewer streams them.
 */

/** At least 5 for the figures to mean anything; fewer only to try the bench out. */
const RUNS = Math.max(1, Number(process.env.REGARD_BENCH_RUNS ?? 5) || 5);
const CONCURRENCY = 6;
const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const STUDY_KEY = 'main-ct-2026';
const SERIES_DESCRIPTION = 'TAP 1.25 mm portal';
/** The study's line in the study browser (French dates). */
const STUDY_LINE = '14 sept. 2026';
/** The browser host's gateway path for the configured PACS (its source id is `pacs`). */
const GATEWAY_BASE = '/pacs/pacs/';
const WAIT_MS = 120_000;
const VIEWPORT = { width: 1440, height: 900 };
const RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');
const CHROMIUM = process.env.REGARD_CHROMIUM ?? '/usr/bin/chromium';

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const mb = (bytes: number | undefined) => fmt(bytes === undefined ? undefined : bytes / 1e6, 1);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------
// In the page: the floor, fetched as the viewer fetches (same origin, same gateway, six at a time).

interface FloorTiming {
  metadataMs: number;
  oneFrameMs: number;
  allFramesMs: number;
  frameBytes: number;
  metadataBytes: number;
  /** Median time of one frame request among the 220 (start to body read). */
  frameMedianMs: number;
  /** Frame requests in flight on average while all frames were fetched. */
  inFlight: number;
}

async function fetchFloor({
  metadataUrl,
  frameUrls,
  accept,
  concurrency,
}: {
  metadataUrl: string;
  frameUrls: string[];
  accept: string;
  concurrency: number;
}): Promise<FloorTiming> {
  const get = async (url: string, type: string) => {
    const response = await fetch(url, { headers: { accept: type }, cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    return (await response.arrayBuffer()).byteLength;
  };
  let start = performance.now();
  const metadataBytes = await get(metadataUrl, 'application/dicom+json');
  const metadataMs = performance.now() - start;
  start = performance.now();
  await get(frameUrls[0] ?? '', accept);
  const oneFrameMs = performance.now() - start;
  let next = 0;
  let frameBytes = 0;
  const durations: number[] = [];
  start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < frameUrls.length) {
        const url = frameUrls[next] ?? '';
        next += 1;
        const requested = performance.now();
        const bytes = await get(url, accept);
        durations.push(performance.now() - requested);
        frameBytes += bytes;
      }
    }),
  );
  const allFramesMs = performance.now() - start;
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    metadataMs,
    oneFrameMs,
    allFramesMs,
    frameBytes,
    metadataBytes,
    frameMedianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    inFlight: durations.reduce((sum, ms) => sum + ms, 0) / allFramesMs,
  };
}

// ---------------------------------------------------------------------------------------------
// In the page: the study opening, timed with performance.now() from the click.

interface RequestSpan {
  start: number;
  end: number;
}

interface OpenTiming {
  t0: number;
  /** Every request that started before the first image was painted (frames: the first only). */
  waterfall: { what: string; start: number; end: number }[];
  /** The viewport's data-state became "shown" (the viewer's own "first image" state). */
  shownDom: number;
  /** The first Cornerstone render with image content on the viewport's canvas. */
  firstImageRendered: number;
  /** The task after that frame: the image is on screen. */
  firstImagePainted: number;
  /** data-quality became "complete": every slice decoded and in the image cache. */
  completeDom: number;
  completePainted: number;
  statusText: string;
  /** Cornerstone renders of the viewport between the click and "complete". */
  renders: number;
  seriesQuery: RequestSpan | undefined;
  metadata: RequestSpan | undefined;
  firstFrame: RequestSpan | undefined;
  /** When the last frame response had fully arrived. */
  lastFrameEnd: number;
  frameRequests: number;
  distinctFrames: number;
  /** Median time of one frame request (start to response end, as resource timing sees it). */
  frameMedianMs: number;
  /** Frame requests in flight on average, first frame request to last frame received. */
  inFlight: number;
  thumbnailRequests: number;
  otherRequests: number;
  failure: string | undefined;
  done: boolean;
}

interface BenchWindow {
  __regardViewerBench?: OpenTiming;
}

function armOpenTiming(): void {
  const result: OpenTiming = {
    t0: Number.NaN,
    waterfall: [],
    shownDom: Number.NaN,
    firstImageRendered: Number.NaN,
    firstImagePainted: Number.NaN,
    completeDom: Number.NaN,
    completePainted: Number.NaN,
    statusText: '',
    renders: 0,
    seriesQuery: undefined,
    metadata: undefined,
    firstFrame: undefined,
    lastFrameEnd: Number.NaN,
    frameRequests: 0,
    distinctFrames: 0,
    frameMedianMs: Number.NaN,
    inFlight: Number.NaN,
    thumbnailRequests: 0,
    otherRequests: 0,
    failure: undefined,
    done: false,
  };
  (window as BenchWindow).__regardViewerBench = result;
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(10_000);
  // Called from a requestAnimationFrame callback (Cornerstone renders in one): a task posted now
  // runs once that frame has been rendered.
  const afterThisFrame = (record: (time: number) => void) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      record(performance.now());
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  };
  const afterNextFrame = (record: (time: number) => void) =>
    requestAnimationFrame(() => afterThisFrame(record));
  /** Whether the middle of the viewport's canvas shows anything (the phantom's body is there). */
  const showsImage = (element: Element) => {
    const canvas = element.querySelector('canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context || canvas.width < 64 || canvas.height < 64) return false;
    const { data } = context.getImageData(canvas.width / 2 - 32, canvas.height / 2 - 32, 64, 64);
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) > 8) return true;
    return false;
  };
  const spanOf = (entry: PerformanceResourceTiming | undefined): RequestSpan | undefined =>
    entry ? { start: entry.startTime, end: entry.responseEnd } : undefined;
  const finish = () => {
    if (Number.isNaN(result.firstImagePainted) || Number.isNaN(result.completePainted)) return;
    const all = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (entry) => entry.startTime >= result.t0,
    );
    const entries = all.filter((entry) => entry.name.includes('/pacs/'));
    const frames = entries.filter((entry) => entry.name.includes('/frames/'));
    result.frameRequests = frames.length;
    result.distinctFrames = new Set(frames.map((entry) => entry.name)).size;
    result.firstFrame = spanOf(frames[0]);
    result.lastFrameEnd = Math.max(...frames.map((entry) => entry.responseEnd));
    const durations = frames.map((entry) => entry.responseEnd - entry.startTime);
    const sorted = [...durations].sort((a, b) => a - b);
    result.frameMedianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    result.inFlight =
      durations.reduce((sum, ms) => sum + ms, 0) /
      (result.lastFrameEnd - Math.min(...frames.map((entry) => entry.startTime)));
    result.metadata = spanOf(entries.find((entry) => entry.name.endsWith('/metadata')));
    result.seriesQuery = spanOf(entries.find((entry) => /\/series(\?|$)/.test(entry.name)));
    result.waterfall = all
      .filter(
        (entry) =>
          entry.startTime < result.firstImagePainted &&
          (!entry.name.includes('/frames/') || entry === frames[0]),
      )
      .map((entry) => ({
        what: new URL(entry.name).pathname
          .replace(/\d+(\.\d+){3,}/g, '…')
          .replace(/^\/pacs\/pacs\//, ''),
        start: entry.startTime - result.t0,
        end: entry.responseEnd - result.t0,
      }));
    result.thumbnailRequests = entries.filter((entry) => entry.name.includes('/rendered')).length;
    result.otherRequests =
      entries.length -
      frames.length -
      result.thumbnailRequests -
      (result.metadata ? 1 : 0) -
      (result.seriesQuery ? 1 : 0);
    document.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered, true);
    result.done = true;
  };
  const onRendered = (event: Event) => {
    if (Number.isNaN(result.t0) || !Number.isNaN(result.completeDom)) return;
    result.renders += 1;
    if (!Number.isNaN(result.firstImageRendered)) return;
    const element = event.target;
    if (!(element instanceof Element) || !showsImage(element)) return;
    result.firstImageRendered = performance.now();
    afterThisFrame((time) => {
      result.firstImagePainted = time;
      finish();
    });
  };
  // Cornerstone's events do not bubble; a capturing listener on the document sees them all.
  document.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered, true);
  const check = () => {
    if (Number.isNaN(result.t0)) return;
    const pane = document.querySelector<HTMLElement>('[data-testid="viewport"]');
    if (!pane) return;
    const error = pane.querySelector('[data-testid="viewport-error"]');
    if (pane.dataset.state === 'failed' || error) {
      result.failure = error?.textContent ?? 'failed';
      observer.disconnect();
      result.done = true;
      return;
    }
    if (Number.isNaN(result.shownDom) && pane.dataset.state === 'shown') {
      result.shownDom = performance.now();
    }
    if (Number.isNaN(result.completeDom) && pane.dataset.quality === 'complete') {
      result.completeDom = performance.now();
      result.statusText =
        pane.querySelector('[data-testid="viewport-state"]')?.textContent?.trim() ?? '';
      observer.disconnect();
      afterNextFrame((time) => {
        result.completePainted = time;
        finish();
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-quality'],
  });
  document.addEventListener(
    'click',
    () => {
      if (Number.isNaN(result.t0)) result.t0 = performance.now();
    },
    { capture: true, once: true },
  );
}

// ---------------------------------------------------------------------------------------------
// In the page: scrolling the loaded stack with the keyboard, waiting for each image's render.

interface ScrollTiming {
  steps: number;
  ms: number;
  p95StepMs: number;
  maxStepMs: number;
  overlayAfter: string;
  failure: string | undefined;
}

async function scrollStack({ steps, stepTimeoutMs }: { steps: number; stepTimeoutMs: number }) {
  const element = document.querySelector('[data-testid="viewport-element"]');
  if (!element) throw new Error('no viewport element');
  const frame = () => new Promise<number>((done) => requestAnimationFrame(done));
  /** Resolves at the render that follows the stack's move to image `index` (0-based). */
  const renderedAt = (index: number) =>
    new Promise<number>((done, fail) => {
      let moved = false;
      const onNew = (event: Event) => {
        if ((event as CustomEvent<{ imageIdIndex?: number }>).detail?.imageIdIndex === index) {
          moved = true;
        }
      };
      const onRendered = () => {
        if (!moved) return;
        cleanup();
        done(performance.now());
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(`image ${index + 1} was not rendered within ${stepTimeoutMs} ms`));
      }, stepTimeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        element.removeEventListener('CORNERSTONE_STACK_NEW_IMAGE', onNew);
        element.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
      };
      element.addEventListener('CORNERSTONE_STACK_NEW_IMAGE', onNew);
      element.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
    });
  const deltas: number[] = [];
  let failure: string | undefined;
  const start = await frame();
  let last = start;
  for (let index = 1; index <= steps; index += 1) {
    const rendered = renderedAt(index);
    // The viewer's shortcut handler listens on the window and takes keys aimed at the page body.
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }),
    );
    try {
      const time = await rendered;
      deltas.push(time - last);
      last = time;
    } catch (error) {
      failure = (error as Error).message;
      break;
    }
  }
  await frame();
  await frame();
  const sorted = [...deltas].sort((a, b) => a - b);
  const result: ScrollTiming = {
    steps: deltas.length,
    ms: last - start,
    p95StepMs: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN,
    maxStepMs: sorted.at(-1) ?? Number.NaN,
    overlayAfter:
      document.querySelector('[data-testid="overlay-slice"]')?.textContent?.trim() ?? '',
    failure,
  };
  return result;
}

// ---------------------------------------------------------------------------------------------
// From Node: the page's heap through the DevTools protocol, after garbage collection.

interface HeapUsage {
  /** JS heap objects. */
  usedSize: number;
  /** ArrayBuffer backing stores and external strings (decoded pixels live there). */
  backingStorageSize: number;
}

async function heapAfterGc(cdp: CDPSession): Promise<HeapUsage> {
  // Twice, a moment apart: finalisers and weak references released by the first pass.
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(300);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { usedSize: usage.usedSize, backingStorageSize: usage.backingStorageSize };
}

const totalOf = (usage: HeapUsage) => usage.usedSize + usage.backingStorageSize;

// ---------------------------------------------------------------------------------------------

interface RunResult {
  floor: FloorTiming;
  open: OpenTiming;
  scroll: ScrollTiming;
  heap: {
    /** On the timeline tab, Cornerstone initialised (the imaging tab was visited once). */
    before: HeapUsage;
    /** The imaging tab open, no study yet. */
    imagingTab: HeapUsage;
    /** The study open, every slice cached, scrolled to the last image. */
    loaded: HeapUsage;
    /** Back on the timeline tab: the viewer unmounted. */
    after: HeapUsage;
    /** After opening the study again (every slice loaded) and closing it again. */
    afterSecond: HeapUsage;
  };
  /** A real key press (ArrowUp) with the focus where the study click left it. */
  realKey: { focus: string; before: string; after: string };
}

async function openImagingTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Imagerie/ }).click();
  await page.getByTestId('study-browser').waitFor({ timeout: WAIT_MS });
  // The rendering engine exists once the empty viewport is there.
  await page.locator('[data-testid="viewport"][data-state="empty"]').waitFor({ timeout: WAIT_MS });
}

async function closeImagingTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Chronologie' }).click();
  await page.getByTestId('imaging-viewer').waitFor({ state: 'detached', timeout: WAIT_MS });
  // Let the unmount's clean-ups (engine destroyed, images dropped, requests cancelled) settle.
  await sleep(500);
}

async function browserRun(
  browser: Browser,
  hostUrl: string,
  ins: string,
  floorUrls: { metadataUrl: string; frameUrls: string[] },
): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
  try {
    // tsx compiles with esbuild's keepNames, which wraps the functions handed to page.evaluate
    // in a `__name` helper that only exists in Node: give the page a no-op one.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await page.goto(hostUrl);
    await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(ins);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const open = page.getByRole('button', { name: /Ouvrir le dossier de/ });
    await open.waitFor({ timeout: WAIT_MS });
    await open.click();
    await page.getByTestId('banner-ins').waitFor({ timeout: WAIT_MS });

    // First visit: loads the imaging code and initialises Cornerstone (kept for the page's life).
    await openImagingTab(page);
    const floor = await page.evaluate(fetchFloor, {
      ...floorUrls,
      accept: FRAME_ACCEPT,
      concurrency: CONCURRENCY,
    });
    await closeImagingTab(page);
    const before = await heapAfterGc(cdp);

    await openImagingTab(page);
    const imagingTab = await heapAfterGc(cdp);
    await page.evaluate(armOpenTiming);
    await page.locator('.study-open').filter({ hasText: STUDY_LINE }).first().click();
    try {
      await page.waitForFunction(
        () => (window as BenchWindow).__regardViewerBench?.done === true,
        undefined,
        { timeout: WAIT_MS, polling: 100 },
      );
    } catch (error) {
      const state = await page.evaluate(() => ({
        timing: (window as BenchWindow).__regardViewerBench,
        status: document.querySelector('[data-testid="viewport-state"]')?.textContent,
        notice: document.querySelector('[data-testid="viewer-notice"]')?.textContent,
      }));
      throw new Error(`viewer bench: the study did not load: ${JSON.stringify(state)}`, {
        cause: error,
      });
    }
    const timing = await page.evaluate(() => (window as BenchWindow).__regardViewerBench);
    if (!timing) throw new Error('the page lost its timing record');
    if (timing.failure !== undefined) {
      throw new Error(`viewer bench: the viewport failed: ${timing.failure}`);
    }

    const scroll = await page.evaluate(scrollStack, {
      steps: floorUrls.frameUrls.length - 1,
      stepTimeoutMs: 10_000,
    });
    // What a user's key does now, with the focus where the click on the study left it.
    const focus = await page.evaluate(() => {
      const active = document.activeElement;
      if (!active || active === document.body) return 'body';
      const classes = active.getAttribute('class');
      return `${active.tagName.toLowerCase()}${classes ? `.${classes.split(' ').join('.')}` : ''}`;
    });
    const slice = page.getByTestId('viewport').first().getByTestId('overlay-slice');
    const beforeKey = (await slice.textContent()) ?? '';
    await page.keyboard.press('ArrowUp');
    await sleep(500);
    const afterKey = (await slice.textContent()) ?? '';
    const loaded = await heapAfterGc(cdp);

    await closeImagingTab(page);
    const after = await heapAfterGc(cdp);
    // Once more: what stays after the first closing but does not grow with the second is code
    // and one-time state; what grows again is kept per opened study.
    await openImagingTab(page);
    await page.locator('.study-open').filter({ hasText: STUDY_LINE }).first().click();
    await page
      .locator('[data-testid="viewport"][data-quality="complete"]')
      .waitFor({ timeout: WAIT_MS });
    await closeImagingTab(page);
    const afterSecond = await heapAfterGc(cdp);
    return {
      floor,
      open: timing,
      scroll,
      heap: { before, imagingTab, loaded, after, afterSecond },
      realKey: { focus, before: beforeKey, after: afterKey },
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

function printResults(runs: readonly RunResult[], frames: number): void {
  const med = (pick: (run: RunResult) => number) => median(runs.map(pick));
  const since = (pick: (timing: OpenTiming) => number) =>
    med((run) => pick(run.open) - run.open.t0);

  const metadata = med((run) => run.floor.metadataMs);
  const oneFrame = med((run) => run.floor.oneFrameMs);
  const allFrames = med((run) => run.floor.allFramesMs);
  const floorSeries = med((run) => run.floor.metadataMs + run.floor.allFramesMs);
  const firstPainted = since((t) => t.firstImagePainted);
  const complete = since((t) => t.completePainted);
  const firstBudget = 2 * med((run) => run.floor.metadataMs + run.floor.oneFrameMs);
  const frameMb = mb(runs[0]?.floor.frameBytes);
  // Ratios are paired: each run's viewer time over the same run's floor, then the median. The
  // machine is shared, and a busy moment slows both figures of a run together.
  const firstRatio = med(
    (run) =>
      (run.open.firstImagePainted - run.open.t0) / (run.floor.metadataMs + run.floor.oneFrameMs),
  );
  const framesRatio = med((run) => (run.open.lastFrameEnd - run.open.t0) / run.floor.allFramesMs);
  const seriesRatio = med(
    (run) =>
      (run.open.completePainted - run.open.t0) / (run.floor.metadataMs + run.floor.allFramesMs),
  );
  const seriesToFramesRatio = med(
    (run) => (run.open.completePainted - run.open.t0) / run.floor.allFramesMs,
  );

  console.log(
    `\nImaging viewer, ${frames}-slice 512x512 CT (${frameMb} MB of frames) through the gateway ` +
      `to Orthanc, Chromium, median of ${runs.length} runs (fresh page each, after one warm-up). ` +
      `Floor: fetched in the same page with fetch(), bodies read, no decoding, ${CONCURRENCY} at a ` +
      `time. Viewer times from the click on the study line. Ratio: median of the per-run ratios ` +
      `(viewer over the floor of the same run).`,
  );
  console.table({
    'series metadata': { 'floor (ms)': fmt(metadata), 'viewer (ms)': '', ratio: '' },
    'one frame': { 'floor (ms)': fmt(oneFrame), 'viewer (ms)': '', ratio: '' },
    'first image painted': {
      'floor (ms)': fmt(metadata + oneFrame),
      'viewer (ms)': fmt(firstPainted),
      ratio: fmt(firstRatio, 2),
    },
    [`all ${frames} frames`]: {
      'floor (ms)': fmt(allFrames),
      'viewer (ms)': fmt(since((t) => t.lastFrameEnd)),
      ratio: fmt(framesRatio, 2),
    },
    'metadata + all frames': {
      'floor (ms)': fmt(floorSeries),
      'viewer (ms)': fmt(complete),
      ratio: fmt(seriesRatio, 2),
    },
  });
  console.log(
    'Where the viewer spends it (ms from the click, medians): "viewer" of "all frames" above is ' +
      'when the last frame response had arrived; "metadata + all frames" is every slice decoded ' +
      'and cached (status "série complète"), painted.',
  );
  const span = (pick: (timing: OpenTiming) => RequestSpan | undefined) =>
    `${fmt(since((t) => pick(t)?.start ?? Number.NaN))} → ${fmt(since((t) => pick(t)?.end ?? Number.NaN))}`;
  console.table({
    'QIDO series list': { 'ms from click': span((t) => t.seriesQuery) },
    'series metadata': { 'ms from click': span((t) => t.metadata) },
    'first frame request': { 'ms from click': span((t) => t.firstFrame) },
    'first image rendered': { 'ms from click': fmt(since((t) => t.firstImageRendered)) },
    'first image painted': { 'ms from click': fmt(firstPainted) },
    'viewport data-state "shown"': { 'ms from click': fmt(since((t) => t.shownDom)) },
    'last frame received': { 'ms from click': fmt(since((t) => t.lastFrameEnd)) },
    'data-quality "complete"': { 'ms from click': fmt(since((t) => t.completeDom)) },
  });
  console.log(
    `One frame request, median: floor ${fmt(
      med((run) => run.floor.frameMedianMs),
      1,
    )} ms, viewer ` +
      `${fmt(
        med((run) => run.open.frameMedianMs),
        1,
      )} ms; frame requests in flight on average: ` +
      `floor ${fmt(
        med((run) => run.floor.inFlight),
        1,
      )}, viewer ` +
      `${fmt(
        med((run) => run.open.inFlight),
        1,
      )} (of ${CONCURRENCY})`,
  );
  const first = runs[0]?.open;
  console.log(
    `Requests after the click (run 1): ${first?.frameRequests ?? '–'} frame requests ` +
      `(${first?.distinctFrames ?? '–'} distinct), ${first?.thumbnailRequests ?? '–'} thumbnails, ` +
      `${first?.otherRequests ?? '–'} other; ${fmt(med((run) => run.open.renders))} renders ` +
      `of the viewport before "complete"; status: "${first?.statusText ?? ''}"`,
  );

  const middle = [...runs].sort(
    (a, b) => a.open.firstImagePainted - a.open.t0 - (b.open.firstImagePainted - b.open.t0),
  )[Math.floor(runs.length / 2)];
  if (middle) {
    console.log(
      `Requests until the first image was painted (the run with the median first image, ` +
        `${fmt(middle.open.firstImagePainted - middle.open.t0)} ms), ms from the click:`,
    );
    for (const request of middle.open.waterfall) {
      console.log(
        `  ${fmt(request.start).padStart(5)} → ${fmt(request.end).padStart(5)}  ${request.what}`,
      );
    }
  }

  const scrolls = runs.map((run) => run.scroll);
  const rate = median(scrolls.map((s) => (s.steps * 1000) / s.ms));
  console.log(
    `Scrolling the loaded stack, ArrowDown from image 1 to ${frames}, each step waiting for its ` +
      `render (median of ${scrolls.length} runs)`,
  );
  console.table({
    scroll: {
      'images/s': fmt(rate, 1),
      'ms/image': fmt(1000 / rate, 1),
      'p95 step (ms)': fmt(median(scrolls.map((s) => s.p95StepMs)), 1),
      'max step (ms)': fmt(median(scrolls.map((s) => s.maxStepMs)), 1),
      'overlay at the end': scrolls[0]?.overlayAfter ?? '',
    },
  });
  for (const failure of scrolls.flatMap((s) => (s.failure ? [s.failure] : []))) {
    console.log(`  scroll stopped: ${failure}`);
  }

  const heapRow = (pick: (run: RunResult) => HeapUsage) => ({
    'JS heap (MB)': mb(med((run) => pick(run).usedSize)),
    'array buffers (MB)': mb(med((run) => pick(run).backingStorageSize)),
    'total (MB)': mb(med((run) => totalOf(pick(run)))),
  });
  console.log(
    'Page memory after garbage collection (Runtime.getHeapUsage; decode workers not counted). ' +
      'The Cornerstone image cache is not reachable from the page (no hook); decoded pixels ' +
      'are array buffers.',
  );
  console.table({
    'before (timeline tab, Cornerstone initialised)': heapRow((run) => run.heap.before),
    'imaging tab, no study': heapRow((run) => run.heap.imagingTab),
    'study loaded and scrolled': heapRow((run) => run.heap.loaded),
    'after closing (timeline tab)': heapRow((run) => run.heap.after),
    'after a second open and close': heapRow((run) => run.heap.afterSecond),
  });

  const memoryRatio = med((run) => totalOf(run.heap.after) / totalOf(run.heap.before));
  const heapRatio = med((run) => run.heap.after.usedSize / run.heap.before.usedSize);
  const goals = [
    {
      met: seriesRatio <= 1.5,
      line:
        `full series within 1.5 x the floor (metadata + all frames): ratio ` +
        `${fmt(seriesRatio, 2)} (medians ${fmt(complete)} vs ${fmt(floorSeries)} ms); against ` +
        `the frames alone ${fmt(seriesToFramesRatio, 2)}${seriesToFramesRatio <= 1.5 ? '' : ' (over 1.5)'}`,
    },
    {
      met: firstRatio <= 2,
      line:
        `first image within 2 x (series metadata + one frame): ratio ${fmt(firstRatio, 2)} ` +
        `(medians ${fmt(firstPainted)} ms vs 2 x ${fmt(firstBudget / 2)} = ${fmt(firstBudget)} ms)`,
    },
    {
      met: memoryRatio <= 1.1,
      line:
        `memory after closing within 10% of before opening: ratio ${fmt(memoryRatio, 2)} ` +
        `(${mb(med((run) => totalOf(run.heap.after)))} vs ` +
        `${mb(med((run) => totalOf(run.heap.before)))} MB, JS heap and array buffers; JS heap ` +
        `alone ${fmt(heapRatio, 2)})`,
    },
  ];
  const secondRatio = med((run) => totalOf(run.heap.afterSecond) / totalOf(run.heap.after));
  console.log(
    `Second open and close: ${mb(med((run) => totalOf(run.heap.after)))} → ` +
      `${mb(med((run) => totalOf(run.heap.afterSecond)))} MB (ratio ${fmt(secondRatio, 2)}; JS heap ` +
      `${mb(med((run) => run.heap.afterSecond.usedSize - run.heap.after.usedSize))} MB more)`,
  );
  console.log('Goals');
  for (const goal of goals) console.log(`  ${goal.met ? 'MET    ' : 'NOT MET'}  ${goal.line}`);
  const key = runs[0]?.realKey;
  if (key) {
    console.log(
      `A real ArrowUp after the scroll, focus on ${key.focus}: overlay "${key.before}" → ` +
        `"${key.after}"${key.before === key.after ? ' (the key was ignored)' : ''}`,
    );
  }
}

export async function benchViewer(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.log(
      `\nImaging viewer benchmark skipped: ${RENDERER_DIR} is missing; run \`npm run build\` first.`,
    );
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`\nImaging viewer benchmark skipped: no Chromium at ${CHROMIUM}.`);
    return;
  }
  const cleanups: (() => unknown)[] = [];
  try {
    const [orthanc, records] = await Promise.all([startOrthanc(), startRecordServer()]);
    cleanups.push(
      () => orthanc.stop(),
      () => records.close(),
    );
    // The records are built for the default DICOMweb address (their cache is keyed by it): only
    // the KOS retrieve addresses would differ, and no KOS is opened here.
    const data = await ensureSyntheticData({ dicomwebBaseUrl: DEFAULT_DICOMWEB_BASE_URL });
    const study = data.imaging.studies.find((candidate) => candidate.key === STUDY_KEY);
    const series = study?.series.find((candidate) => candidate.description === SERIES_DESCRIPTION);
    if (!study || !series) throw new Error(`no series "${SERIES_DESCRIPTION}" in ${STUDY_KEY}`);
    const main = patientByKey('main');
    // The main patient's studies (the study browser lists them all), not the other patients'.
    const [images, documents] = await Promise.all([
      loadIntoOrthanc(orthanc.url, data.dicomFiles({ patientKeys: [main.key] })),
      loadIntoRecordServer(records.baseUrl, data.records),
    ]);
    console.log(
      `\nOrthanc: ${images.instances} instances of the main patient in ${fmt(images.ms)} ms; ` +
        `record server: ${documents.documentsPosted} documents in ${fmt(documents.ms)} ms`,
    );

    const dataDir = mkdtempSync(join(tmpdir(), 'regard-bench-viewer-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // A copy of the build: a rebuild while the bench runs must not mix two builds in one run.
    const rendererDir = join(dataDir, 'renderer');
    cpSync(RENDERER_DIR, rendererDir, { recursive: true });
    const host = await launchBrowserHost({
      env: {
        REGARD_RECORDS_URL: records.baseUrl,
        REGARD_PACS_URL: orthanc.dicomwebUrl,
        REGARD_DATA_DIR: dataDir,
        REGARD_POLICY_FILE: join(dataDir, 'no-policy.json'),
      },
      rendererDir,
      version: 'bench',
    });
    cleanups.push(() => host.close());
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    cleanups.push(() => browser.close());

    const seriesPath = `${GATEWAY_BASE}studies/${study.studyInstanceUid}/series/${series.seriesInstanceUid}`;
    const floorUrls = {
      metadataUrl: `${seriesPath}/metadata`,
      frameUrls: series.instances.map(
        (instance) => `${seriesPath}/instances/${instance.sopInstanceUid}/frames/1`,
      ),
    };
    const results: RunResult[] = [];
    const started = performance.now();
    // Run 0 warms up and is not counted: the JIT of this process (host, gateway), Orthanc's
    // storage cache and Chromium's code cache.
    for (let run = 0; run <= RUNS; run += 1) {
      const result = await browserRun(browser, host.url, main.ins, floorUrls);
      const since = (at: number) => fmt(at - result.open.t0);
      console.log(
        `  ${run === 0 ? 'warm-up' : `run ${run}/${RUNS}`}: first image ` +
          `${since(result.open.firstImagePainted)} ms, complete ${since(result.open.completePainted)} ` +
          `ms; floor metadata ${fmt(result.floor.metadataMs)}, one frame ` +
          `${fmt(result.floor.oneFrameMs)}, all frames ${fmt(result.floor.allFramesMs)} ms; ` +
          `scroll ${fmt((result.scroll.steps * 1000) / result.scroll.ms, 1)} images/s; memory ` +
          `${mb(totalOf(result.heap.before))} → ${mb(totalOf(result.heap.loaded))} → ` +
          `${mb(totalOf(result.heap.after))} MB`,
      );
      if (run > 0) results.push(result);
    }
    console.log(`  (${fmt((performance.now() - started) / 1000)} s for the runs)`);
    printResults(results, series.instances.length);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('viewer bench: cleanup failed', error);
      }
    }
  }
}
