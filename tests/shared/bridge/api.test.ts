import { describe, expect, it, vi } from 'vitest';
import { bridgeApiKeys, createBridgeApi, type BridgeTransport } from '../../../shared/bridge/api';
import { bridgeEventContract, bridgeInvokeContract } from '../../../shared/bridge/contract';
import { BridgeCallError, bridgeFailureOf, unwrapEnvelope } from '../../../shared/bridge/envelope';

function transportAnswering(
  value: unknown,
): BridgeTransport & { invoke: ReturnType<typeof vi.fn> } {
  return { invoke: vi.fn(async () => value), subscribe: vi.fn(() => () => undefined) };
}

describe('createBridgeApi', () => {
  it('exposes exactly one method per contract channel and event', () => {
    const api = createBridgeApi(transportAnswering({}));
    expect(Object.keys(api).sort()).toEqual(bridgeApiKeys().sort());
    expect(bridgeApiKeys()).toHaveLength(
      Object.keys(bridgeInvokeContract).length + Object.keys(bridgeEventContract).length,
    );
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('refuses a malformed request before it reaches the transport', async () => {
    const transport = transportAnswering({ patients: [] });
    const api = createBridgeApi(transport);
    await expect(
      api.searchPatients({ text: 'x', birthDate: 'yesterday' } as never),
    ).rejects.toThrow();
    expect(transport.invoke).not.toHaveBeenCalled();
  });

  it('refuses an answer that does not match the contract', async () => {
    const api = createBridgeApi(transportAnswering({ patients: [{ id: 'p1' }] }));
    await expect(api.searchPatients({ text: '' })).rejects.toThrow();
  });

  it('passes events through only when they match their schema', () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const api = createBridgeApi({
      invoke: async () => ({}),
      subscribe: (_channel, listener) => {
        deliver = listener;
        return () => undefined;
      },
    });
    const seen: unknown[] = [];
    api.onSourceStatusChanged((payload) => seen.push(payload));
    deliver({ source: 'records', status: 'offline' });
    deliver({ source: 'records', status: 'exploded' });
    expect(seen).toEqual([{ source: 'records', status: 'offline' }]);
  });
});

describe('unwrapEnvelope', () => {
  it('returns the value of a success and throws the failure of a refusal', () => {
    expect(unwrapEnvelope({ ok: true, value: 42 })).toBe(42);
    const failure = { code: 'refused', messageKey: 'errors.recordsRefused' } as const;
    expect(() => unwrapEnvelope({ ok: false, failure })).toThrow(BridgeCallError);
    try {
      unwrapEnvelope({ ok: false, failure });
    } catch (error) {
      expect((error as BridgeCallError).messageKey).toBe('errors.recordsRefused');
    }
    expect(() => unwrapEnvelope('garbage')).toThrow(BridgeCallError);
  });
});

describe('bridgeFailureOf', () => {
  it('recovers the failure from an error copied across the context bridge (message only)', () => {
    const original = new BridgeCallError({
      code: 'unavailable',
      messageKey: 'errors.recordsUnreachable',
    });
    const copied = new Error(original.message);
    expect(bridgeFailureOf(copied)).toEqual({
      code: 'unavailable',
      messageKey: 'errors.recordsUnreachable',
    });
    expect(bridgeFailureOf(original)).toEqual({
      code: 'unavailable',
      messageKey: 'errors.recordsUnreachable',
    });
  });

  it('falls back to an internal failure for anything else', () => {
    const internal = { code: 'internal', messageKey: 'errors.internal' };
    expect(bridgeFailureOf(new Error('boom'))).toEqual(internal);
    expect(bridgeFailureOf(new Error('regard-bridge-failure {"code":"pwned"}'))).toEqual(internal);
    expect(bridgeFailureOf('text')).toEqual(internal);
  });
});
