import { describe, expect, it } from 'vitest';
import {
  isAppUrl,
  privilegedSchemes,
  registerPrivilegedSchemes,
} from '../../../electron/main/schemes';
import { ElectronDouble } from '../../support/electron-double';
import { tempDir } from './fixtures';

describe('privileged schemes', () => {
  it('makes app: a standard, secure, fetchable, streaming scheme closed to other origins', () => {
    expect(privilegedSchemes.find(({ scheme }) => scheme === 'app')?.privileges).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: false,
      stream: true,
    });
  });

  it('makes pacs: a secure, fetchable, streaming scheme the app origin can read', () => {
    expect(privilegedSchemes.find(({ scheme }) => scheme === 'pacs')?.privileges).toEqual({
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      stream: true,
    });
  });

  it('grants no privilege that bypasses the CSP or allows service workers', () => {
    for (const { privileges } of privilegedSchemes) {
      expect(privileges?.bypassCSP).toBeUndefined();
      expect(privileges?.allowServiceWorkers).toBeUndefined();
    }
  });

  it('registers them before ready, as Electron requires', () => {
    const double = new ElectronDouble({ userData: tempDir() });
    registerPrivilegedSchemes(double.protocol);
    expect(double.protocol.privileged).toEqual(privilegedSchemes);
  });

  it('cannot register them once ready (the double holds Electron to it)', () => {
    const double = new ElectronDouble({ userData: tempDir() });
    double.app.becomeReady();
    expect(() => registerPrivilegedSchemes(double.protocol)).toThrow(/before app is ready/);
  });

  it('needs pacs: CORS-enabled: without it the page cannot fetch across origins', async () => {
    const double = new ElectronDouble({ userData: tempDir() });
    double.protocol.registerSchemesAsPrivileged([
      { scheme: 'pacs', privileges: { secure: true, supportFetchAPI: true, stream: true } },
    ]);
    double.app.becomeReady();
    double.protocol.handle('pacs', () => new Response('pixels'));
    await expect(
      double.protocol.request('pacs://orthanc/studies', {
        mode: 'cors',
        initiatorOrigin: 'app://regard',
      }),
    ).rejects.toThrow(TypeError);
  });
});

describe('isAppUrl', () => {
  it.each(['app://regard/', 'app://regard/index.html', 'app://regard/a/b?c#d'])(
    'accepts %s',
    (url) => {
      expect(isAppUrl(url)).toBe(true);
    },
  );

  it.each([
    'app://regard.evil/',
    'app://other/',
    'app://regard:8080/',
    'app://user@regard/',
    'app://user:pw@regard/',
    'https://regard/',
    'pacs://regard/',
    'file:///regard/',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
