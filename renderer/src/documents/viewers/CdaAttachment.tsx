import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PdfViewer } from './PdfViewer';

/** A PDF attached inside the CDA: opened in place on request. */
export function CdaAttachment({ bytes }: { bytes: Uint8Array | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!bytes) return null;
  return (
    <span className="cda-attachment">
      <button type="button" className="no-print" onClick={() => setOpen((value) => !value)}>
        {t(open ? 'documents.cda.closeAttachment' : 'documents.cda.openAttachment')}
      </button>
      {open ? <PdfViewer bytes={bytes} /> : null}
    </span>
  );
}
