import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrintPreparer } from '../print-preparation';
import { PdfPage } from './PdfPage';
import { usePdfDocument } from './use-pdf-document';

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
const DEFAULT_ZOOM_STEP = ZOOM_STEPS.indexOf(1);

/**
 * A PDF drawn by pdf.js onto canvases, page by page as they come into view. No text layer, no
 * annotation layer, no scripting: only pixels reach the page.
 */
export function PdfViewer({ bytes }: { bytes: Uint8Array }) {
  const { t } = useTranslation();
  const state = usePdfDocument(bytes);
  const [zoomStep, setZoomStep] = useState<number>(DEFAULT_ZOOM_STEP);
  const [eager, setEager] = useState(false);
  const settled = useRef(new Set<number>());
  const waiting = useRef<(() => void)[]>([]);
  const pageCount = state.status === 'ready' ? state.pdf.numPages : 0;

  useEffect(() => {
    settled.current = new Set();
  }, [bytes]);

  const onSettled = useCallback(
    (pageNumber: number) => {
      settled.current.add(pageNumber);
      if (settled.current.size >= pageCount) {
        for (const resolve of waiting.current.splice(0)) resolve();
      }
    },
    [pageCount],
  );

  const prepareForPrint = useCallback(() => {
    if (settled.current.size >= pageCount) return Promise.resolve();
    setEager(true);
    return new Promise<void>((resolve) => waiting.current.push(resolve));
  }, [pageCount]);
  usePrintPreparer(state.status === 'ready' ? prepareForPrint : undefined);

  if (state.status === 'loading') {
    return (
      <p className="muted" role="status" data-testid="pdf-loading">
        {t('documents.pdf.loading')}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <p className="error" role="alert" data-testid="pdf-broken">
        {t('documents.pdf.broken')}
      </p>
    );
  }

  const scale = ZOOM_STEPS[zoomStep] ?? 1;
  return (
    <div className="pdf-viewer" data-testid="pdf-viewer">
      <div className="pdf-toolbar no-print">
        <span data-testid="pdf-page-count">
          {t('documents.pdf.pageCount', { count: pageCount })}
        </span>
        <button
          type="button"
          onClick={() => setZoomStep((step) => Math.max(0, step - 1))}
          disabled={zoomStep === 0}
        >
          {t('documents.pdf.zoomOut')}
        </button>
        <output aria-live="polite">
          {t('documents.pdf.zoomLevel', { percent: Math.round(scale * 100) })}
        </output>
        <button
          type="button"
          onClick={() => setZoomStep((step) => Math.min(ZOOM_STEPS.length - 1, step + 1))}
          disabled={zoomStep === ZOOM_STEPS.length - 1}
        >
          {t('documents.pdf.zoomIn')}
        </button>
      </div>
      <div className="pdf-pages">
        {Array.from({ length: pageCount }, (_, index) => (
          <PdfPage
            key={index + 1}
            pdf={state.pdf}
            pageNumber={index + 1}
            scale={scale}
            estimatedSize={state.pageSize}
            eager={eager}
            onSettled={onSettled}
          />
        ))}
      </div>
    </div>
  );
}
