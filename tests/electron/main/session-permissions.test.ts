import { describe, expect, it } from 'vitest';
import { denyAllPermissions } from '../../../electron/main/session-permissions';
import { ElectronDouble } from '../../support/electron-double';
import { tempDir } from './fixtures';

const permissions = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'openExternal',
  'hid',
];

function setup(guarded: boolean) {
  const double = new ElectronDouble({ userData: tempDir() });
  double.app.becomeReady();
  const session = double.session.defaultSession;
  if (guarded) denyAllPermissions(session);
  const { webContents } = new double.BrowserWindow({});
  webContents.mainFrame.commitNavigation('app://regard/index.html');
  return { session, webContents };
}

describe('denyAllPermissions', () => {
  it.each(permissions)('denies a request for %s', async (permission) => {
    const { session, webContents } = setup(true);
    expect(await session.requestPermission(webContents, permission)).toBe(false);
  });

  it.each(permissions)('answers false to a check for %s', (permission) => {
    const { session, webContents } = setup(true);
    expect(session.checkPermission(webContents, permission)).toBe(false);
  });

  it('refuses devices even when the user picked one', () => {
    const { session } = setup(true);
    expect(session.checkDevicePermission('usb', 'app://regard', true)).toBe(false);
  });

  it('is needed: without it, Electron grants', async () => {
    const { session, webContents } = setup(false);
    expect(await session.requestPermission(webContents, 'media')).toBe(true);
    expect(session.checkPermission(webContents, 'media')).toBe(true);
    expect(session.checkDevicePermission('usb', 'app://regard', true)).toBe(true);
  });
});
