import type { SessionPort } from './electron-ports';

/**
 * Refuses every permission the page could ask for (camera, notifications, clipboard, devices...):
 * the workstation needs none, and Electron grants most of them when no handler is set.
 */
export function denyAllPermissions(session: SessionPort): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
