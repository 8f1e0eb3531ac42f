import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafeStorageCacheKeyStore } from '../../../electron/main/safe-storage-key-store';
import { startRegard } from '../../../electron/main/start';
import {
  ElectronDouble,
  type ElectronDoubleOptions,
  type StorageBackend,
} from '../../support/electron-double';
import { rendererFixture, tempDir } from './fixtures';

function setUp(options: Partial<ElectronDoubleOptions> = {}, ready = true) {
  const dir = tempDir();
  const double = new ElectronDouble({ userData: dir, ...options });
  if (ready) double.app.becomeReady();
  const file = join(dir, 'keys', 'cache-key.wrapped');
  const cleared: number[] = [];
  const store = new SafeStorageCacheKeyStore({
    safeStorage: double.safeStorage,
    file,
    platform: options.platform ?? 'linux',
    clearSealedData: () => {
      cleared.push(Date.now());
      return Promise.resolve();
    },
  });
  return { double, store, file, cleared };
}

describe('the safeStorage cache key store', () => {
  it('makes a 32-byte key, keeps it wrapped by the key store, and gives it back', async () => {
    const { store, file } = setUp();
    const first = await store.load();
    expect(first.protection).toBe('os-keystore');
    expect(first.renewed).toBe(false);
    expect(first.key).toHaveLength(32);
    const onDisk = readFileSync(file);
    expect(onDisk.includes(Buffer.from(first.key ?? []))).toBe(false);
    expect(onDisk.includes(Buffer.from(Buffer.from(first.key ?? []).toString('base64')))).toBe(
      false,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);

    const again = await store.load();
    expect(again).toEqual({ protection: 'os-keystore', key: first.key, renewed: false });
  });

  it.each<StorageBackend>(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])(
    'accepts %s as a key store on Linux',
    async (backend) => {
      const { store } = setUp({ safeStorage: { backend } });
      expect((await store.load()).protection).toBe('os-keystore');
    },
  );

  it('refuses basic_text, the fixed-password fallback: the cache is off and no file is made', async () => {
    const { store, file } = setUp({ safeStorage: { backend: 'basic_text' } });
    expect(await store.load()).toEqual({
      protection: 'unavailable',
      key: undefined,
      renewed: false,
    });
    expect(existsSync(file)).toBe(false);
  });

  it('is unavailable before ready, when the backend is still unknown', async () => {
    const { store } = setUp({}, false);
    expect((await store.load()).protection).toBe('unavailable');
  });

  it('is unavailable when the key store does not answer', async () => {
    const { store } = setUp({ safeStorage: { available: false } });
    expect((await store.load()).protection).toBe('unavailable');
  });

  it('needs no backend check where there is none to make', async () => {
    const { double, store } = setUp({ platform: 'darwin' });
    expect(double.safeStorage.getSelectedStorageBackend).toBeUndefined();
    expect((await store.load()).protection).toBe('os-keystore');
  });

  it('replaces a key the key store can no longer unwrap, and says it was renewed', async () => {
    const { double, store } = setUp();
    const first = await store.load();
    double.safeStorage.loseKeys();
    const second = await store.load();
    expect(second.renewed).toBe(true);
    expect(second.key).not.toEqual(first.key);
    expect(await store.load()).toEqual({ ...second, renewed: false });
  });

  it('replaces a damaged key file', async () => {
    const { store, file } = setUp();
    await store.load();
    writeFileSync(file, 'garbage');
    expect((await store.load()).renewed).toBe(true);
  });

  it('replaces a wrapped value that is not a 32-byte key', async () => {
    const { double, store, file } = setUp();
    await store.load();
    writeFileSync(file, await double.safeStorage.encryptStringAsync('c2hvcnQ='));
    expect((await store.load()).renewed).toBe(true);
  });

  it('keeps the same key when the key store rotates its own, wrapping it again', async () => {
    const { double, store, file } = setUp();
    const first = await store.load();
    const before = readFileSync(file);
    double.safeStorage.rotateKey();
    expect(await store.load()).toEqual(first);
    expect(readFileSync(file).equals(before)).toBe(false);
    const rewrapped = await double.safeStorage.decryptStringAsync(readFileSync(file));
    expect(rewrapped.shouldReEncrypt).toBe(false);
  });

  it('forgets the key and clears what it sealed: the file goes, and a new key follows', async () => {
    const { store, file, cleared } = setUp();
    const first = await store.load();
    expect(await store.forget()).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(cleared).toHaveLength(1);
    expect(await store.forget()).toBe(false);
    expect(cleared).toHaveLength(2);
    const next = await store.load();
    expect(next.renewed).toBe(false);
    expect(next.key).not.toEqual(first.key);
  });
});

describe('Electron wiring', () => {
  it('serves the cache key from safeStorage over the bridge, and clears the storage on forget', async () => {
    const dir = tempDir();
    rendererFixture(dir);
    const double = new ElectronDouble({ userData: join(dir, 'userData') });
    const started = startRegard(double.main, {
      bundleDir: join(dir, 'electron'),
      env: { REGARD_POLICY_FILE: join(dir, 'no-policy.json') },
      platform: 'linux',
    });
    double.app.becomeReady();
    const services = await started;
    const window = double.windows[0];
    if (!services || !window) throw new Error('Regard did not start');
    const renderer = double.renderer(window.webContents.mainFrame);
    const envelope = (await renderer.ipcRenderer.invoke('regard:getCacheKey', {})) as {
      ok: boolean;
      value: { protection: string; keyBase64?: string };
    };
    expect(envelope.value.protection).toBe('os-keystore');
    expect(Buffer.from(envelope.value.keyBase64 ?? '', 'base64')).toHaveLength(32);
    expect(existsSync(join(dir, 'userData', 'keys', 'cache-key.wrapped'))).toBe(true);
    expect(existsSync(join(dir, 'userData', 'keys', 'cache.key'))).toBe(false);

    await renderer.ipcRenderer.invoke('regard:forgetCacheKey', {});
    expect(existsSync(join(dir, 'userData', 'keys', 'cache-key.wrapped'))).toBe(false);
    expect(double.session.defaultSession.clearedStorage).toEqual([
      { origin: 'app://regard', storages: ['indexdb'] },
    ]);
    await services.close();
  });
});
