import { useTranslation } from 'react-i18next';
import { INS_OIDS, type Ins } from '../../../shared/domain/patient';

/** The INS with its qualification, or the plain statement that there is none. */
export function InsBadges({ ins, valueTestId }: { ins: Ins | undefined; valueTestId: string }) {
  const { t } = useTranslation();
  if (!ins) return <span className="badge badge-warn">{t('patients.insMissing')}</span>;
  return (
    <>
      <span data-testid={valueTestId}>{ins.value}</span>
      <span className={ins.qualified ? 'badge badge-ok' : 'badge badge-warn'}>
        {t(ins.qualified ? 'patients.insQualified' : 'patients.insNotQualified')}
      </span>
      {ins.oid === INS_OIDS.testNir ? <span className="badge">{t('patients.insTest')}</span> : null}
    </>
  );
}
