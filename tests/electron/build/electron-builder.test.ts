import { FuseV1Options } from '@electron/fuses';
import { resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let config: Configuration;

// Read the way electron-builder reads it, and checked against its own schema.
beforeAll(async () => {
  config = await getConfig(root, 'build/electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
});

function fuseKey(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

describe('electron-builder configuration', () => {
  it('names the app and packs only the bundles, in an asar archive', () => {
    expect(config.appId).toBe('fr.regard.workstation');
    expect(config.productName).toBe('Regard');
    expect(config.asar).toBe(true);
    // electron-builder merges the list into one file set.
    expect(config.files).toEqual([
      { filter: ['package.json', 'dist/electron/**', 'dist/renderer/**'] },
    ]);
  });

  it.each([
    ['runAsNode', false],
    ['enableCookieEncryption', true],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['loadBrowserProcessSpecificV8Snapshot', false],
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('sets the %s fuse to %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('sets every fuse @electron/fuses knows, so none is left to a default by oversight', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual(known.map(fuseKey).sort());
  });

  it('builds the Linux, Windows and macOS targets', () => {
    expect(config.linux?.target).toEqual(['dir', 'tar.gz', 'deb', 'AppImage']);
    expect(config.win?.target).toEqual(['nsis', 'msi']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('installs per machine on Windows, for IT deployment', () => {
    expect(config.nsis?.perMachine).toBe(true);
    expect(config.msi?.perMachine).toBe(true);
    expect(config.msi?.upgradeCode).toMatch(/^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/);
  });
});
