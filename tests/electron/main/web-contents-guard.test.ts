import { describe, expect, it, vi } from 'vitest';
import { guardWebContents } from '../../../electron/main/web-contents-guard';
import { ElectronDouble, type WebContentsDouble } from '../../support/electron-double';
import { spyLogger, tempDir } from './fixtures';

function guardedContents(): { contents: WebContentsDouble; logger: ReturnType<typeof spyLogger> } {
  const double = new ElectronDouble({ userData: tempDir() });
  double.app.becomeReady();
  const window = new double.BrowserWindow({});
  window.webContents.mainFrame.commitNavigation('app://regard/index.html');
  const logger = spyLogger();
  guardWebContents(window.webContents, logger);
  return { contents: window.webContents, logger };
}

describe('guardWebContents', () => {
  it.each(['https://evil.example/', 'app://regard/other.html', 'file:///etc/passwd'])(
    'prevents the page navigating to %s',
    (url) => {
      const { contents } = guardedContents();
      expect(contents.pageNavigates(url)).toBe(false);
      expect(contents.getURL()).toBe('app://regard/index.html');
    },
  );

  it('prevents server redirects', () => {
    const { contents } = guardedContents();
    expect(contents.serverRedirects('https://evil.example/')).toBe(false);
    expect(contents.getURL()).toBe('app://regard/index.html');
  });

  it('denies window.open', () => {
    const { contents } = guardedContents();
    expect(contents.pageOpensWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const { contents } = guardedContents();
    expect(contents.pageAttachesWebview('https://evil.example/')).toBe(false);
  });

  it('logs each refusal without the URL, which may name a patient', () => {
    const { contents, logger } = guardedContents();
    contents.pageNavigates('https://evil.example/?patient=DUPONT');
    contents.pageOpensWindow('https://evil.example/?patient=DUPONT');
    expect(JSON.stringify(vi.mocked(logger.warn).mock.calls)).not.toContain('DUPONT');
    expect(logger.warn).toHaveBeenCalledWith('navigation.refused', { kind: 'navigate' });
    expect(logger.warn).toHaveBeenCalledWith('navigation.refused', { kind: 'window-open' });
  });
});

describe('the double without the guard', () => {
  it('lets everything through, as Electron does by default', () => {
    const double = new ElectronDouble({ userData: tempDir() });
    double.app.becomeReady();
    const { webContents } = new double.BrowserWindow({});
    expect(webContents.pageNavigates('https://evil.example/')).toBe(true);
    expect(webContents.serverRedirects('https://evil.example/next')).toBe(true);
    expect(webContents.pageOpensWindow('https://evil.example/')).toEqual({ action: 'allow' });
    expect(webContents.pageAttachesWebview('https://evil.example/')).toBe(true);
  });
});
