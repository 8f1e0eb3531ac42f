import { useTranslation } from 'react-i18next';
import { INS_OIDS, type PatientSummary } from '../../../shared/domain/patient';

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
            {ins ? (
              <>
                <span data-testid="ins-value">{ins.value}</span>
                <span className={ins.qualified ? 'badge badge-ok' : 'badge badge-warn'}>
                  {t(ins.qualified ? 'patients.insQualified' : 'patients.insNotQualified')}
                </span>
                {ins.oid === INS_OIDS.testNir ? (
                  <span className="badge">{t('patients.insTest')}</span>
                ) : null}
              </>
            ) : (
              <span className="badge badge-warn">{t('patients.insMissing')}</span>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}
