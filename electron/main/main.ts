import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { startRegard } from './start';

// The one file that touches the real Electron: everything else takes it as a parameter.
void startRegard(
  { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session, shell },
  { bundleDir: __dirname, env: process.env, platform: process.platform },
);
