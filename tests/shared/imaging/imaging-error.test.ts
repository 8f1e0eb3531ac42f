import { describe, expect, it } from 'vitest';
import {
  failureKindOfStatus,
  ImagingError,
  imagingErrorOf,
  isTransient,
  RETRY_DELAYS_MS,
  type ImagingFailureKind,
} from '../../../shared/imaging/imaging-error';

describe('failureKindOfStatus', () => {
  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [410, 'not-found'],
    [408, 'timeout'],
    [504, 'timeout'],
    [502, 'unreachable'],
    [503, 'unreachable'],
    [500, 'server'],
    [501, 'server'],
  ] as [number, ImagingFailureKind][])('reads %i as %s', (status, kind) => {
    expect(failureKindOfStatus(status)).toBe(kind);
  });
});

describe('isTransient', () => {
  it.each([
    ['unreachable', true],
    ['timeout', true],
    ['server', true],
    ['unauthorized', false],
    ['forbidden', false],
    ['not-found', false],
    ['malformed', false],
    ['bad-frame', false],
  ] as [ImagingFailureKind, boolean][])('%s: %s', (kind, transient) => {
    expect(isTransient(kind)).toBe(transient);
  });

  it('retries access and missing-resource answers never', () => {
    for (const status of [401, 403, 404, 410]) {
      expect(isTransient(failureKindOfStatus(status)), `${status}`).toBe(false);
    }
    for (const status of [408, 500, 502, 503, 504]) {
      expect(isTransient(failureKindOfStatus(status)), `${status}`).toBe(true);
    }
  });

  it('waits longer before each retry', () => {
    expect(RETRY_DELAYS_MS.length).toBeGreaterThan(0);
    for (let i = 1; i < RETRY_DELAYS_MS.length; i++) {
      expect(RETRY_DELAYS_MS[i]).toBeGreaterThan(RETRY_DELAYS_MS[i - 1] ?? Infinity);
    }
  });
});

describe('ImagingError', () => {
  it('names its kind, status and detail in its message', () => {
    const error = new ImagingError('not-found', 404, 'series gone');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ImagingError');
    expect(error.message).toBe('imaging not-found (404): series gone');
    expect(new ImagingError('bad-frame', undefined, 'truncated').message).toBe(
      'imaging bad-frame: truncated',
    );
    expect(new ImagingError('timeout').message).toBe('imaging timeout');
  });
});

describe('imagingErrorOf', () => {
  it('keeps an ImagingError as it is', () => {
    const error = new ImagingError('forbidden', 403);
    expect(imagingErrorOf(error)).toBe(error);
  });

  it('reads a TimeoutError (AbortSignal.timeout) as a timeout', () => {
    const fromSignal = imagingErrorOf(new DOMException('The operation timed out.', 'TimeoutError'));
    expect(fromSignal).toBeInstanceOf(ImagingError);
    expect(fromSignal.kind).toBe('timeout');
    const named = Object.assign(new Error('slow'), { name: 'TimeoutError' });
    expect(imagingErrorOf(named).kind).toBe('timeout');
  });

  it('reads a signal that timed out as a timeout', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signal.aborted).toBe(true);
    expect(imagingErrorOf(signal.reason).kind).toBe('timeout');
  });

  it('reads any other failure as unreachable, naming the error', () => {
    const network = imagingErrorOf(new TypeError('fetch failed'));
    expect(network).toMatchObject({ kind: 'unreachable', status: undefined, detail: 'TypeError' });
    expect(isTransient(network.kind)).toBe(true);
    expect(imagingErrorOf('boom')).toMatchObject({ kind: 'unreachable', detail: undefined });
    expect(imagingErrorOf(undefined).kind).toBe('unreachable');
  });
});
