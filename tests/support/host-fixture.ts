import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type RegardConfig } from '../../electron/host/config/schema';
import { createHostServices, type HostServices } from '../../electron/host/host-services';

export interface HostFixture {
  services: HostServices;
  dataDir: string;
  rendererDir: string;
}

/** Host services over a temp data folder and a minimal built renderer, for host-level tests. */
export function createHostFixture(config: Partial<RegardConfig> = {}): HostFixture {
  const dataDir = mkdtempSync(join(tmpdir(), 'regard-host-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Regard</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'outside.txt'), 'outside the renderer');
  const services = createHostServices({
    config: configSchema.parse(config),
    dataDir,
    hostKind: 'browser',
    version: '0.0.0-test',
  });
  return { services, dataDir, rendererDir };
}
