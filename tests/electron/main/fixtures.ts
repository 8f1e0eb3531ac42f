import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { vi } from 'vitest';
import type { BridgeHandlers } from '../../../electron/host/bridge/dispatch';
import { createLogger, type Logger } from '../../../electron/host/logging/logger';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'regard-electron-'));
}

/** A logger that writes nothing and records every call. */
export function spyLogger(): Logger {
  const logger = createLogger();
  for (const level of ['debug', 'info', 'warn', 'error'] as const) vi.spyOn(logger, level);
  return logger;
}

/** Host handlers that record whether they were reached. */
export function spyHandlers() {
  return {
    getAppInfo: vi.fn<BridgeHandlers['getAppInfo']>(async () => ({
      version: '0.0.0-test',
      cache: { budgetBytes: 0, maxAgeMs: 0 },
      host: 'electron',
      demo: false,
      locale: 'fr',
      idleLockMinutes: 0,
      sources: { records: null, imaging: [] },
    })),
    searchPatients: vi.fn<BridgeHandlers['searchPatients']>(async () => ({ patients: [] })),
    openPatient: vi.fn<BridgeHandlers['openPatient']>(async () => {
      throw new Error('not reached in these tests');
    }),
    followPatient: vi.fn<BridgeHandlers['followPatient']>(async () => ({ following: false })),
    listDocuments: vi.fn<BridgeHandlers['listDocuments']>(async () => ({
      documents: [],
      skipped: 0,
      restricted: 0,
    })),
    listStudies: vi.fn<BridgeHandlers['listStudies']>(async () => ({
      studies: [],
      unavailable: [],
    })),
    resolveImagingUrl: vi.fn<BridgeHandlers['resolveImagingUrl']>(async () => ({
      sourceId: 'pacs',
      path: 'studies',
    })),
    retrieveDocument: vi.fn<BridgeHandlers['retrieveDocument']>(async () => ({
      contentType: 'text/plain',
      base64: '',
    })),
    accessHistory: vi.fn<BridgeHandlers['accessHistory']>(async () => ({
      entries: [],
      chain: { ok: true as const, count: 0 },
    })),
    exportAudit: vi.fn<BridgeHandlers['exportAudit']>(async () => ({ json: '{}' })),
    getSession: vi.fn<BridgeHandlers['getSession']>(async () => ({ status: 'disabled' as const })),
    login: vi.fn<BridgeHandlers['login']>(async () => ({ started: false })),
    lock: vi.fn<BridgeHandlers['lock']>(async () => ({ status: 'disabled' as const })),
    logout: vi.fn<BridgeHandlers['logout']>(async () => ({ status: 'disabled' as const })),
    recordNonOpposition: vi.fn<BridgeHandlers['recordNonOpposition']>(async () => ({
      recorded: false,
    })),
    startBreakGlass: vi.fn<BridgeHandlers['startBreakGlass']>(async () => ({
      until: '2026-01-01T00:00:00.000Z',
    })),
    startRegulation: vi.fn<BridgeHandlers['startRegulation']>(async () => ({
      until: '2026-01-01T00:00:00.000Z',
    })),
    endExceptionalAccess: vi.fn<BridgeHandlers['endExceptionalAccess']>(async () => ({
      ended: false,
    })),
    openCachedPatient: vi.fn<BridgeHandlers['openCachedPatient']>(async () => ({
      access: { basis: 'no-login' as const },
    })),
    getCacheKey: vi.fn<BridgeHandlers['getCacheKey']>(async () => ({
      protection: 'unavailable',
      renewed: false,
    })),
    forgetCacheKey: vi.fn<BridgeHandlers['forgetCacheKey']>(async () => ({ forgotten: false })),
  } satisfies BridgeHandlers;
}

export const SECRET = 'outside the renderer folder';

/** A built renderer in `<dir>/renderer`, with a secret file beside it that must never be served. */
export function rendererFixture(dir: string = tempDir()): string {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Regard</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  writeFileSync(join(dir, 'package.json'), SECRET);
  return root;
}

export async function readAll(body: Readable | null): Promise<string> {
  if (!body) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}
