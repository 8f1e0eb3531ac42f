import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import { bridge } from '../bridge/bridge';

/**
 * Before a first access outside the care team: the professional records, in one step, that the
 * informed patient does not oppose it; or, for an immediate vital risk, opens the record by
 * breaking the glass, with the reason in words; or, where the policy allows their role, opens it
 * in emergency regulation (centre 15).
 */
export function AccessStep({
  patientId,
  mayRegulate,
  onGranted,
  onCancel,
}: {
  patientId: string;
  mayRegulate: boolean;
  onGranted(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [breakGlass, setBreakGlass] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | undefined>(undefined);

  /** Records the ground chosen, then opens the record; a refusal is said in place. */
  const grant = async (record: () => Promise<unknown>) => {
    try {
      await record();
      onGranted();
    } catch (error) {
      setFailure(bridgeFailureOf(error).messageKey);
    }
  };
  const recordNonOpposition = () => grant(() => bridge.recordNonOpposition({ patientId }));
  const startBreakGlass = () =>
    grant(() => bridge.startBreakGlass({ patientId, reason: reason.trim() }));
  const startRegulation = () => grant(() => bridge.startRegulation({ patientId }));

  return (
    <section className="access-step" aria-label={t('access.title')} data-testid="access-step">
      <h2>{t('access.title')}</h2>
      <p>{t('access.explain')}</p>
      <p>
        <button type="button" onClick={() => void recordNonOpposition()}>
          {t('access.recordNonOpposition')}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('timeline.back')}
        </button>
      </p>
      {breakGlass ? (
        <div className="break-glass-form">
          <p className="warning">{t('access.breakGlassWarning')}</p>
          <label>
            {t('access.breakGlassReason')}
            <textarea
              value={reason}
              minLength={10}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
          <button
            type="button"
            className="danger"
            disabled={reason.trim().length < 10}
            onClick={() => void startBreakGlass()}
          >
            {t('access.breakGlassConfirm')}
          </button>
        </div>
      ) : (
        <p>
          <button type="button" className="secondary" onClick={() => setBreakGlass(true)}>
            {t('access.breakGlass')}
          </button>
        </p>
      )}
      {mayRegulate ? (
        <div className="regulation-form">
          <h3>{t('access.regulation')}</h3>
          <p>{t('access.regulationExplain')}</p>
          <button type="button" className="secondary" onClick={() => void startRegulation()}>
            {t('access.regulationConfirm')}
          </button>
        </div>
      ) : null}
      {failure ? (
        <p role="alert" className="error">
          {t(failure)}
        </p>
      ) : null}
    </section>
  );
}

/**
 * Visible for as long as an exceptional mode lasts (break-the-glass or regulation), with the way
 * to end it as soon as the user is done.
 */
export function AccessModeBanner({
  mode,
  until,
  onEnd,
}: {
  mode: 'break-glass' | 'regulation';
  until: string;
  onEnd(): void;
}) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(until));
  return (
    <p className="break-glass-banner" role="status" data-testid={`${mode}-banner`}>
      {t(mode === 'break-glass' ? 'access.breakGlassBanner' : 'access.regulationBanner', { time })}{' '}
      <button type="button" className="secondary" onClick={onEnd}>
        {t('access.endNow')}
      </button>
    </p>
  );
}
