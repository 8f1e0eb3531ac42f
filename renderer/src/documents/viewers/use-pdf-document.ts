import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import { openPdf } from './pdfjs';

export type PdfState =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; pdf: PDFDocumentProxy; pageSize: { width: number; height: number } };

/** Opens the PDF for these bytes, and closes it (with its worker-side resources) when done. */
export function usePdfDocument(bytes: Uint8Array): PdfState {
  const [state, setState] = useState<{ bytes: Uint8Array; state: PdfState }>();

  useEffect(() => {
    let live = true;
    const task = openPdf(bytes);
    const loaded = task.then((loadingTask) => loadingTask.promise);
    loaded
      .then(async (pdf) => {
        const firstPage = await pdf.getPage(1);
        const { width, height } = firstPage.getViewport({ scale: 1 });
        if (live) setState({ bytes, state: { status: 'ready', pdf, pageSize: { width, height } } });
      })
      .catch(() => {
        if (live) setState({ bytes, state: { status: 'failed' } });
      });
    return () => {
      live = false;
      void task.then((loadingTask) => loadingTask.destroy()).catch(() => undefined);
    };
  }, [bytes]);

  return state?.bytes === bytes ? state.state : { status: 'loading' };
}
