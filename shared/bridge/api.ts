import type { z } from 'zod';
import {
  bridgeEventContract,
  bridgeInvokeContract,
  eventChannels,
  invokeChannels,
  type BridgeEventContract,
  type BridgeInvokeContract,
  type EventChannel,
  type InvokeChannel,
} from './contract';

export type InvokeRequest<C extends InvokeChannel> = z.input<BridgeInvokeContract[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<BridgeInvokeContract[C]['response']>;
export type EventPayload<E extends EventChannel> = z.output<BridgeEventContract[E]>;

type InvokeMethods = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>;
};

type EventMethods = {
  [E in EventChannel as `on${Capitalize<E>}`]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

/** What the renderer sees as `window.regard`: derived from the contract, never written by hand. */
export type RegardBridge = Readonly<InvokeMethods & EventMethods>;

/** How a bridge reaches the host: IPC in Electron, HTTP in the browser host. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

export function eventMethodName(channel: EventChannel): `on${Capitalize<EventChannel>}` {
  return `on${channel.charAt(0).toUpperCase()}${channel.slice(1)}` as `on${Capitalize<EventChannel>}`;
}

/** The API keys a bridge built from the contract exposes, in contract order. */
export function bridgeApiKeys(): string[] {
  return [...invokeChannels, ...eventChannels.map(eventMethodName)];
}

/**
 * Builds the bridge from the contract. Requests are parsed before they leave (a malformed call
 * fails here, not in the host) and responses and events are parsed when they arrive.
 */
export function createBridgeApi(transport: BridgeTransport): RegardBridge {
  const api: Record<string, unknown> = {};
  for (const channel of invokeChannels) {
    const { request, response } = bridgeInvokeContract[channel];
    api[channel] = async (payload: unknown) => {
      const parsedRequest = request.parse(payload);
      return response.parse(await transport.invoke(channel, parsedRequest));
    };
  }
  for (const channel of eventChannels) {
    const schema = bridgeEventContract[channel];
    api[eventMethodName(channel)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(channel, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      });
  }
  return Object.freeze(api) as RegardBridge;
}
