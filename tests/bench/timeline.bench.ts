import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { Agent, request } from 'undici';
import { launchBrowserHost } from '../../electron/browser-host/main';
import { startRecordServer } from '../testbed/record-server/server';
import {
  DEFAULT_DICOMWEB_BASE_URL,
  INS_NIR_TEST_OID,
  INS_NIR_TEST_SYSTEM,
  ensureSyntheticData,
  loadIntoRecordServer,
  patientByKey,
} from '../testbed/synthetic';
import { nirKey } from '../testbed/synthetic/patients';
import { createRng } from '../testbed/synthetic/prng';
import { median } from './stats';

/**
 * The patient timeline at scale: for the synthetic scale patient (~2,100 documents) and a
 * bench-only 10,000-document patient, the time from "open the record" (and from "show the whole
 * record") to the first timeline rows painted and to every entry loaded, measured inside the page,
 * against the raw ITI-67 search with the same query (first page, and every page following `next`)
 * fetched from Node in the same run; then scrolling the 10,000 entries frame by frame, and the
 * DOM size. No PACS is configured, so the imaging search answers at once and does not compete.
 */

/** At least 5 for the figures to mean anything; fewer only to try the bench out. */
const RUNS = Math.max(1, Number(process.env.REGARD_BENCH_RUNS ?? 5) || 5);
const PAGE_SIZE = 200;
/** Top to bottom in this many frames: each step is longer than the viewport, the worst case. */
const SCROLL_FRAMES = 150;
const LONG_FRAME_MS = 50;
/** A failure alert still up after this long means the load failed. */
const FAILED_AFTER_MS = 5_000;
/** The whole 10,000-document record takes under a minute against the test bed. */
const WAIT_MS = 180_000;
const VIEWPORT = { width: 1440, height: 900 };
const RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');
const CHROMIUM = process.env.REGARD_CHROMIUM ?? '/usr/bin/chromium';

type Scope = 'recent' | 'all';

interface BenchSubject {
  label: string;
  ins: string;
  /** The accessible name of the "open the record" button. */
  openName: string;
}

// ---------------------------------------------------------------------------------------------
// The bench-only patient: 10,000 minimal but valid MHD documents over ten years.

const BENCH_DOCUMENTS = 10_000;
const BENCH_CHUNK = 200;
const BENCH_NIR13 = '2670875106123';
const BENCH_PATIENT = {
  ins: `${BENCH_NIR13}${nirKey(BENCH_NIR13)}`,
  family: 'ESSAI-DIXMILLE',
  given: ['CAMILLE', 'BENCH'],
  birthDate: '1967-08-12',
};

const DOCUMENT_TYPES = [
  ['11502-2', "CR d'examens biologiques", 'Compte rendu d’examens de biologie médicale'],
  ['11488-4', 'Compte rendu de consultation', 'Consultation de suivi'],
  ['11490-0', 'Lettre de liaison de sortie', 'Lettre de liaison à la sortie'],
  ['34112-3', "Compte rendu d'hospitalisation", 'Compte rendu d’hospitalisation'],
  ['15507-7', 'Compte rendu des urgences', 'Passage aux urgences'],
  ['57833-6', 'Prescription de médicaments', 'Ordonnance'],
  ['60591-5', 'Volet de synthèse médicale', 'Volet de synthèse médicale'],
] as const;

const AUTHORS = [
  ['MME', 'Anne', 'CORRE', 'Laboratoire fictif de Recouvrance'],
  ['M', 'Paul', 'LE GALL', 'Centre hospitalier fictif de Morlaix'],
  ['MME', 'Inès', 'BENALI', 'Cabinet fictif des Capucins'],
  ['M', 'Hugo', 'FERREIRA', 'Clinique fictive du Port'],
  ['MME', 'Léa', 'MARTIN', 'Maison de santé fictive de Kerinou'],
  ['M', 'Karim', 'HADDAD', 'Centre hospitalier fictif de Morlaix'],
] as const;

type Json = Record<string, unknown>;

function benchPatientResource(): Json {
  return {
    resourceType: 'Patient',
    extension: [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
        valueAddress: {
          extension: [
            {
              url: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code',
              valueCoding: { code: '75106' },
            },
          ],
          city: 'PARIS 6E ARRONDISSEMENT',
        },
      },
      {
        url: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability',
        extension: [{ url: 'identityReliability', valueCoding: { code: 'VALI' } }],
      },
    ],
    identifier: [{ use: 'official', system: INS_NIR_TEST_SYSTEM, value: BENCH_PATIENT.ins }],
    name: [{ use: 'official', family: BENCH_PATIENT.family, given: BENCH_PATIENT.given }],
    gender: 'female',
    birthDate: BENCH_PATIENT.birthDate,
  };
}

/** One document: Binary + DocumentReference entries of a transaction, linked by urn:uuid. */
function benchDocumentEntries(
  index: number,
  patientReference: string,
  date: Date,
  status: 'current' | 'superseded',
  replaces: string | undefined,
): { fullUrl: string; entries: Json[] } {
  const rng = createRng(`bench-timeline-${index}`);
  const [code, display, title] = rng.pick(DOCUMENT_TYPES);
  const [prefix, given, family, organisation] = rng.pick(AUTHORS);
  const suffix = String(index).padStart(6, '0');
  const binaryUrl = `urn:uuid:00000000-0000-4000-8000-b${suffix.padStart(11, '0')}`;
  const fullUrl = `urn:uuid:00000000-0000-4000-8000-d${suffix.padStart(11, '0')}`;
  const text = `Document de test n° ${index} : contenu fictif pour la mesure de la chronologie.`;
  const when = date.toISOString();
  const documentReference: Json = {
    resourceType: 'DocumentReference',
    contained: [
      {
        resourceType: 'Practitioner',
        id: 'p',
        name: [{ family, given: [given], prefix: [prefix] }],
      },
      { resourceType: 'Organization', id: 'o', name: organisation },
      {
        resourceType: 'PractitionerRole',
        id: 'author',
        practitioner: { reference: '#p' },
        organization: { reference: '#o' },
      },
    ],
    masterIdentifier: { system: 'urn:ietf:rfc:3986', value: `urn:oid:2.25.990${suffix}` },
    identifier: [{ system: 'urn:ietf:rfc:3986', value: fullUrl }],
    status,
    type: { coding: [{ system: 'http://loinc.org', code, display }] },
    category: [
      {
        coding: [
          {
            system:
              'https://mos.esante.gouv.fr/NOS/TRE_A03-ClasseDocument/FHIR/TRE-A03-ClasseDocument',
            code: '10',
            display: 'Compte-rendu',
          },
        ],
      },
    ],
    subject: { reference: patientReference },
    date: when,
    author: [{ reference: '#author' }],
    description: title,
    securityLabel: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'N' }],
      },
    ],
    ...(replaces ? { relatesTo: [{ code: 'replaces', target: { reference: replaces } }] } : {}),
    content: [
      {
        attachment: {
          contentType: 'text/plain',
          url: binaryUrl,
          size: Buffer.byteLength(text),
          title: `${title} (${index})`,
          creation: when,
        },
        format: { code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient' },
      },
    ],
    context: { period: { start: when, end: new Date(date.getTime() + 3_600_000).toISOString() } },
  };
  return {
    fullUrl,
    entries: [
      {
        fullUrl: binaryUrl,
        resource: {
          resourceType: 'Binary',
          contentType: 'text/plain',
          data: Buffer.from(text).toString('base64'),
        },
        request: { method: 'POST', url: 'Binary' },
      },
      {
        fullUrl,
        resource: documentReference,
        request: { method: 'POST', url: 'DocumentReference' },
      },
    ],
  };
}

async function fhirSend(
  agent: Agent,
  url: string,
  method: 'GET' | 'POST',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Json> {
  const response = await request(url, {
    method,
    dispatcher: agent,
    headers: {
      accept: 'application/fhir+json',
      ...(body ? { 'content-type': 'application/fhir+json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) {
    throw new Error(
      `${method} ${url.split('?')[0]}: HTTP ${response.statusCode} ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text) as Json;
}

/**
 * Loads the 10,000-document patient in transactions of 200 documents, dated evenly over the last
 * ten years (newest last); one document in fifty is superseded by the next one.
 */
async function loadBenchPatient(baseUrl: string, now: Date): Promise<number> {
  const started = performance.now();
  const agent = new Agent({ connections: 1 });
  try {
    const patient = await fhirSend(agent, `${baseUrl}/Patient`, 'POST', benchPatientResource(), {
      'if-none-exist': `identifier=${INS_NIR_TEST_SYSTEM}|${BENCH_PATIENT.ins}`,
    });
    const patientReference = `Patient/${String(patient.id)}`;
    const span = 10 * 365.25 * 24 * 3600 * 1000;
    for (let first = 0; first < BENCH_DOCUMENTS; first += BENCH_CHUNK) {
      const entries: Json[] = [];
      let previous: string | undefined;
      for (let index = first; index < Math.min(first + BENCH_CHUNK, BENCH_DOCUMENTS); index += 1) {
        // Oldest first; a quarter of a day of jitter keeps the dates from being a perfect grid.
        const offset = ((BENCH_DOCUMENTS - index) / BENCH_DOCUMENTS) * span;
        const jitter = createRng(`bench-date-${index}`).int(0, 6 * 3600) * 1000;
        const date = new Date(now.getTime() - offset + jitter);
        const superseded = index % 50 === 10;
        const replaces = index % 50 === 11 ? previous : undefined;
        const document = benchDocumentEntries(
          index,
          patientReference,
          date,
          superseded ? 'superseded' : 'current',
          replaces,
        );
        entries.push(...document.entries);
        previous = document.fullUrl;
      }
      await fhirSend(agent, baseUrl, 'POST', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: entries,
      });
    }
  } finally {
    await agent.close();
  }
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------
// The raw search: the same ITI-67 query the host sends, from Node, body read and parsed.

function twoYearsBefore(now: Date): string {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 2);
  return from.toISOString().slice(0, 10);
}

function searchUrl(baseUrl: string, ins: string, scope: Scope, now: Date): string {
  const params = new URLSearchParams([
    ['patient.identifier', `urn:oid:${INS_NIR_TEST_OID}|${ins}`],
  ]);
  if (scope === 'recent') {
    params.set('status', 'current');
    params.set('period', `ge${twoYearsBefore(now)}`);
  }
  params.set('_sort', '-date');
  params.set('_count', String(PAGE_SIZE));
  return `${baseUrl}/DocumentReference?${params}`;
}

interface RawTiming {
  firstMs: number;
  allMs: number;
  pages: number;
  documents: number;
}

async function rawSearch(agent: Agent, url: string, maxPages = Infinity): Promise<RawTiming> {
  const started = performance.now();
  let firstMs = Number.NaN;
  let pages = 0;
  let documents = 0;
  let next: string | undefined = url;
  while (next) {
    const bundle = (await fhirSend(agent, next, 'GET')) as {
      entry?: unknown[];
      link?: { relation: string; url: string }[];
    };
    pages += 1;
    documents += bundle.entry?.length ?? 0;
    if (pages === 1) firstMs = performance.now() - started;
    next =
      pages < maxPages ? bundle.link?.find((link) => link.relation === 'next')?.url : undefined;
  }
  return { firstMs, allMs: performance.now() - started, pages, documents };
}

// ---------------------------------------------------------------------------------------------
// In the page: timings taken with performance.now(), so no DevTools round trip is counted.

interface PageTiming {
  t0: number;
  firstRowDom: number;
  firstRowPainted: number;
  loadedDom: number;
  loadedPainted: number;
  /** When the response to the first listDocuments bridge call after the click had arrived. */
  firstBridgeResponse: number;
  entries: number;
  longTaskMs: number;
  longTasks: number;
  /** A failure alert (with its button) that stayed up: the load failed. */
  failure: string | undefined;
  retryable: boolean;
  /** Failure alerts that went away by themselves while the load went on, and for how long. */
  flashes: { text: string; ms: number }[];
  done: boolean;
}

type ClickMode = 'open' | 'widen' | 'retry';

interface BenchWindow {
  __regardBench?: PageTiming;
}

/**
 * Arms the observers before the click: the click's own event (capture phase) starts the clock;
 * the first `timeline-row` added after it (after the rows of the previous scope were cleared, when
 * widening) is "first rows", and painted one frame later (rAF, then a task after that frame);
 * the status leaving "Chargement" is "all loaded".
 */
function armTiming({ mode, failedAfterMs }: { mode: ClickMode; failedAfterMs: number }): void {
  const result: PageTiming = {
    t0: Number.NaN,
    firstRowDom: Number.NaN,
    firstRowPainted: Number.NaN,
    loadedDom: Number.NaN,
    loadedPainted: Number.NaN,
    firstBridgeResponse: Number.NaN,
    entries: Number.NaN,
    longTaskMs: 0,
    longTasks: 0,
    failure: undefined,
    retryable: false,
    flashes: [],
    done: false,
  };
  (window as BenchWindow).__regardBench = result;
  performance.setResourceTimingBufferSize(10_000);
  let cleared = mode !== 'widen';
  const rowCount = () => document.querySelectorAll('[data-testid="timeline-row"]').length;
  const afterPaint = (record: (time: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        record(performance.now());
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
  const longTasks: PerformanceEntry[] = [];
  const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  longTaskObserver.observe({ type: 'longtask' });
  const finish = () => {
    if (Number.isNaN(result.firstRowPainted) || Number.isNaN(result.loadedPainted)) return;
    for (const task of longTasks.concat(longTaskObserver.takeRecords())) {
      if (task.startTime + task.duration < result.t0 || task.startTime > result.loadedPainted)
        continue;
      result.longTasks += 1;
      result.longTaskMs += task.duration;
    }
    longTaskObserver.disconnect();
    const bridgePage = performance
      .getEntriesByType('resource')
      .find(
        (entry) => entry.name.endsWith('/bridge/listDocuments') && entry.startTime >= result.t0,
      );
    result.firstBridgeResponse =
      (bridgePage as PerformanceResourceTiming | undefined)?.responseEnd ?? Number.NaN;
    result.done = true;
  };
  let alertShown: { text: string; at: number } | undefined;
  const check = () => {
    if (Number.isNaN(result.t0)) return;
    // A failed load shows an alert with a button (retry, or back to the list). One that goes
    // away by itself is noted; one that stays up for FAILED_AFTER_MS ends the measurement.
    const alertButton = document.querySelector('[role="alert"] button');
    if (alertButton) {
      if (!alertShown) {
        const message = alertButton.parentElement?.firstChild?.textContent ?? 'failed';
        alertShown = {
          text: `${message} [${alertButton.textContent ?? ''}]`,
          at: performance.now(),
        };
        const shown = alertShown;
        setTimeout(() => {
          if (alertShown !== shown || result.done) return;
          result.failure = shown.text;
          result.retryable = alertButton.textContent === 'Réessayer';
          observer.disconnect();
          longTaskObserver.disconnect();
          result.done = true;
        }, failedAfterMs);
      }
      return;
    }
    if (alertShown) {
      result.flashes.push({ text: alertShown.text, ms: performance.now() - alertShown.at });
      alertShown = undefined;
    }
    const rows = rowCount();
    if (!cleared) {
      if (rows > 0) return;
      cleared = true;
    }
    if (Number.isNaN(result.firstRowDom)) {
      if (rows === 0) return;
      result.firstRowDom = performance.now();
      afterPaint((time) => {
        result.firstRowPainted = time;
        finish();
      });
    }
    const status = document.querySelector('[data-testid="timeline-status"]')?.textContent ?? '';
    if (Number.isNaN(result.loadedDom) && status !== '' && !status.includes('Chargement')) {
      result.loadedDom = performance.now();
      result.entries = Number(
        (/^[\d\s\u00a0\u202f.,]+/.exec(status)?.[0] ?? '').replace(/\D/g, ''),
      );
      observer.disconnect();
      afterPaint((time) => {
        result.loadedPainted = time;
        finish();
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

async function timedClick(
  page: Page,
  mode: ClickMode,
  click: () => Promise<void>,
): Promise<PageTiming> {
  await page.evaluate(armTiming, { mode, failedAfterMs: FAILED_AFTER_MS });
  await click();
  try {
    await page.waitForFunction(
      () => (window as BenchWindow).__regardBench?.done === true,
      undefined,
      {
        timeout: WAIT_MS,
        polling: 100,
      },
    );
  } catch (error) {
    const state = await page.evaluate(() => ({
      timing: (window as BenchWindow).__regardBench,
      status: document.querySelector('[data-testid="timeline-status"]')?.textContent,
      rows: document.querySelectorAll('[data-testid="timeline-row"]').length,
      alerts: [...document.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent),
    }));
    throw new Error(`timeline bench: ${mode} did not finish: ${JSON.stringify(state)}`, {
      cause: error,
    });
  }
  const timing = await page.evaluate(() => (window as BenchWindow).__regardBench);
  if (!timing) throw new Error('the page lost its timing record');
  return timing;
}

interface DomSize {
  list: number;
  total: number;
  rows: number;
}

function domSize(): DomSize {
  const list = document.querySelector('[data-testid="timeline"]');
  return {
    list: list?.querySelectorAll('*').length ?? 0,
    total: document.getElementsByTagName('*').length,
    rows: document.querySelectorAll('[data-testid="timeline-row"]').length,
  };
}

interface ScrollResult {
  frames: number;
  ms: number;
  longFrames: number;
  maxFrameMs: number;
  p95FrameMs: number;
  /** The list's height at the top (rows not yet measured count at their estimated size). */
  startHeight: number;
  /** Its height at the bottom, every row passed having been measured. */
  scrollHeight: number;
  step: number;
  /** Frames in which no row covered any part of the viewport (the list showed blank). */
  blankFrames: number;
  reachedLast: boolean;
  maxRows: number;
}

/** Scrolls the virtualised list top to bottom, one step per animation frame, timing each frame. */
async function scrollThrough({ frames, longFrame }: { frames: number; longFrame: number }) {
  const scroller = document.querySelector<HTMLElement>('[data-testid="timeline"]');
  if (!scroller) throw new Error('no timeline scroller');
  const frame = () => new Promise<number>((resolveFrame) => requestAnimationFrame(resolveFrame));
  scroller.scrollTop = 0;
  await frame();
  await frame();
  const startHeight = scroller.scrollHeight;
  const step = Math.ceil((startHeight - scroller.clientHeight) / frames);
  const deltas: number[] = [];
  let maxRows = 0;
  let blankFrames = 0;
  const start = await frame();
  let last = start;
  while (
    scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1 &&
    deltas.length < frames * 4
  ) {
    scroller.scrollTop += step;
    const now = await frame();
    deltas.push(now - last);
    last = now;
    // After the frame's scroll event: does any rendered row cover part of the viewport?
    const view = scroller.getBoundingClientRect();
    const items = [...scroller.querySelectorAll<HTMLElement>('[data-index]')];
    const covered = items.some((item) => {
      const box = item.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom;
    });
    if (!covered) blankFrames += 1;
    maxRows = Math.max(maxRows, scroller.querySelectorAll('[data-testid="timeline-row"]').length);
  }
  // Two more frames so the virtualiser renders the end of the list, then check it is there.
  await frame();
  await frame();
  const inner = scroller.firstElementChild;
  let lastItem: HTMLElement | undefined;
  for (const element of scroller.querySelectorAll<HTMLElement>('[data-index]')) {
    if (!lastItem || Number(element.dataset.index) > Number(lastItem.dataset.index))
      lastItem = element;
  }
  const lastItemBottom = lastItem
    ? lastItem.getBoundingClientRect().bottom - (inner?.getBoundingClientRect().top ?? 0)
    : 0;
  const sorted = [...deltas].sort((a, b) => a - b);
  const result: ScrollResult = {
    frames: deltas.length,
    ms: last - start,
    longFrames: deltas.filter((delta) => delta > longFrame).length,
    maxFrameMs: sorted.at(-1) ?? 0,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    startHeight,
    scrollHeight: scroller.scrollHeight,
    step,
    blankFrames,
    reachedLast: inner !== null && Math.abs(lastItemBottom - inner.scrollHeight) <= 2,
    maxRows,
  };
  return result;
}

interface BrowserRun {
  recent: PageTiming;
  all: PageTiming | undefined;
  dom: DomSize;
  scroll: ScrollResult | undefined;
  failures: string[];
}

async function browserRun(
  browser: Browser,
  hostUrl: string,
  subject: BenchSubject,
  steps: { widen: boolean; scroll: boolean },
): Promise<BrowserRun> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
  try {
    // tsx compiles with esbuild's keepNames, which wraps the functions handed to page.evaluate
    // in a `__name` helper that only exists in Node: give the page a no-op one.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const page = await context.newPage();
    await page.goto(hostUrl);
    await page.getByRole('searchbox', { name: 'Rechercher un patient' }).fill(subject.ins);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const open = page.getByRole('button', { name: subject.openName });
    await open.waitFor({ timeout: WAIT_MS });
    const failures: string[] = [];
    // A failed load is noted, then retried so that the run can go on; its timing is not counted.
    const timedWithRetry = async (mode: ClickMode, click: () => Promise<void>) => {
      const timing = await timedClick(page, mode, click);
      if (timing.failure === undefined) return timing;
      failures.push(`${mode === 'open' ? 'opening' : 'widening'}: "${timing.failure}"`);
      if (!timing.retryable) {
        throw new Error(`timeline bench: ${subject.label} could not be loaded: ${timing.failure}`);
      }
      const retried = await timedClick(page, 'retry', () =>
        page.getByRole('alert').getByRole('button', { name: 'Réessayer' }).click(),
      );
      if (retried.failure !== undefined) {
        throw new Error(`timeline bench: ${subject.label} fails again: ${retried.failure}`);
      }
      return { ...retried, failure: timing.failure };
    };
    const recent = await timedWithRetry('open', () => open.click());
    const widen = page.getByRole('button', { name: /Afficher tout le dossier/ });
    const all = steps.widen ? await timedWithRetry('widen', () => widen.click()) : undefined;
    const dom = await page.evaluate(domSize);
    const scroll = steps.scroll
      ? await page.evaluate(scrollThrough, { frames: SCROLL_FRAMES, longFrame: LONG_FRAME_MS })
      : undefined;
    return { recent, all, dom, scroll, failures };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

interface Measured {
  raw: Record<Scope, RawTiming[]>;
  browser: BrowserRun[];
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

function printResults(
  subjects: readonly BenchSubject[],
  measured: readonly Measured[],
  notes: readonly string[],
): void {
  const firstTable: Record<string, Record<string, string>> = {};
  const allTable: Record<string, Record<string, string>> = {};
  const goals: string[] = [];
  subjects.forEach((subject, index) => {
    const m = measured[index];
    if (!m) return;
    for (const scope of ['recent', 'all'] as const) {
      const timings = m.browser.flatMap((run) => {
        const timing = run[scope];
        return timing && timing.failure === undefined ? [timing] : [];
      });
      const raw = m.raw[scope];
      const since = (pick: (timing: PageTiming) => number) =>
        median(timings.map((timing) => pick(timing) - timing.t0));
      const rawFirst = median(raw.map((r) => r.firstMs));
      const rawAll = median(raw.map((r) => r.allMs));
      const firstPainted = since((t) => t.firstRowPainted);
      const loadedPainted = since((t) => t.loadedPainted);
      const budget = 1.2 * rawFirst + 100;
      const met = firstPainted <= budget;
      const label = `${subject.label}, ${scope === 'recent' ? 'two years' : 'whole record'}`;
      firstTable[label] = {
        'raw 1st page': fmt(rawFirst),
        'bridge 1st page': fmt(since((t) => t.firstBridgeResponse)),
        'rows in DOM': fmt(since((t) => t.firstRowDom)),
        'rows painted': fmt(firstPainted),
        ratio: fmt(firstPainted / rawFirst, 2),
        goal: fmt(budget),
        met: met ? 'yes' : 'NO',
      };
      allTable[label] = {
        documents: String(raw[0]?.documents ?? '–'),
        pages: String(raw[0]?.pages ?? '–'),
        entries: fmt(median(timings.map((t) => t.entries))),
        'raw all pages': fmt(rawAll),
        'all loaded': fmt(loadedPainted),
        ratio: fmt(loadedPainted / rawAll, 2),
        'long tasks': fmt(median(timings.map((t) => t.longTaskMs))),
      };
      goals.push(
        `  ${met ? 'PASS' : 'FAIL'}  ${label}: ${fmt(firstPainted)} ms ${met ? '<=' : '>'} ` +
          `1.2 x ${fmt(rawFirst)} + 100 = ${fmt(budget)} ms`,
      );
    }
  });
  const counted = Math.min(...measured.map((m) => m.browser.length));
  console.log(
    `\nPatient timeline: first rows painted, ms, median of ${counted} runs (fresh page each). ` +
      'Page times are taken in the page from the click on "Ouvrir le dossier" (two years) or ' +
      '"Afficher tout le dossier" (whole record); "raw" is the same ITI-67 search from Node in the ' +
      'same run; "bridge 1st page" is when the first listDocuments response reached the page.',
  );
  console.table(firstTable);
  console.log(
    'All entries loaded (status no longer "Chargement", painted), ms, and the main-thread long ' +
      'tasks (> 50 ms) in the page meanwhile; "raw all pages" follows the next links from Node.',
  );
  console.table(allTable);

  const domTable: Record<string, Record<string, string>> = {};
  subjects.forEach((subject, index) => {
    const runs = measured[index]?.browser ?? [];
    domTable[subject.label] = {
      'elements under the list': fmt(median(runs.map((r) => r.dom.list))),
      'rows in the DOM': fmt(median(runs.map((r) => r.dom.rows))),
      'elements in the page': fmt(median(runs.map((r) => r.dom.total))),
    };
  });
  console.log('DOM size once the whole record is loaded (scrolled to the top)');
  console.table(domTable);

  const scrolls = measured.flatMap((m) => m.browser.flatMap((r) => (r.scroll ? [r.scroll] : [])));
  if (scrolls.length > 0) {
    const fps = median(scrolls.map((s) => (s.frames * 1000) / s.ms));
    console.log(
      `Scrolling the 10,000-document record top to bottom (list height ` +
        `${fmt(median(scrolls.map((s) => s.startHeight)))} px estimated at the top, ` +
        `${fmt(median(scrolls.map((s) => s.scrollHeight)))} px measured at the bottom), ` +
        `${fmt(median(scrolls.map((s) => s.step)))} px per animation frame (each frame shows ` +
        `only new rows), median of ${scrolls.length} runs`,
    );
    console.table({
      scroll: {
        frames: fmt(median(scrolls.map((s) => s.frames))),
        fps: fmt(fps, 1),
        [`long frames > ${LONG_FRAME_MS} ms`]: fmt(median(scrolls.map((s) => s.longFrames))),
        'p95 frame (ms)': fmt(median(scrolls.map((s) => s.p95FrameMs)), 1),
        'max frame (ms)': fmt(median(scrolls.map((s) => s.maxFrameMs)), 1),
        'blank frames': fmt(median(scrolls.map((s) => s.blankFrames))),
        'max rows in DOM': fmt(median(scrolls.map((s) => s.maxRows))),
        'reached the end': scrolls.every((s) => s.reachedLast) ? 'yes' : 'no',
      },
    });
  }
  console.log('Goal: first rows painted within 1.2 x the raw first-page search + 100 ms');
  for (const line of goals) console.log(line);
  const flashes = new Map<string, { loads: number; ms: number[] }>();
  subjects.forEach((subject, index) => {
    for (const run of measured[index]?.browser ?? []) {
      for (const [scope, timing] of [
        ['two years', run.recent],
        ['whole record', run.all],
      ] as const) {
        for (const flash of timing?.flashes ?? []) {
          const key = `${subject.label}, ${scope}: "${flash.text}"`;
          const entry = flashes.get(key) ?? { loads: 0, ms: [] };
          entry.loads += 1;
          entry.ms.push(flash.ms);
          flashes.set(key, entry);
        }
      }
    }
  });
  if (flashes.size > 0) {
    console.log('Failure alerts that showed during a load and went away by themselves:');
    for (const [key, { loads, ms }] of flashes) {
      console.log(`  ${key} in ${loads} of ${RUNS} loads, up for ${fmt(median(ms))} ms (median)`);
    }
  }
  if (notes.length > 0) {
    console.log('Failures seen in the page (those loads were retried and are not counted):');
    for (const note of notes) console.log(`  ${note}`);
  }
}

export async function benchTimeline(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.log(
      `\nPatient timeline benchmark skipped: ${RENDERER_DIR} is missing; run \`npm run build\` first.`,
    );
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`\nPatient timeline benchmark skipped: no Chromium at ${CHROMIUM}.`);
    return;
  }
  const cleanups: (() => unknown)[] = [];
  try {
    const now = new Date();
    const records = await startRecordServer();
    cleanups.push(() => records.close());
    // No PACS: the records cache is keyed by the DICOMweb address written into the KOS, so the
    // default address reuses the cache that the other tools write.
    const data = await ensureSyntheticData({ dicomwebBaseUrl: DEFAULT_DICOMWEB_BASE_URL });
    const loaded = await loadIntoRecordServer(records.baseUrl, data.records);
    const benchMs = await loadBenchPatient(records.baseUrl, now);
    console.log(
      `\nRecord server: ${loaded.documentsPosted} synthetic documents in ${fmt(loaded.ms)} ms, ` +
        `${BENCH_DOCUMENTS} bench documents in ${fmt(benchMs)} ms`,
    );

    const dataDir = mkdtempSync(join(tmpdir(), 'regard-bench-timeline-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const host = await launchBrowserHost({
      env: {
        REGARD_RECORDS_URL: records.baseUrl,
        REGARD_DATA_DIR: dataDir,
        REGARD_POLICY_FILE: join(dataDir, 'no-policy.json'),
      },
      rendererDir: RENDERER_DIR,
      version: 'bench',
    });
    cleanups.push(() => host.close());
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    cleanups.push(() => browser.close());
    const agent = new Agent({ connections: 1 });
    cleanups.push(() => agent.close());

    const scale = patientByKey('scale');
    const subjects: BenchSubject[] = [
      {
        label: `scale patient`,
        ins: scale.ins,
        openName: `Ouvrir le dossier de ${scale.birthFamilyName} ${scale.firstNames.join(' ')}`,
      },
      {
        label: `10,000-document patient`,
        ins: BENCH_PATIENT.ins,
        openName: `Ouvrir le dossier de ${BENCH_PATIENT.family} ${BENCH_PATIENT.given.join(' ')}`,
      },
    ];
    const measured: Measured[] = subjects.map(() => ({
      raw: { recent: [], all: [] },
      browser: [],
    }));
    const notes: string[] = [];
    // Run 0 warms up and is not counted: the JIT of this process (host, record server), Chromium's
    // code cache, and the first opening of each patient in this host session. For the
    // 10,000-document patient it stops at the first pages: whole loads take half a minute.
    const started = performance.now();
    for (let run = 0; run <= RUNS; run += 1) {
      const warmUp = run === 0;
      for (const [index, subject] of subjects.entries()) {
        const target = measured[index];
        if (!target) continue;
        const big = index === subjects.length - 1;
        const maxPages = warmUp && big ? 1 : Infinity;
        const recentUrl = searchUrl(records.baseUrl, subject.ins, 'recent', now);
        const recentRaw = await rawSearch(agent, recentUrl, maxPages);
        const allUrl = searchUrl(records.baseUrl, subject.ins, 'all', now);
        const allRaw = await rawSearch(agent, allUrl, maxPages);
        const result = await browserRun(browser, host.url, subject, {
          widen: !(warmUp && big),
          scroll: big && !warmUp,
        });
        const since = (timing: PageTiming | undefined, at: number | undefined) =>
          fmt(timing && at !== undefined ? at - timing.t0 : undefined);
        console.log(
          `  ${warmUp ? 'warm-up' : `run ${run}/${RUNS}`}, ${subject.label} (two years | whole ` +
            `record): first rows ${since(result.recent, result.recent.firstRowPainted)} | ` +
            `${since(result.all, result.all?.firstRowPainted)} ms, all loaded ` +
            `${since(result.recent, result.recent.loadedPainted)} | ` +
            `${since(result.all, result.all?.loadedPainted)} ms; raw first page ` +
            `${fmt(recentRaw.firstMs)} | ${fmt(allRaw.firstMs)} ms, all pages ` +
            `${fmt(recentRaw.allMs)} | ${fmt(allRaw.allMs)} ms`,
        );
        for (const failure of result.failures) {
          notes.push(`${warmUp ? 'warm-up' : `run ${run}`}, ${subject.label}, ${failure}`);
        }
        if (warmUp) continue;
        target.raw.recent.push(recentRaw);
        target.raw.all.push(allRaw);
        target.browser.push(result);
      }
    }
    console.log(`  (${fmt((performance.now() - started) / 1000)} s for the runs)`);
    printResults(subjects, measured, notes);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('timeline bench: cleanup failed', error);
      }
    }
  }
}
