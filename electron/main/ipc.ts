import { invokeChannels, ipcChannelName } from '../../shared/bridge/contract';
import type { BridgeEnvelope } from '../../shared/bridge/envelope';
import { dispatchBridgeCall, type BridgeHandlers } from '../host/bridge/dispatch';
import type { Logger } from '../host/logging/logger';
import type { IpcMainPort } from './electron-ports';
import { isAppMainFrame } from './sender-check';

const senderRefused: BridgeEnvelope = {
  ok: false,
  failure: { code: 'refused', messageKey: 'errors.ipcSenderRefused' },
};

/**
 * The one place the bridge meets `ipcMain`: one handler per contract channel, each checking the
 * sender before anything else, then handing the payload to the dispatcher, which parses it against
 * the contract before any host handler sees it.
 */
export function registerBridgeIpc(
  ipcMain: IpcMainPort,
  handlers: BridgeHandlers,
  logger: Logger,
): void {
  for (const channel of invokeChannels) {
    ipcMain.handle(ipcChannelName(channel), (event, ...args) => {
      if (!isAppMainFrame(event.senderFrame)) {
        logger.warn('ipc.refused', { channel, reason: 'sender' });
        return senderRefused;
      }
      // The preload sends exactly one request object; any other shape fails the contract parse.
      const payload = args.length === 1 ? args[0] : undefined;
      return dispatchBridgeCall(handlers, channel, payload, { door: 'ipc' }, logger);
    });
  }
}
