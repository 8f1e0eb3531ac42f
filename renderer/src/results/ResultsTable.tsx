import { useTranslation } from 'react-i18next';
import type { AnalyteSeries } from '../../../shared/results/trends';
import { FlagBadge } from './FlagBadge';
import { formatDate, formatRange, formatValue } from './format';
import './results.css';

interface ResultsTableProps {
  series: readonly AnalyteSeries[];
  selectedKey: string | undefined;
  onSelect(key: string): void;
}

/** One row per analyte and unit: its last result, range, flag, date and number of measures. */
export function ResultsTable({ series, selectedKey, onSelect }: ResultsTableProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <table className="results-table" data-testid="results-table">
      <thead>
        <tr>
          <th scope="col">{t('results.columns.analyte')}</th>
          <th scope="col">{t('results.columns.lastValue')}</th>
          <th scope="col">{t('results.columns.referenceRange')}</th>
          <th scope="col">{t('results.columns.flag')}</th>
          <th scope="col">{t('results.columns.date')}</th>
          <th scope="col">{t('results.columns.trend')}</th>
          <th scope="col">{t('results.columns.count')}</th>
        </tr>
      </thead>
      <tbody>
        {series.map((analyte) => {
          const { last } = analyte;
          const selected = analyte.key === selectedKey;
          return (
            <tr
              key={analyte.key}
              className={selected ? 'results-row selected' : 'results-row'}
              data-testid="results-row"
              data-loinc={analyte.loinc}
              onClick={() => onSelect(analyte.key)}
            >
              <th scope="row">
                <button
                  type="button"
                  className="results-analyte"
                  aria-pressed={selected}
                  title={t('results.loincCode', { code: analyte.loinc })}
                  onClick={(event) => {
                    event.stopPropagation();
                    onSelect(analyte.key);
                  }}
                >
                  {analyte.display}
                </button>
                {analyte.unitConflict ? (
                  <span className="badge badge-warn" data-testid="unit-conflict">
                    {t('results.unitConflict')}
                  </span>
                ) : null}
              </th>
              <td className="results-value" data-testid="results-last-value">
                {formatValue(last.result, locale)} {last.result.unit}
              </td>
              <td>
                {formatRange(last.result.low, last.result.high, locale, t) ?? t('results.none')}
              </td>
              <td>
                <FlagBadge flag={last.flag} />
              </td>
              <td>{formatDate(last.result.effectiveTime, locale)}</td>
              <td>
                {analyte.direction
                  ? t(`results.direction.${analyte.direction}`)
                  : t('results.none')}
              </td>
              <td data-testid="results-count">
                {t('results.count', { count: analyte.count })}{' '}
                {analyte.abnormalCount > 0 ? (
                  <span className="results-abnormal-count">
                    {t('results.abnormalCount', { count: analyte.abnormalCount })}
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
