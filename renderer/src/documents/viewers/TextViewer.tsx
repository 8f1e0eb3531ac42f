import { useTranslation } from 'react-i18next';

export function TextViewer({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <pre className="text-viewer" data-testid="viewer-text" aria-label={t('documents.text.label')}>
      {text}
    </pre>
  );
}
