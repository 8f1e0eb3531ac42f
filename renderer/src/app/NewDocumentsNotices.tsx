import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge/bridge';

interface Notice {
  patientId: string;
  count: number;
}

/**
 * Tells the user that followed patients have new documents: in the window, and on the desktop
 * where the user allowed it. Neither names the patient: the notice opens the record instead.
 */
export function NewDocumentsNotices({ onOpen }: { onOpen(patientId: string): void }) {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(
    () =>
      bridge.onDocumentsChanged(({ patientId, count }) => {
        setNotices((previous) => [
          ...previous.filter((notice) => notice.patientId !== patientId),
          { patientId, count },
        ]);
        if ('Notification' in window && Notification.permission === 'granted') {
          new Notification(t('notifications.desktopTitle'), {
            body: t('notifications.newDocuments', { count }),
            tag: `regard-${patientId}`,
          });
        }
      }),
    [t],
  );

  const dismiss = (patientId: string) =>
    setNotices((previous) => previous.filter((notice) => notice.patientId !== patientId));

  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.patientId} className="notice" data-testid="new-documents-notice">
          <span>{t('notifications.newDocuments', { count: notice.count })}</span>
          <button
            type="button"
            onClick={() => {
              dismiss(notice.patientId);
              onOpen(notice.patientId);
            }}
          >
            {t('notifications.openRecord')}
          </button>
          <button type="button" className="secondary" onClick={() => dismiss(notice.patientId)}>
            {t('notifications.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
