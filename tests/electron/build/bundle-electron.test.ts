import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext, runInThisContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bridgeApiKeys, type RegardBridge } from '../../../shared/bridge/api';
import { ipcChannelName } from '../../../shared/bridge/contract';
import { ElectronDouble } from '../../support/electron-double';
import { rendererFixture, tempDir } from '../main/fixtures';

const root = resolve(import.meta.dirname, '../../..');
let bundleDir: string;

beforeAll(async () => {
  const dir = tempDir();
  rendererFixture(dir);
  bundleDir = join(dir, 'electron');
  await promisify(execFile)(process.execPath, [join(root, 'build/bundle-electron.mjs'), bundleDir]);
}, 120_000);

function requiredModules(file: string): string[] {
  const code = readFileSync(join(bundleDir, file), 'utf8');
  return [...new Set([...code.matchAll(/\brequire\(([^)]*)\)/g)].map((match) => match[1] ?? ''))];
}

describe('the bundled preload', () => {
  it('requires nothing but electron', () => {
    expect(requiredModules('preload.cjs')).toEqual(['"electron"']);
  });

  it('runs where a sandboxed preload runs, with only electron to require, and exposes the bridge', async () => {
    const double = new ElectronDouble({ userData: tempDir() });
    double.app.becomeReady();
    const window = new double.BrowserWindow({ webPreferences: { contextIsolation: true } });
    window.webContents.mainFrame.commitNavigation('app://regard/index.html');
    const { contextBridge, ipcRenderer, mainWorld } = double.renderer(window.webContents.mainFrame);
    double.ipcMain.handle(ipcChannelName('searchPatients'), () => ({
      ok: true,
      value: { patients: [] },
    }));

    const module = { exports: {} };
    runInNewContext(readFileSync(join(bundleDir, 'preload.cjs'), 'utf8'), {
      module,
      exports: module.exports,
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`module not found: ${id}`);
        return { contextBridge, ipcRenderer };
      },
    });

    expect(Object.keys(mainWorld)).toEqual(['regard']);
    expect(Object.keys(mainWorld.regard as object)).toEqual(bridgeApiKeys());
    await expect((mainWorld.regard as RegardBridge).searchPatients({ text: '' })).resolves.toEqual({
      patients: [],
    });
  });
});

describe('the bundled main process', () => {
  it('leaves only electron and Node built-ins outside the bundle', () => {
    const outside = requiredModules('main.cjs').filter(
      (name) => name !== '"electron"' && !name.startsWith('"node:'),
    );
    expect(outside).toEqual([]);
  });

  it('starts Regard on the double, with the preload and renderer found next to it', async () => {
    const double = new ElectronDouble({ userData: join(tempDir(), 'userData') });
    const file = join(bundleDir, 'main.cjs');
    const realRequire = createRequire(file);
    const load = runInThisContext(wrap(readFileSync(file, 'utf8'))) as (
      exports: object,
      require: (id: string) => unknown,
      module: object,
      filename: string,
      dirname: string,
    ) => void;
    const module = { exports: {} };
    load(
      module.exports,
      (id) => (id === 'electron' ? double.main : realRequire(id)),
      module,
      file,
      bundleDir,
    );

    expect(double.app.sandboxEnabled).toBe(true);
    double.app.becomeReady();
    await expect.poll(() => double.windows[0]?.webContents.loads.length).toBe(1);
    const [window] = double.windows;
    expect(window?.options.webPreferences?.preload).toBe(join(bundleDir, 'preload.cjs'));
    expect(window?.webContents.loads).toEqual([{ url: 'app://regard/index.html', status: 200 }]);
  });
});
