import { describe, expect, it, vi } from 'vitest';
import { notifyNewDocuments } from '../../../electron/main/desktop-notifications';
import { NotificationDouble } from '../../support/electron-double';

describe('desktop notifications of new documents', () => {
  it('shows one naming no patient, in the system language, and a click focuses the window', () => {
    const focus = vi.fn();
    const notify = notifyNewDocuments(NotificationDouble, 'fr-FR', focus);
    const before = NotificationDouble.shown.length;
    notify('documentsChanged', { patientId: 'opaque-id-1', count: 3 });
    const shown = NotificationDouble.shown.slice(before);
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      {
        title: 'Regard : nouveaux documents',
        body: '3 nouveaux documents pour un patient que vous suivez',
      },
    ]);
    expect(JSON.stringify(shown)).not.toContain('opaque-id-1');
    shown[0]?.click();
    expect(focus).toHaveBeenCalledOnce();
  });

  it('speaks English on an English system and ignores other events', () => {
    const notify = notifyNewDocuments(NotificationDouble, 'en-GB', () => undefined);
    const before = NotificationDouble.shown.length;
    notify('sourceStatusChanged', { source: 'records', status: 'offline' });
    notify('documentsChanged', { patientId: 'p', count: 1 });
    expect(NotificationDouble.shown.slice(before).map((n) => n.body)).toEqual([
      '1 new document for a patient you follow',
    ]);
  });
});
