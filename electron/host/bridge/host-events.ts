import { bridgeEventContract, type EventChannel } from '../../../shared/bridge/contract';
import type { EventPayload } from '../../../shared/bridge/api';

export type HostEventListener = (channel: EventChannel, payload: unknown) => void;

/** Events from the host to the renderer, validated against the contract before they are sent. */
export class HostEvents {
  readonly #listeners = new Set<HostEventListener>();

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const parsed = bridgeEventContract[channel].parse(payload);
    for (const listener of this.#listeners) listener(channel, parsed);
  }

  subscribe(listener: HostEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
