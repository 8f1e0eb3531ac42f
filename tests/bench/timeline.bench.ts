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
const RUNS = 5;
const PAGE_SIZE = 200;
const SCROLL_STEP_PX = 1200;
const LONG_FRAME_MS = 50;
const WAIT_MS = Number(process.env.BENCH_WAIT_MS ?? 120_000);
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
    context: { period: { start: when } },
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

async function rawSearch(agent: Agent, url: string): Promise<RawTiming> {
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
    next = bundle.link?.find((link) => link.relation === 'next')?.url;
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
  entries: number;
  longTaskMs: number;
  longTasks: number;
  done: boolean;
}

interface BenchWindow {
  __regardBench?: PageTiming;
}

/**
 * Arms the observers before the click: the click's own event (capture phase) starts the clock;
 * the first `timeline-row` added after it (after the rows of the previous scope were cleared, when
 * widening) is "first rows", and painted one frame later (rAF, then a task after that frame);
 * the status leaving "Chargement" is "all loaded".
 */
function armTiming(mode: 'open' | 'widen'): void {
  const result: PageTiming = {
    t0: Number.NaN,
    firstRowDom: Number.NaN,
    firstRowPainted: Number.NaN,
    loadedDom: Number.NaN,
    loadedPainted: Number.NaN,
    entries: Number.NaN,
    longTaskMs: 0,
    longTasks: 0,
    done: false,
  };
  (window as BenchWindow).__regardBench = result;
  let cleared = mode === 'open';
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
    result.done = true;
  };
  const check = () => {
    if (Number.isNaN(result.t0)) return;
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
  mode: 'open' | 'widen',
  click: () => Promise<void>,
): Promise<PageTiming> {
  await page.evaluate(armTiming, mode);
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
  scrollHeight: number;
  reachedLast: boolean;
  maxRows: number;
}

/** Scrolls the virtualised list top to bottom, one step per animation frame, timing each frame. */
async function scrollThrough({ step, longFrame }: { step: number; longFrame: number }) {
  const scroller = document.querySelector<HTMLElement>('[data-testid="timeline"]');
  if (!scroller) throw new Error('no timeline scroller');
  const frame = () => new Promise<number>((resolveFrame) => requestAnimationFrame(resolveFrame));
  scroller.scrollTop = 0;
  await frame();
  await frame();
  const deltas: number[] = [];
  let maxRows = 0;
  const start = await frame();
  let last = start;
  while (
    scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1 &&
    deltas.length < 100_000
  ) {
    scroller.scrollTop += step;
    const now = await frame();
    deltas.push(now - last);
    last = now;
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
    scrollHeight: scroller.scrollHeight,
    reachedLast: inner !== null && Math.abs(lastItemBottom - inner.scrollHeight) <= 2,
    maxRows,
  };
  return result;
}

interface BrowserRun {
  recent: PageTiming;
  all: PageTiming;
  dom: DomSize;
  scroll: ScrollResult | undefined;
}

async function browserRun(
  browser: Browser,
  hostUrl: string,
  subject: BenchSubject,
  withScroll: boolean,
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
    const recent = await timedClick(page, 'open', () => open.click());
    const widen = page.getByRole('button', { name: /Afficher tout le dossier/ });
    const all = await timedClick(page, 'widen', () => widen.click());
    const dom = await page.evaluate(domSize);
    const scroll = withScroll
      ? await page.evaluate(scrollThrough, { step: SCROLL_STEP_PX, longFrame: LONG_FRAME_MS })
      : undefined;
    return { recent, all, dom, scroll };
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

function printResults(subjects: readonly BenchSubject[], measured: readonly Measured[]): void {
  const table: Record<string, Record<string, string>> = {};
  const goals: string[] = [];
  subjects.forEach((subject, index) => {
    const m = measured[index];
    if (!m) return;
    for (const scope of ['recent', 'all'] as const) {
      const timings = m.browser.map((run) => run[scope]);
      const raw = m.raw[scope];
      const rawFirst = median(raw.map((r) => r.firstMs));
      const rawAll = median(raw.map((r) => r.allMs));
      const firstPainted = median(timings.map((t) => t.firstRowPainted - t.t0));
      const loadedPainted = median(timings.map((t) => t.loadedPainted - t.t0));
      const budget = 1.2 * rawFirst + 100;
      const label = `${subject.label}, ${scope === 'recent' ? 'two years' : 'all (widened)'}`;
      table[label] = {
        documents: String(raw[0]?.documents ?? '–'),
        pages: String(raw[0]?.pages ?? '–'),
        entries: fmt(median(timings.map((t) => t.entries))),
        'raw 1st page (ms)': fmt(rawFirst, 1),
        'first rows (ms)': fmt(firstPainted, 1),
        'ratio 1st': fmt(firstPainted / rawFirst, 2),
        'raw all pages (ms)': fmt(rawAll, 1),
        'all loaded (ms)': fmt(loadedPainted, 1),
        'ratio all': fmt(loadedPainted / rawAll, 2),
        'long tasks (ms)': fmt(median(timings.map((t) => t.longTaskMs))),
      };
      goals.push(
        `  ${firstPainted <= budget ? 'PASS' : 'FAIL'}  ${label}: first rows ${fmt(firstPainted, 1)} ms ` +
          `${firstPainted <= budget ? '<=' : '>'} 1.2 x ${fmt(rawFirst, 1)} + 100 = ${fmt(budget, 1)} ms`,
      );
    }
  });
  console.log(
    `\nPatient timeline, median of ${RUNS} runs (fresh page each), in-page times from the click; ` +
      `"all (widened)" is timed from the click on "Afficher tout le dossier"`,
  );
  console.table(table);

  const domTable: Record<string, Record<string, string>> = {};
  subjects.forEach((subject, index) => {
    const runs = measured[index]?.browser ?? [];
    domTable[subject.label] = {
      'elements under the list': fmt(median(runs.map((r) => r.dom.list))),
      'rows in the DOM': fmt(median(runs.map((r) => r.dom.rows))),
      'elements in the page': fmt(median(runs.map((r) => r.dom.total))),
    };
  });
  console.log('DOM size once everything is loaded (whole record, scrolled to the top)');
  console.table(domTable);

  const scrolls = measured.flatMap((m) => m.browser.flatMap((r) => (r.scroll ? [r.scroll] : [])));
  if (scrolls.length > 0) {
    const fps = median(scrolls.map((s) => (s.frames * 1000) / s.ms));
    console.log(
      `Scrolling ${fmt(median(scrolls.map((s) => s.scrollHeight)))} px of 10,000 entries, ` +
        `${SCROLL_STEP_PX} px per frame, median of ${scrolls.length} runs`,
    );
    console.table({
      scroll: {
        frames: fmt(median(scrolls.map((s) => s.frames))),
        fps: fmt(fps, 1),
        [`long frames > ${LONG_FRAME_MS} ms`]: fmt(median(scrolls.map((s) => s.longFrames))),
        'p95 frame (ms)': fmt(median(scrolls.map((s) => s.p95FrameMs)), 1),
        'max frame (ms)': fmt(median(scrolls.map((s) => s.maxFrameMs)), 1),
        'max rows in DOM': fmt(median(scrolls.map((s) => s.maxRows))),
        'reached the end': scrolls.every((s) => s.reachedLast) ? 'yes' : 'no',
      },
    });
  }
  console.log('Goal: first rows painted within 1.2 x the raw first-page search + 100 ms');
  for (const line of goals) console.log(line);
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
  const cleanups: (() => Promise<unknown> | void)[] = [];
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
    // Run 0 warms up (JIT, connections, caches) and is not counted.
    for (let run = 0; run <= RUNS; run += 1) {
      for (const [index, subject] of subjects.entries()) {
        const target = measured[index];
        if (!target) continue;
        const recentRaw = await rawSearch(
          agent,
          searchUrl(records.baseUrl, subject.ins, 'recent', now),
        );
        const allRaw = await rawSearch(agent, searchUrl(records.baseUrl, subject.ins, 'all', now));
        const browserResult = await browserRun(browser, host.url, subject, index === 1 && run > 0);
        if (run === 0) continue;
        target.raw.recent.push(recentRaw);
        target.raw.all.push(allRaw);
        target.browser.push(browserResult);
      }
    }
    printResults(subjects, measured);
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
