import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../shared/domain/patient';
import { InsBadges } from '../patients/InsBadges';
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
      <span className="ins">
        {ins ? `${t('patients.ins')} ` : null}
        <InsBadges ins={ins} valueTestId="banner-ins" />
      </span>
    </section>
  );
}
