import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './expose-bridge';

// Bundled into one CommonJS file: a sandboxed preload can require nothing but 'electron'.
exposeBridge(contextBridge, ipcRenderer);
