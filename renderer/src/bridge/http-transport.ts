import type { BridgeTransport } from '../../../shared/bridge/api';
import { unwrapEnvelope, BridgeCallError } from '../../../shared/bridge/envelope';
import type { EventChannel } from '../../../shared/bridge/contract';

/**
 * The bridge transport of the browser host: calls are same-origin POSTs, events arrive on one
 * server-sent event stream. The host applies the same contract checks as Electron's IPC.
 */
export function createHttpTransport(baseUrl: string): BridgeTransport {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;

  const ensureEventStream = () => {
    if (source) return;
    source = new EventSource(new URL('bridge/events', baseUrl));
    source.onmessage = (message: MessageEvent<string>) => {
      const { channel, payload } = JSON.parse(message.data) as {
        channel: EventChannel;
        payload: unknown;
      };
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    };
  };

  return {
    async invoke(channel, request) {
      let response: Response;
      try {
        response = await fetch(new URL(`bridge/${channel}`, baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
      } catch {
        throw new BridgeCallError({ code: 'unavailable', messageKey: 'errors.hostUnreachable' });
      }
      if (!response.ok) {
        throw new BridgeCallError({ code: 'refused', messageKey: 'errors.hostRefused' });
      }
      return unwrapEnvelope(await response.json());
    },
    subscribe(channel, listener) {
      ensureEventStream();
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
}
