import en from '../../shared/i18n/locales/en.json';
import fr from '../../shared/i18n/locales/fr.json';
import type { EventChannel } from '../../shared/bridge/contract';
import type { NotificationConstructorPort } from './electron-ports';

/**
 * Desktop notifications for followed patients' new documents. The page's own notifications are
 * denied by the permission handler, so the main process shows them; like the page's, they name
 * no patient, and a click brings the window forward.
 */
export function notifyNewDocuments(
  Notification: NotificationConstructorPort,
  systemLocale: string,
  focusWindow: () => void,
): (channel: EventChannel, payload: unknown) => void {
  const catalog = systemLocale.toLowerCase().startsWith('en') ? en : fr;
  return (channel, payload) => {
    if (channel !== 'documentsChanged') return;
    const count = (payload as { count: number }).count;
    const template =
      count === 1
        ? catalog.notifications.newDocuments_one
        : catalog.notifications.newDocuments_other;
    const notification = new Notification({
      title: catalog.notifications.desktopTitle,
      body: template.replace('{{count}}', String(count)),
    });
    notification.on('click', focusWindow);
    notification.show();
  };
}
