import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../shared/bridge/api';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import { bridge } from '../bridge/bridge';
import { formatDate } from '../timeline/entry-labels';

type History = InvokeResponse<'accessHistory'>;

/**
 * Who opened what of this patient's record at this workstation, from the host's hash-chained
 * journal, with the chain's check; exportable as FHIR AuditEvents.
 */
export function AccessHistoryTab({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const [history, setHistory] = useState<History | { failure: string } | undefined>(undefined);
  const [exported, setExported] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    bridge.accessHistory({ patientId }).then(
      (answer) => live && setHistory(answer),
      (error: unknown) => live && setHistory({ failure: bridgeFailureOf(error).messageKey }),
    );
    return () => {
      live = false;
    };
  }, [patientId]);

  useEffect(
    () => () => {
      if (exported) URL.revokeObjectURL(exported);
    },
    [exported],
  );

  const exportBundle = async () => {
    const { json } = await bridge.exportAudit({ patientId });
    setExported(URL.createObjectURL(new Blob([json], { type: 'application/fhir+json' })));
  };

  if (!history) return <p className="muted">{t('audit.loading')}</p>;
  if ('failure' in history) {
    return (
      <p role="alert" className="error">
        {t(history.failure)}
      </p>
    );
  }
  return (
    <section className="access-history" aria-label={t('audit.title')} data-testid="access-history">
      <p role="status" data-testid="audit-chain" className={history.chain.ok ? 'muted' : 'error'}>
        {history.chain.ok
          ? t('audit.chainOk', { count: history.chain.count })
          : t('audit.chainBroken', { line: history.chain.line, reason: history.chain.reason })}
      </p>
      <p>
        <button type="button" className="secondary" onClick={() => void exportBundle()}>
          {t('audit.export')}
        </button>{' '}
        {exported ? (
          <a href={exported} download="regard-audit.fhir.json" data-testid="audit-download">
            {t('audit.download')}
          </a>
        ) : null}
      </p>
      {history.entries.length === 0 ? <p className="muted">{t('audit.none')}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t('audit.when')}</th>
            <th>{t('audit.who')}</th>
            <th>{t('audit.what')}</th>
            <th>{t('audit.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {history.entries.map((entry, index) => (
            <tr key={`${entry.time}-${index}`} data-testid="audit-entry">
              <td>{formatDate(i18n.language, entry.time, true)}</td>
              <td>{entry.actor}</td>
              <td>
                <ActionCell entry={entry} />
              </td>
              <td>{t(`audit.outcomes.${entry.outcome}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What was done, in words: the consent's ground, the mode it was done under, the user's reason. */
function ActionCell({ entry }: { entry: History['entries'][number] }) {
  const { t } = useTranslation();
  const ground =
    entry.action === 'consent.record' &&
    (entry.target === 'care-team' || entry.target === 'non-opposition')
      ? t(`audit.consent.${entry.target}`)
      : undefined;
  return (
    <>
      {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
      {ground ? ` (${ground})` : null}
      {entry.mode && !entry.action.startsWith('mode.') ? (
        <span className="badge audit-mode" data-testid="audit-mode">
          {t(`audit.modes.${entry.mode}`)}
        </span>
      ) : null}
      {entry.note ? (
        <q className="audit-note" data-testid="audit-note">
          {entry.note}
        </q>
      ) : null}
      {entry.noteUnavailable ? (
        <span className="muted audit-note" data-testid="audit-note">
          {t(`audit.note.${entry.noteUnavailable}`)}
        </span>
      ) : null}
    </>
  );
}
