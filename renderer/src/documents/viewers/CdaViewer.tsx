import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CdaDocument } from '../../../../shared/cda/types';
import { useCdaDocument } from '../use-cda-document';
import { CdaHeaderView } from './CdaHeaderView';
import { CdaSectionView } from './CdaSectionView';
import { PdfViewer } from './PdfViewer';
import { TextViewer } from './TextViewer';
import type { ViewerProps } from './viewer-types';

function Notice({ children }: { children: string }) {
  return (
    <p className="muted" role="status" data-testid="cda-body-notice">
      {children}
    </p>
  );
}

function CdaBodyView({ document }: { document: CdaDocument }) {
  const { t } = useTranslation();
  const { body } = document;
  switch (body.kind) {
    case 'structured':
      return (
        <div className="cda-body" data-testid="cda-structured">
          {body.sections.map((section, index) => (
            <CdaSectionView
              key={index}
              section={section}
              depth={0}
              attachments={document.attachments}
            />
          ))}
        </div>
      );
    case 'pdf':
      return <PdfViewer bytes={body.bytes} />;
    case 'text':
      return <TextViewer text={body.text} />;
    case 'reference':
      return <Notice>{t('documents.cda.bodyReference')}</Notice>;
    case 'unsupported':
      return <Notice>{t('documents.cda.bodyUnsupported', { mediaType: body.mediaType })}</Notice>;
    case 'none':
      return <Notice>{t('documents.cda.bodyNone')}</Notice>;
  }
}

/**
 * A CDA document, read in a worker. The PDF copy of a structured document comes first (CI-SIS
 * display rule), the structured view on request; a PDF is printed without the header block.
 */
export function CdaViewer({ bytes }: Pick<ViewerProps, 'bytes'>) {
  const { t } = useTranslation();
  const answer = useCdaDocument(bytes);
  const [structured, setStructured] = useState(false);

  if (!answer) {
    return (
      <p className="muted" role="status" data-testid="cda-parsing">
        {t('documents.cda.parsing')}
      </p>
    );
  }
  if (answer.kind !== 'cda') {
    return (
      <p className="error" role="alert" data-testid="viewer-error" data-reason={answer.reason}>
        {t(`documents.cda.refused.${answer.reason}`)}
      </p>
    );
  }

  const pdfCopy = answer.pdfCopy;
  const showsPdf = (pdfCopy && !structured) || answer.body.kind === 'pdf';
  return (
    <div className="cda-viewer" data-testid="cda-viewer">
      {pdfCopy ? (
        <button type="button" className="no-print" onClick={() => setStructured((value) => !value)}>
          {t(structured ? 'documents.cda.showPdfCopy' : 'documents.cda.showStructured')}
        </button>
      ) : null}
      <div className={showsPdf ? 'no-print' : undefined}>
        <CdaHeaderView header={answer.header} />
      </div>
      {pdfCopy && !structured ? <PdfViewer bytes={pdfCopy} /> : <CdaBodyView document={answer} />}
    </div>
  );
}
