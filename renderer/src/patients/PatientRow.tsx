import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../shared/domain/patient';
import { InsBadges } from './InsBadges';

/** One patient with the strict INS identity traits, as the identity rules require them shown. */
export function PatientRow({ patient, onOpen }: { patient: PatientSummary; onOpen(): void }) {
  const { t, i18n } = useTranslation();
  const { identity, ins } = patient;
  const birthDate = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${identity.birthDate}T00:00:00Z`));

  return (
    <li className="patient-row" data-testid="patient-row">
      <button
        type="button"
        className="patient-name"
        onClick={onOpen}
        aria-label={t('patients.open', {
          name: `${identity.birthFamilyName} ${identity.firstNames.join(' ')}`,
        })}
      >
        <span className="birth-name">{identity.birthFamilyName.toUpperCase()}</span>
        {identity.usedFamilyName ? (
          <span className="used-name" title={t('patients.usedName')}>
            ({identity.usedFamilyName.toUpperCase()})
          </span>
        ) : null}
        <span className="first-names">{identity.firstNames.join(' ')}</span>
      </button>
      <dl className="patient-traits">
        <div>
          <dt>{t('patients.sex')}</dt>
          <dd>{t(`patients.sexValue.${identity.sex}`)}</dd>
        </div>
        <div>
          <dt>{t('patients.birthDate')}</dt>
          <dd>{birthDate}</dd>
        </div>
        {(identity.birthPlaceCode ?? identity.birthPlaceLabel) ? (
          <div>
            <dt>{t('patients.birthPlace')}</dt>
            <dd>
              {[identity.birthPlaceLabel, identity.birthPlaceCode && `(${identity.birthPlaceCode})`]
                .filter(Boolean)
                .join(' ')}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('patients.ins')}</dt>
          <dd className="ins">
            <InsBadges ins={ins} valueTestId="ins-value" />
          </dd>
        </div>
      </dl>
    </li>
  );
}
