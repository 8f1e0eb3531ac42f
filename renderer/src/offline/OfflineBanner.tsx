import { useTranslation } from 'react-i18next';
import { formatDate } from '../timeline/entry-labels';
import type { OfflineView } from './offline-state';

/** Says plainly that what is shown comes from this workstation's cache, and as of when. */
export function OfflineBanner({ offline }: { offline: OfflineView }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="offline-banner" role="alert" data-testid="offline-banner">
      {t('offline.banner', {
        date: formatDate(i18n.language, new Date(offline.asOf).toISOString(), true),
      })}
    </p>
  );
}
