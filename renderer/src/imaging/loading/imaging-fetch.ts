import {
  failureKindOfStatus,
  ImagingError,
  imagingErrorOf,
  isTransient,
  RETRY_DELAYS_MS,
} from '../../../../shared/imaging/imaging-error';

const REQUEST_TIMEOUT_MS = 30_000;

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * A GET through the host's gateway. Transient failures (PACS unreachable, timeout, 5xx) are retried
 * with backoff (server errors only unless told not to); the others fail at once. Cancelling
 * `signal` stops the request and the retries.
 */
export async function gatewayGet(
  url: string,
  accept: string,
  signal?: AbortSignal,
  options: { retryServerErrors?: boolean } = {},
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    let failure: ImagingError;
    try {
      const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
      const response = await fetch(url, {
        headers: { accept },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (response.ok) return response;
      failure = new ImagingError(failureKindOfStatus(response.status), response.status);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failure = imagingErrorOf(error);
    }
    const delay = RETRY_DELAYS_MS[attempt];
    const retry =
      isTransient(failure.kind) &&
      (failure.kind !== 'server' || options.retryServerErrors !== false);
    if (!retry || delay === undefined) throw failure;
    await wait(delay, signal);
  }
}

export async function gatewayJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await gatewayGet(url, 'application/dicom+json', signal);
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : [];
  } catch {
    throw new ImagingError('malformed', response.status);
  }
}
