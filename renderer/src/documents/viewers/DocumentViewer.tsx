import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sniff } from '../../../../shared/documents/sniff';
import { downloadBytes, exportFileName } from '../export-document';
import { PrintPreparationContext, type PrintPreparer } from '../print-preparation';
import './document-viewer.css';
import { ViewerErrorBoundary } from './ViewerErrorBoundary';
import { pickViewer } from './viewerRegistry';

export interface DocumentViewerProps {
  bytes: Uint8Array;
  declaredType: string;
  format?: string;
  title: string;
}

/** Printing never waits longer than this for a viewer to get ready. */
const PRINT_PREPARATION_LIMIT_MS = 20_000;

/**
 * One document: its bytes are sniffed, the registry picks the viewer, a lying declared type is
 * said out loud. Print shows only this document; export saves the original bytes.
 */
export function DocumentViewer({ bytes, declaredType, format, title }: DocumentViewerProps) {
  const { t } = useTranslation();
  const sniffed = useMemo(() => sniff(bytes, declaredType), [bytes, declaredType]);
  const viewer = pickViewer({ sniffed, declaredType, ...(format ? { format } : {}) });
  const preparers = useRef(new Set<PrintPreparer>());
  const [printing, setPrinting] = useState(false);

  const register = useCallback((preparer: PrintPreparer) => {
    preparers.current.add(preparer);
    return () => {
      preparers.current.delete(preparer);
    };
  }, []);

  const exportDocument = useCallback(
    () => downloadBytes(bytes, exportFileName(title, sniffed.extension), sniffed.mediaType),
    [bytes, title, sniffed],
  );

  const print = async () => {
    setPrinting(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, PRINT_PREPARATION_LIMIT_MS);
    });
    await Promise.race([Promise.all([...preparers.current].map((prepare) => prepare())), limit]);
    clearTimeout(timer);
    window.print();
    setPrinting(false);
  };

  const Viewer = viewer.Component;
  return (
    <section
      className={printing ? 'document-viewer printing' : 'document-viewer'}
      data-testid="document-viewer"
      data-viewer={viewer.id}
      aria-label={t('documents.viewerLabel', { title })}
    >
      <div className="document-toolbar no-print">
        <button type="button" onClick={() => void print()} disabled={printing}>
          {t('documents.print')}
        </button>
        <button type="button" onClick={exportDocument}>
          {t('documents.export')}
        </button>
      </div>
      {sniffed.mismatch ? (
        <p className="document-mismatch" role="note" data-testid="type-mismatch">
          {t('documents.typeMismatch', {
            declared: sniffed.declaredType || declaredType,
            actual: t(`documents.types.${sniffed.type}`),
          })}
        </p>
      ) : null}
      <div className="document-print-area">
        <PrintPreparationContext value={register}>
          <ViewerErrorBoundary
            resetKey={bytes}
            fallback={
              <p className="error" role="alert" data-testid="viewer-error">
                {t('documents.viewerFailed')}
              </p>
            }
          >
            <Viewer bytes={bytes} sniffed={sniffed} title={title} exportDocument={exportDocument} />
          </ViewerErrorBoundary>
        </PrintPreparationContext>
      </div>
    </section>
  );
}
