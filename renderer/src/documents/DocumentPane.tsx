import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import type { DocumentEntry } from '../../../shared/domain/document';
import { documentTypeLabel, formatDate } from '../timeline/entry-labels';
import { useRecordCache } from '../offline/record-cache-context';
import { retrieveDocumentBytes } from './retrieve-document';
import { DocumentViewer } from './viewers/DocumentViewer';

type Retrieval =
  | { status: 'loading' }
  | { status: 'ready'; bytes: Uint8Array }
  | { status: 'failed'; messageKey: string };

/** Searchable text of a retrieved document: markup dropped, never interpreted. */
function searchableText(bytes: Uint8Array, contentType: string): string | undefined {
  if (!/xml|text/.test(contentType)) return undefined;
  return new TextDecoder('utf-8', { fatal: false })
    .decode(bytes)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
}

/** Retrieves one document (ITI-68, through the host) and shows it with the viewer its bytes call for. */
export function DocumentPane({
  patientId,
  document,
  onText,
}: {
  patientId: string;
  document: DocumentEntry;
  onText(logicalId: string, text: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [retrieval, setRetrieval] = useState<Retrieval>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const cache = useRecordCache();

  useEffect(() => {
    let live = true;
    void retrieveDocumentBytes(patientId, document.logicalId, cache)
      .then(({ bytes, contentType }) => {
        if (!live) return;
        const text = searchableText(bytes, contentType);
        if (text) onText(document.logicalId, text);
        setRetrieval({ status: 'ready', bytes });
      })
      .catch((error: unknown) => {
        if (live) setRetrieval({ status: 'failed', messageKey: bridgeFailureOf(error).messageKey });
      });
    return () => {
      live = false;
    };
  }, [patientId, document.logicalId, attempt, onText, cache]);

  const title = document.title ?? documentTypeLabel(t, document);
  return (
    <article className="document-pane" data-testid="document-pane" aria-label={title}>
      <header className="document-pane-header">
        <h3>{title}</h3>
        <p className="muted">
          {documentTypeLabel(t, document)} · {formatDate(i18n.language, document.date, true)}
          {document.author?.name ? ` · ${document.author.name}` : null}
          {document.author?.organisation ? ` · ${document.author.organisation}` : null}
        </p>
        {document.labels.invisibleToPatient ? (
          <p className="warning" role="note" data-testid="document-invisible-to-patient">
            {t('documents.invisibleToPatient')}
          </p>
        ) : null}
        {document.labels.confidentiality !== 'N' ? (
          <p className="muted" data-testid="document-confidentiality">
            {t('timeline.confidentiality', {
              level: t(`timeline.confidentialityLevels.${document.labels.confidentiality}`),
            })}
          </p>
        ) : null}
      </header>
      {retrieval.status === 'loading' ? (
        <p role="status" className="muted">
          {t('timeline.documentLoading')}
        </p>
      ) : null}
      {retrieval.status === 'failed' ? (
        <div role="alert" className="error">
          {t(retrieval.messageKey)}
          <button
            type="button"
            onClick={() => {
              setRetrieval({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            {t('timeline.retry')}
          </button>
        </div>
      ) : null}
      {retrieval.status === 'ready' ? (
        <DocumentViewer
          bytes={retrieval.bytes}
          declaredType={document.contentType}
          {...(document.format ? { format: document.format } : {})}
          title={title}
        />
      ) : null}
    </article>
  );
}
