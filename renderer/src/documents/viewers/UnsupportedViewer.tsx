import { useTranslation } from 'react-i18next';
import type { ViewerProps } from './viewer-types';

export function UnsupportedViewer({ exportDocument }: Pick<ViewerProps, 'exportDocument'>) {
  const { t } = useTranslation();
  return (
    <div className="viewer-unsupported" data-testid="viewer-unsupported" role="status">
      <p className="viewer-unsupported-title">{t('documents.unsupported.title')}</p>
      <p className="muted">{t('documents.unsupported.hint')}</p>
      <button type="button" onClick={exportDocument}>
        {t('documents.export')}
      </button>
    </div>
  );
}
