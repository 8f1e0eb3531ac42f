import type * as PdfJsModule from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof PdfJsModule;
let loading: Promise<PdfJs> | undefined;

/** pdf.js is loaded the first time a PDF is opened, not with the app. */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return loading;
}

/**
 * Opens untrusted PDF bytes with everything active switched off: no eval (CVE-2024-4367 ran
 * script through a font), no XFA forms, no fetching; the scripting layer is never loaded.
 * pdf.js takes ownership of the buffer it is given, so it gets a copy.
 */
export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await loadPdfJs();
  return pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
  });
}
