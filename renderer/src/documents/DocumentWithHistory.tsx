import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentEntry } from '../../../shared/domain/document';
import { formatDate } from '../timeline/entry-labels';
import { DocumentPane } from './DocumentPane';

/** A document at its latest version, with the versions it replaced one click away. */
export function DocumentWithHistory({
  patientId,
  document,
  history,
  onText,
}: {
  patientId: string;
  document: DocumentEntry;
  history: DocumentEntry[];
  onText(logicalId: string, text: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<DocumentEntry>(document);
  const versions = [document, ...history];
  return (
    <>
      {history.length > 0 ? (
        <nav
          className="versions"
          aria-label={t('timeline.versions', { count: history.length })}
          data-testid="versions"
        >
          {versions.map((version, index) => (
            <button
              key={version.logicalId}
              type="button"
              className="secondary"
              aria-pressed={version.logicalId === shown.logicalId}
              onClick={() => setShown(version)}
            >
              {index === 0
                ? t('timeline.currentVersion', {
                    date: formatDate(i18n.language, version.recordedAt ?? version.date),
                  })
                : t('timeline.previousVersion', {
                    date: formatDate(i18n.language, version.recordedAt ?? version.date),
                  })}
            </button>
          ))}
        </nav>
      ) : null}
      {shown.logicalId !== document.logicalId ? (
        <p className="warning" role="note" data-testid="superseded-notice">
          {t('timeline.supersededNotice')}
        </p>
      ) : null}
      <DocumentPane key={shown.logicalId} patientId={patientId} document={shown} onText={onText} />
    </>
  );
}
