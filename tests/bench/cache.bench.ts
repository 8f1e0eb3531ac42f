import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchInput, BenchTimes } from '../renderer/cache/in-browser/cache-bench-page';
import { pageScript } from '../renderer/cache/in-browser/page-bundle';
import { MAX_PAGE_ITEMS } from '../../renderer/src/cache/record-pages';
import { median } from './stats';

/**
 * The encrypted cache's cost, in Debian's Chromium on a profile on disk: the same writes and reads
 * of 2,000 document records and of 100 512x512 16-bit frames through plain Dexie (the baseline,
 * a row per item), through Dexie with the sealing middleware, and through the cache's API (blind
 * keys, usage ledger, sealing; the document list in pages, see record-pages.ts), alternately in
 * the same run. The documents are also written and read in the cache's page layout through plain
 * and sealed Dexie, which tells the cost of sealing alone from the gain of the layout; and frames
 * of random bytes, which tells what of the frames' cost is IndexedDB storing incompressible bytes.
 * Goal: the cache at most 1.3x plain Dexie.
 */
const RUNS = Math.max(1, Number(process.env.REGARD_BENCH_RUNS ?? 5) || 5);
const DOCUMENTS = 2000;
const FRAMES = 100;

/** Each line: its label, the step measured, and the variants compared. */
const CASES = [
  [`write ${DOCUMENTS} documents (one bulk put)`, 'writeDocuments', '', true],
  [`read ${DOCUMENTS} documents (one index query)`, 'readDocuments', '', true],
  [`  same, in pages of ${MAX_PAGE_ITEMS}: write`, 'writeDocuments', 'Pages', false],
  [`  same, in pages of ${MAX_PAGE_ITEMS}: read`, 'readDocuments', 'Pages', false],
  [`write ${FRAMES} frames (one put each)`, 'writeFrames', '', true],
  [`read ${FRAMES} frames (one get each)`, 'readFrames', '', true],
  ['  same, random bytes: write', 'writeNoiseFrames', '', false],
  ['  same, random bytes: read', 'readNoiseFrames', '', false],
] as const;
const GOAL = 1.3;

declare global {
  var regardCacheBench: { run(input: BenchInput): Promise<BenchTimes> };
}

export async function benchCache(): Promise<void> {
  // A page of its own on loopback: a secure context (WebCrypto), no CSP, nothing else running.
  const server = createServer((_request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>bench</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = mkdtempSync(join(tmpdir(), 'regard-bench-cache-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.REGARD_CHROMIUM ?? '/usr/bin/chromium',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.evaluate(await pageScript('cache-bench-page'));
    const input: BenchInput = {
      runs: RUNS,
      fixture: {
        patient: {
          id: 'bench',
          identity: {
            birthFamilyName: 'BENCH',
            firstNames: ['A'],
            sex: 'other',
            birthDate: '1970-01-01',
          },
        },
        marker: 'BENCH',
        documents: DOCUMENTS,
        frames: FRAMES,
      },
    };
    const times = await page.evaluate((value) => regardCacheBench.run(value), input);
    const version =
      context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    const m = (key: string) => median(times[key] ?? []);
    const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(1));
    const ratio = (a: number, b: number) => (Number.isNaN(a) ? '–' : (a / b).toFixed(2));
    console.log(
      `\nEncrypted cache in Chromium ${version} (persistent profile on disk), median of ${RUNS} runs ` +
        '(after one warm-up). Indented, through plain and sealed Dexie: the same documents in the ' +
        'pages the cache keeps them in, and frames of random bytes, which IndexedDB cannot ' +
        'compress (nor ciphertext), unlike the pixels',
    );
    const goals: string[] = [];
    console.table(
      Object.fromEntries(
        CASES.map(([label, step, layout, withCache]) => {
          const plain = m(`plain${layout}.${step}`);
          const sealed = m(`sealed${layout}.${step}`);
          const cache = withCache ? m(`cache.${step}`) : Number.NaN;
          if (withCache) {
            const met = cache / plain <= GOAL;
            goals.push(
              `  ${met ? 'PASS' : 'FAIL'}  ${label.trim()}: cache ${ms(cache)} ms = ` +
                `${ratio(cache, plain)} x plain ${ms(plain)} ms`,
            );
          }
          return [
            label,
            {
              'plain Dexie (ms)': ms(plain),
              'sealed Dexie (ms)': ms(sealed),
              'sealed/plain': ratio(sealed, plain),
              'cache API (ms)': ms(cache),
              'cache/plain': ratio(cache, plain),
            },
          ];
        }),
      ),
    );
    console.log(`Goal: the cache at most ${GOAL} x plain Dexie (a row per item)`);
    for (const line of goals) console.log(line);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
