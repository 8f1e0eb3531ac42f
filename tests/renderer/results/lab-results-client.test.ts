import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractLabResultsBatch } from '../../../renderer/src/results/lab-results-batch';
import { extractLabResultsInWorker } from '../../../renderer/src/results/lab-results-client';

const TSH_EXAMPLE = resolve(
  import.meta.dirname,
  '../../../../shared/testdata/cda/ans-BIO-CR-BIO_2024.01_TSH_1.xml',
);

/** Runs the worker's code in the same thread, answering asynchronously as a worker would. */
class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  terminate = vi.fn();
  constructor(
    readonly url: URL,
    readonly options: { type: string },
  ) {
    FakeWorker.created.push(this);
  }
  postMessage(data: Parameters<typeof extractLabResultsBatch>[0]) {
    setTimeout(() => this.onmessage?.({ data: extractLabResultsBatch(data) }), 0);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.created = [];
});

describe('extractLabResultsInWorker', () => {
  it('extracts in a module worker and terminates it', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const bytes = new Uint8Array(readFileSync(TSH_EXAMPLE));
    const hostile = new TextEncoder().encode('<!DOCTYPE x [<!ENTITY a "a">]><ClinicalDocument/>');
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><ClinicalDocument>'),
      0xe9,
    ]);
    const batch = await extractLabResultsInWorker([
      { logicalId: 'tsh', bytes },
      { logicalId: 'bomb', bytes: hostile },
      { logicalId: 'bad-utf8', bytes: latin1 },
    ]);
    expect(batch.results.map((result) => [result.loinc, result.sourceLogicalId])).toEqual([
      ['3016-3', 'tsh'],
      ['3024-7', 'tsh'],
    ]);
    expect(batch.failed).toEqual([
      { logicalId: 'bomb', reason: 'doctype' },
      { logicalId: 'bad-utf8', reason: 'encoding' },
    ]);
    const [worker] = FakeWorker.created;
    expect(worker?.url.pathname.endsWith('/lab-results-worker.ts')).toBe(true);
    expect(worker?.options).toEqual({ type: 'module' });
    expect(worker?.terminate).toHaveBeenCalled();
  });

  it('terminates the worker when aborted', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const controller = new AbortController();
    const extraction = extractLabResultsInWorker([], controller.signal);
    controller.abort(new Error('patient changed'));
    await expect(extraction).rejects.toThrow('patient changed');
    expect(FakeWorker.created[0]?.terminate).toHaveBeenCalled();
  });

  it('reads a document in the encoding its XML declaration names', () => {
    const text =
      '<?xml version="1.0" encoding="ISO-8859-1"?><ClinicalDocument xmlns="urn:hl7-org:v3"><title>é</title></ClinicalDocument>';
    // Read as UTF-8, the lone byte of é would make the document undecodable.
    const bytes = new Uint8Array([...text].map((char) => char.charCodeAt(0)));
    expect(extractLabResultsBatch([{ logicalId: 'latin1', bytes }])).toEqual({
      results: [],
      skipped: 0,
      failed: [],
    });
  });
});
