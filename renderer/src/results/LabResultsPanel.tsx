import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabResult } from '../../../shared/cda/lab-results';
import { analyteSeries } from '../../../shared/results/trends';
import { ResultsTable } from './ResultsTable';
import { TrendChart } from './TrendChart';
import './results.css';

interface LabResultsPanelProps {
  results: LabResult[];
  onOpenDocument(logicalId: string): void;
}

/** The patient's lab results: a table of analytes, and the trend of the one selected. */
export function LabResultsPanel({ results, onOpenDocument }: LabResultsPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const series = useMemo(() => analyteSeries(results), [results]);
  const [selectedKey, setSelectedKey] = useState<string>();
  const selected = series.find((analyte) => analyte.key === selectedKey) ?? series[0];

  return (
    <section className="lab-results" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('results.title')}</h2>
      {selected ? (
        <>
          <ResultsTable series={series} selectedKey={selected.key} onSelect={setSelectedKey} />
          <TrendChart key={selected.key} series={selected} onOpenDocument={onOpenDocument} />
        </>
      ) : (
        <p className="results-empty">{t('results.empty')}</p>
      )}
    </section>
  );
}
