import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { blobOf } from '../object-url';
import type { ViewerProps } from './viewer-types';

/** The image through a blob: URL of its own bytes, typed by the sniffer, revoked on unmount. */
export function ImageViewer({ bytes, sniffed, title }: ViewerProps) {
  const { t } = useTranslation();
  const image = useRef<HTMLImageElement>(null);

  useEffect(() => {
    const element = image.current;
    if (!element) return;
    const url = URL.createObjectURL(blobOf(bytes, sniffed.mediaType));
    element.src = url;
    return () => {
      element.removeAttribute('src');
      URL.revokeObjectURL(url);
    };
  }, [bytes, sniffed.mediaType]);

  return (
    <div className="image-viewer" data-testid="viewer-image">
      <img ref={image} alt={t('documents.image.alt', { title })} />
    </div>
  );
}
