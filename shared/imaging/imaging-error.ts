/**
 * Why an imaging request failed, in terms the viewer can explain: each kind has its own message,
 * and only transient kinds are retried by themselves.
 */
export type ImagingFailureKind =
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'timeout'
  | 'server'
  | 'malformed'
  | 'bad-frame';

export class ImagingError extends Error {
  constructor(
    readonly kind: ImagingFailureKind,
    readonly status?: number,
    readonly detail?: string,
  ) {
    super(`imaging ${kind}${status ? ` (${status})` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'ImagingError';
  }
}

export function failureKindOfStatus(status: number): ImagingFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408 || status === 504) return 'timeout';
  // The gateway answers 502 when the PACS cannot be reached.
  if (status === 502 || status === 503) return 'unreachable';
  return 'server';
}

export function isTransient(kind: ImagingFailureKind): boolean {
  return kind === 'unreachable' || kind === 'timeout' || kind === 'server';
}

/** Delays before each automatic retry of a transient failure (ms). */
export const RETRY_DELAYS_MS: readonly number[] = [300, 1000, 3000];

export function imagingErrorOf(error: unknown): ImagingError {
  if (error instanceof ImagingError) return error;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new ImagingError('timeout');
  }
  return new ImagingError(
    'unreachable',
    undefined,
    error instanceof Error ? error.name : undefined,
  );
}
