import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCdaInWorker } from '../../../renderer/src/documents/cda-worker-client';
import type { CdaWorkerAnswer } from '../../../renderer/src/documents/cda-worker-protocol';

/** Stands in for the worker: records what it is sent and answers when told. */
class FakeWorker {
  onmessage: ((event: MessageEvent<CdaWorkerAnswer>) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessageerror: (() => void) | null = null;
  posted: { message: unknown; transfer: Transferable[] }[] = [];
  terminated = false;
  postMessage(message: unknown, transfer: Transferable[]) {
    this.posted.push({ message, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  answer(data: CdaWorkerAnswer) {
    this.onmessage?.({ data } as MessageEvent<CdaWorkerAnswer>);
  }
}

function start(options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const worker = new FakeWorker();
  const bytes = new Uint8Array([1, 2, 3]);
  const answer = parseCdaInWorker(bytes, {
    ...options,
    createWorker: () => worker as unknown as Worker,
  });
  return { worker, bytes, answer };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('parseCdaInWorker', () => {
  it('sends a copy of the bytes and returns the answer, then ends the worker', async () => {
    const { worker, bytes, answer } = start();
    const sent = worker.posted[0]?.message as { bytes: Uint8Array };
    expect(sent.bytes).toEqual(bytes);
    expect(sent.bytes.buffer).not.toBe(bytes.buffer);
    expect(worker.posted[0]?.transfer).toEqual([sent.bytes.buffer]);
    worker.answer({ kind: 'refusal', reason: 'doctype' });
    await expect(answer).resolves.toEqual({ kind: 'refusal', reason: 'doctype' });
    expect(worker.terminated).toBe(true);
  });

  it('terminates a worker that does not answer in time', async () => {
    vi.useFakeTimers();
    const { worker, answer } = start({ timeoutMs: 1000 });
    vi.advanceTimersByTime(1000);
    await expect(answer).resolves.toEqual({ kind: 'failure', reason: 'timeout' });
    expect(worker.terminated).toBe(true);
  });

  it('reports a worker that crashed', async () => {
    const { worker, answer } = start();
    worker.onerror?.();
    await expect(answer).resolves.toEqual({ kind: 'failure', reason: 'worker-failed' });
    expect(worker.terminated).toBe(true);
  });

  it('terminates the worker when the caller gives up', async () => {
    const controller = new AbortController();
    const { worker, answer } = start({ signal: controller.signal });
    controller.abort(new Error('unmounted'));
    await expect(answer).rejects.toThrow('unmounted');
    expect(worker.terminated).toBe(true);
  });
});
