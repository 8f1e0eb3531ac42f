import { useTranslation } from 'react-i18next';
import type { LabFlag } from '../../../shared/cda/lab-results';
import './results.css';

/** The flag in words and with its mark (↑, ↓…), so it never rests on colour alone. */
export function FlagBadge({ flag }: { flag: LabFlag | undefined }) {
  const { t } = useTranslation();
  const name = flag ?? 'unknown';
  return (
    <span className={`result-flag result-flag-${name}`} data-flag={name}>
      {flag && flag !== 'normal' ? (
        <span aria-hidden="true" className="result-flag-mark">
          {t(`results.flagMarks.${flag}`)}
        </span>
      ) : null}
      {t(`results.flags.${name}`)}
    </span>
  );
}
