import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchInput, BenchTimes } from '../renderer/cache/in-browser/cache-bench-page';
import { pageScript } from '../renderer/cache/in-browser/page-bundle';
import { median } from './stats';

/**
 * The encrypted cache's cost, in Debian's Chromium on a profile on disk: the same writes and reads
 * of 2,000 document records and of 100 512x512 16-bit frames through plain Dexie (the baseline),
 * through Dexie with the sealing middleware, and through the cache's API (blind keys, usage
 * ledger, sealing), alternately in the same run. Goal: sealed at most 1.3x plain.
 */
const RUNS = 5;
const DOCUMENTS = 2000;
const FRAMES = 100;

const CASES = {
  writeDocuments: `write ${DOCUMENTS} documents (one bulk put)`,
  readDocuments: `read ${DOCUMENTS} documents (one index query)`,
  writeFrames: `write ${FRAMES} frames (one put each)`,
  readFrames: `read ${FRAMES} frames (one get each)`,
} as const;

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
    console.log(
      `\nEncrypted cache in Chromium ${version} (persistent profile on disk), median of ${RUNS} runs`,
    );
    console.table(
      Object.fromEntries(
        Object.entries(CASES).map(([step, label]) => [
          label,
          {
            'plain Dexie (ms)': m(`plain.${step}`).toFixed(1),
            'sealed Dexie (ms)': m(`sealed.${step}`).toFixed(1),
            'sealed/plain': (m(`sealed.${step}`) / m(`plain.${step}`)).toFixed(2),
            'cache API (ms)': m(`cache.${step}`).toFixed(1),
            'cache/plain': (m(`cache.${step}`) / m(`plain.${step}`)).toFixed(2),
          },
        ]),
      ),
    );
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
