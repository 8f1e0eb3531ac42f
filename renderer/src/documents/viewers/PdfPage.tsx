import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** PDF points are 1/72 in; CSS pixels are 1/96 in: 100 % zoom is the paper size. */
const CSS_PIXELS_PER_POINT = 96 / 72;

export interface PdfPageProps {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  scale: number;
  /** Size in points until the page itself is known (the first page's). */
  estimatedSize: { width: number; height: number };
  /** Draw now, visible or not (before printing). */
  eager: boolean;
  /** Called once the page is drawn, or has failed to draw, at the current scale. */
  onSettled: (pageNumber: number) => void;
}

const isCancellation = (error: unknown) =>
  error instanceof Error && error.name === 'RenderingCancelledException';

/** One page: a canvas drawn when it scrolls near the view, redrawn at each zoom. */
export function PdfPage({ pdf, pageNumber, scale, estimatedSize, eager, onSettled }: PdfPageProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  const [size, setSize] = useState(estimatedSize);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = container.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const target = canvas.current;
    if ((!visible && !eager) || !target) return;
    let task: RenderTask | undefined;
    let live = true;
    const draw = async () => {
      const page = await pdf.getPage(pageNumber);
      if (!live) return;
      const natural = page.getViewport({ scale: 1 });
      setSize({ width: natural.width, height: natural.height });
      const viewport = page.getViewport({ scale: scale * CSS_PIXELS_PER_POINT });
      const ratio = window.devicePixelRatio || 1;
      target.width = Math.floor(viewport.width * ratio);
      target.height = Math.floor(viewport.height * ratio);
      task = page.render({
        canvas: target,
        viewport,
        ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }),
      });
      await task.promise;
    };
    draw().then(
      () => {
        if (live) onSettled(pageNumber);
      },
      (error: unknown) => {
        if (!live || isCancellation(error)) return;
        setFailed(true);
        onSettled(pageNumber);
      },
    );
    return () => {
      live = false;
      task?.cancel();
    };
  }, [visible, eager, pdf, pageNumber, scale, onSettled]);

  const width = Math.floor(size.width * scale * CSS_PIXELS_PER_POINT);
  const height = Math.floor(size.height * scale * CSS_PIXELS_PER_POINT);
  return (
    <div
      ref={container}
      className="pdf-page"
      data-testid="pdf-page"
      role="img"
      aria-label={t('documents.pdf.page', { number: pageNumber })}
      // Set through the CSSOM by React, which the style-src policy allows.
      style={{ width, height }}
    >
      {failed ? <p className="error">{t('documents.pdf.pageFailed')}</p> : <canvas ref={canvas} />}
    </div>
  );
}
