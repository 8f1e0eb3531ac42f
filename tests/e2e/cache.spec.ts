import { chromium, expect, test, type Page } from '@playwright/test';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { PatientSummary } from '../../shared/domain/patient';
import { DOCUMENTS_PER_PUT, type CacheFixture } from '../renderer/cache/in-browser/cache-fixture';
import type { CacheProbe } from '../renderer/cache/in-browser/cache-probe';
import { pageScript } from '../renderer/cache/in-browser/page-bundle';
import { patientByKey } from '../testbed/synthetic/patients';
import { e2eEnv } from './e2e-env';

/*
 * These tests drive the cache's own code directly, with chosen markers and volumes: a bundle of it
 * and of a small probe is evaluated through the DevTools protocol in the app's page, on the app's
 * origin, against the browser host's real key store. Nothing is added to the app's bundle. Each
 * test launches Chromium on a profile of its own so that its files can be read once it is closed.
 */

declare global {
  var regardCacheProbe: CacheProbe;
}

const FRAME_BYTES = 512 * 512 * 2;
const patient = patientByKey('main');
const summary: PatientSummary = {
  id: 'e2e-cache-patient-4821',
  ins: { value: patient.ins, oid: '1.2.250.1.213.1.4.10', qualified: true },
  identity: {
    birthFamilyName: patient.birthFamilyName,
    firstNames: [...patient.firstNames],
    usedFamilyName: patient.usedFamilyName,
    sex: patient.sex === 'F' ? 'female' : 'male',
    birthDate: patient.birthDate,
    birthPlaceLabel: patient.birthPlace.label,
  },
};

function fixture(marker: string, frames = 12): CacheFixture {
  return { patient: summary, marker, documents: 40, frames };
}

/** Nothing of these may reach the disk in the clear. */
function secretsOf(cached: CacheFixture): string[] {
  const { identity } = cached.patient;
  return [
    cached.marker,
    cached.patient.id,
    patient.ins,
    identity.birthFamilyName,
    identity.usedFamilyName ?? '',
    identity.firstNames.join(' '),
    identity.birthPlaceLabel ?? '',
  ];
}

let probeScript: Promise<string> | undefined;

/**
 * Runs `run` in the app's page, in Chromium on `profile`. The app's own scripts are kept out: the
 * app opens the cache itself, and the probe's instance would otherwise race with it.
 */
async function inChromium<T>(
  profile: string,
  run: (page: Page) => Promise<T>,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<T> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.REGARD_CHROMIUM ?? '/usr/bin/chromium',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.route(/\/assets\//, (route) => route.abort());
    await beforeLoad?.(page);
    await page.goto(e2eEnv().url);
    await page.evaluate(await (probeScript ??= pageScript('cache-probe')));
    return await run(page);
  } finally {
    await context.close();
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => lstatSync(path).isFile());
}

/** Chromium's IndexedDB folders in a profile (the default bucket's, and any storage bucket's). */
function indexedDbFiles(profile: string): string[] {
  return filesUnder(profile).filter((path) => path.includes(`${sep}IndexedDB${sep}`));
}

/** Every place a secret appears in these files, byte by byte, in UTF-8, UTF-16LE or Latin-1. */
function leaks(files: readonly string[], secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of secrets.filter(Boolean)) {
      for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
        if (bytes.includes(Buffer.from(secret, encoding)))
          found.push(`${file}: ${secret} (${encoding})`);
      }
    }
  }
  return found;
}

function totalSize(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}

const keyFile = () => join(e2eEnv().dataDir, 'keys', 'cache.key');

test.describe('the encrypted cache in Chromium', () => {
  test('writes no marker, name, INS or id to the IndexedDB files; purge leaves no database and no key', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'regard-cache-profile-'));
    const cached = fixture('MARQUEUR-E2E-CHIFFRE-58213');

    const filled = await inChromium(profile, (page) =>
      page.evaluate((input) => regardCacheProbe.fill(input), cached),
    );
    expect(filled.status).toMatchObject({ state: 'on', protection: 'user-file', unreadable: 0 });
    expect(filled.stored.every(Boolean)).toBe(true);
    expect(existsSync(keyFile())).toBe(true);

    const files = indexedDbFiles(profile);
    expect(totalSize(files)).toBeGreaterThan(cached.frames * FRAME_BYTES);
    expect(leaks(files, secretsOf(cached))).toEqual([]);
    expect(leaks(filesUnder(profile), secretsOf(cached))).toEqual([]);

    const read = await inChromium(profile, (page) =>
      page.evaluate((input) => regardCacheProbe.read(input), cached),
    );
    expect(read).toEqual({
      patient: true,
      study: true,
      documents: cached.documents,
      contents: cached.documents,
      frames: cached.frames,
      status: { state: 'on', protection: 'user-file', reset: undefined, unreadable: 0 },
    });

    const purged = await inChromium(profile, (page) =>
      page.evaluate(() => regardCacheProbe.purge()),
    );
    expect(purged.status).toEqual({ state: 'off', reason: 'purged' });
    expect(purged.databases).not.toContain('regard-cache');
    expect(existsSync(keyFile())).toBe(false);
    const left = indexedDbFiles(profile);
    expect(left.filter((file) => file.includes('.indexeddb.blob'))).toEqual([]);
    expect(leaks(left, secretsOf(cached))).toEqual([]);
    rmSync(profile, { recursive: true });
  });

  test('purge leaves no IndexedDB file at all', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'regard-cache-purge-'));
    const cached = fixture('MARQUEUR-E2E-PURGE-44871', 2);
    await inChromium(profile, async (page) => {
      await page.evaluate((input) => regardCacheProbe.fill(input), cached);
      await page.evaluate(() => regardCacheProbe.purge());
    });
    const left = indexedDbFiles(profile);
    rmSync(profile, { recursive: true });
    expect(left).toEqual([]);
  });

  test('the same scan finds the same values stored without the cache: it would see a leak', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'regard-cache-control-'));
    const cached = fixture('MARQUEUR-E2E-TEMOIN-90417', 4);
    await inChromium(profile, (page) =>
      page.evaluate((input) => regardCacheProbe.fillUnsealed(input), cached),
    );
    const found = leaks(indexedDbFiles(profile), secretsOf(cached)).join('\n');
    for (const secret of secretsOf(cached)) expect(found).toContain(`: ${secret} (`);
    rmSync(profile, { recursive: true });
  });

  test('every Dexie read path gives plaintext back through the middleware, in Chromium', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'regard-cache-paths-'));
    const checks = await inChromium(profile, (page) =>
      page.evaluate(() => regardCacheProbe.readPaths()),
    );
    expect(Object.entries(checks).filter(([, ok]) => !ok)).toEqual([]);
    expect(Object.keys(checks).length).toBeGreaterThanOrEqual(12);
    rmSync(profile, { recursive: true });
  });

  test('a byte flipped on disk reads as absent, is reported, and is fetched again', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'regard-cache-tamper-'));
    const cached = fixture('MARQUEUR-E2E-ALTERE-33110', 1);
    await inChromium(profile, async (page) => {
      await page.evaluate((input) => regardCacheProbe.fill(input), cached);
      await page.evaluate(() => regardCacheProbe.tamper());
      const read = await page.evaluate((input) => regardCacheProbe.read(input), cached);
      // The altered row is one page of the document list: its documents read as absent.
      expect(read.documents).toBe(cached.documents - DOCUMENTS_PER_PUT);
      expect(read.status).toMatchObject({ state: 'on', unreadable: 1 });
      await page.evaluate((input) => regardCacheProbe.fill(input), cached);
      expect((await page.evaluate((input) => regardCacheProbe.read(input), cached)).documents).toBe(
        cached.documents,
      );
    });
    rmSync(profile, { recursive: true });
  });

  test('a lost key empties the cache at the next start, and the status says so', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'regard-cache-lost-key-'));
    const cached = fixture('MARQUEUR-E2E-CLE-PERDUE-7164', 1);
    const filled = await inChromium(profile, (page) =>
      page.evaluate((input) => regardCacheProbe.fill(input), cached),
    );
    expect(filled.stored.every(Boolean)).toBe(true);
    rmSync(keyFile());
    const read = await inChromium(profile, (page) =>
      page.evaluate((input) => regardCacheProbe.read(input), cached),
    );
    expect(read).toMatchObject({ documents: 0, frames: 0, patient: false });
    expect(read.status).toMatchObject({ state: 'on', reset: 'key-changed', unreadable: 0 });
    rmSync(profile, { recursive: true });
  });

  test('a full quota evicts the oldest items and retries instead of failing', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'regard-cache-quota-'));
    const cached = fixture('MARQUEUR-E2E-QUOTA-2290', 24);
    const quota = 8 * FRAME_BYTES;
    const result = await inChromium(
      profile,
      (page) => page.evaluate((input) => regardCacheProbe.fillOverQuota(input), cached),
      async (page) => {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Storage.overrideQuotaForOrigin', {
          origin: new URL(e2eEnv().url).origin,
          quotaSize: quota,
        });
      },
    );
    expect(result.stored.every(Boolean)).toBe(true);
    expect(result.usage).toBeLessThanOrEqual(quota);
    expect(result.frames).toBeGreaterThan(0);
    expect(result.frames).toBeLessThan(cached.frames);
    rmSync(profile, { recursive: true });
  });
});
