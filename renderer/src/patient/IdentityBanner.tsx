import { useTranslation } from 'react-i18next';
import { INS_OIDS, type PatientSummary } from '../../../shared/domain/patient';
import { formatDate } from '../timeline/entry-labels';

/** The strict INS identity traits, on every screen of the open patient. */
export function IdentityBanner({ patient }: { patient: PatientSummary }) {
  const { t, i18n } = useTranslation();
  const { identity, ins } = patient;
  return (
    <section
      className="identity-banner"
      aria-label={t('patients.banner')}
      data-testid="identity-banner"
    >
      <span className="birth-name">{identity.birthFamilyName.toUpperCase()}</span>
      {identity.usedFamilyName ? (
        <span className="used-name">({identity.usedFamilyName.toUpperCase()})</span>
      ) : null}
      <span className="first-names">{identity.firstNames.join(' ')}</span>
      <span>{t(`patients.sexValue.${identity.sex}`)}</span>
      <span>
        {t('patients.birthDate')} {formatDate(i18n.language, `${identity.birthDate}T12:00:00Z`)}
      </span>
      {identity.birthPlaceLabel || identity.birthPlaceCode ? (
        <span>
          {identity.birthPlaceLabel}{' '}
          {identity.birthPlaceCode ? `(${identity.birthPlaceCode})` : null}
        </span>
      ) : null}
      {ins ? (
        <span className="ins">
          {t('patients.ins')} <span data-testid="banner-ins">{ins.value}</span>
          <span className={ins.qualified ? 'badge badge-ok' : 'badge badge-warn'}>
            {t(ins.qualified ? 'patients.insQualified' : 'patients.insNotQualified')}
          </span>
          {ins.oid === INS_OIDS.testNir ? (
            <span className="badge">{t('patients.insTest')}</span>
          ) : null}
        </span>
      ) : (
        <span className="badge badge-warn">{t('patients.insMissing')}</span>
      )}
    </section>
  );
}
