import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabResult } from '../../../shared/cda/lab-results';
import type { DocumentEntry } from '../../../shared/domain/document';
import { retrieveDocumentBytes } from '../documents/retrieve-document';
import { useRecordCache } from '../offline/record-cache-context';
import { extractLabResultsInWorker } from './lab-results-client';
import { LabResultsPanel } from './LabResultsPanel';

const LAB_REPORT_TYPE = '11502-2';
const CONCURRENCY = 6;

type Progress = { done: number; total: number; failed: number };

/**
 * The lab results of every CR-BIO report in the documents loaded: each is retrieved through the
 * host, then parsed in a worker; the table and trends appear once all are read.
 */
export function LabResultsTab({
  patientId,
  documents,
  onOpenDocument,
}: {
  patientId: string;
  documents: readonly DocumentEntry[];
  onOpenDocument(logicalId: string): void;
}) {
  const { t } = useTranslation();
  const [results, setResults] = useState<LabResult[] | undefined>(undefined);
  const [progress, setProgress] = useState<Progress>({ done: 0, total: 0, failed: 0 });
  const cache = useRecordCache();

  useEffect(() => {
    const controller = new AbortController();
    const reports = documents.filter(
      (d) => d.type?.code === LAB_REPORT_TYPE && d.status === 'current',
    );
    const run = async () => {
      const fetched: { logicalId: string; bytes: Uint8Array }[] = [];
      let next = 0;
      let failed = 0;
      setProgress({ done: 0, total: reports.length, failed: 0 });
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, reports.length) }, async () => {
          while (next < reports.length && !controller.signal.aborted) {
            const report = reports[next];
            next += 1;
            if (!report) continue;
            try {
              const { bytes } = await retrieveDocumentBytes(patientId, report.logicalId, cache);
              fetched.push({ logicalId: report.logicalId, bytes });
            } catch {
              failed += 1;
            }
            setProgress({ done: fetched.length + failed, total: reports.length, failed });
          }
        }),
      );
      if (controller.signal.aborted) return;
      const extraction = await extractLabResultsInWorker(fetched, controller.signal);
      setProgress({
        done: reports.length,
        total: reports.length,
        failed: failed + extraction.failed.length,
      });
      setResults(extraction.results);
    };
    run().catch(() => {
      if (!controller.signal.aborted) setResults([]);
    });
    return () => controller.abort();
  }, [patientId, documents, cache]);

  return (
    <section className="results-tab" data-testid="results-tab">
      {results === undefined ? (
        <p role="status" className="muted">
          {t('timeline.resultsLoading', { done: progress.done, total: progress.total })}
        </p>
      ) : null}
      {progress.failed > 0 ? (
        <p className="warning">{t('timeline.resultsFailed', { count: progress.failed })}</p>
      ) : null}
      {results && results.length === 0 ? <p className="muted">{t('timeline.noResults')}</p> : null}
      {results && results.length > 0 ? (
        <LabResultsPanel results={results} onOpenDocument={onOpenDocument} />
      ) : null}
    </section>
  );
}
