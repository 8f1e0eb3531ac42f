import { beforeAll, describe, expect, it } from 'vitest';
import type { LabFlag, LabResult } from '../../../shared/cda/lab-results';
import { analyteSeries } from '../../../shared/results/trends';
import { extractLabResultsBatch } from '../../../renderer/src/results/lab-results-batch';
import { ensureSyntheticData, type RecordDocument } from '../../testbed/synthetic';
import { documentPlan } from '../../testbed/synthetic/documents/documentPlan';
import type { DocumentSpec } from '../../testbed/synthetic/documents/documentSpec';
import { formatValue } from '../../testbed/synthetic/documents/labAnalytes';
import { fhirInstant } from '../../testbed/synthetic/time';

const FLAGS: Record<'L' | 'N' | 'H', LabFlag> = { L: 'low', N: 'normal', H: 'high' };
/** Reports list results by chapter, the plan by analyte: compare them in one order. */
const ordered = (results: LabResult[]) =>
  results.toSorted(
    (a, b) => a.sourceLogicalId.localeCompare(b.sourceLogicalId) || a.loinc.localeCompare(b.loinc),
  );
const logicalIdOf = (document: { patientKey: string; key: string }) =>
  `${document.patientKey}/${document.key}`;

/** What the generator put in a report, in the shape the extraction returns. */
function expectedResults(spec: DocumentSpec): LabResult[] {
  return (spec.labResults ?? []).map((result) => ({
    loinc: result.analyte.loinc,
    display: result.analyte.label,
    value: result.value,
    valueText: formatValue(result.analyte, result.value),
    unit: result.analyte.unit,
    low: result.low,
    high: result.high,
    flag: FLAGS[result.interpretation],
    effectiveTime: fhirInstant(spec.date, '07:30'),
    sourceLogicalId: logicalIdOf(spec),
  }));
}

let labReports: RecordDocument[];
let specs: Map<string, DocumentSpec>;

beforeAll(async () => {
  const data = await ensureSyntheticData();
  labReports = data.records.documents.filter((document) => document.kind === 'crBio');
  specs = new Map(documentPlan().map((spec) => [logicalIdOf(spec), spec]));
});

describe('lab results of the synthetic CR-BIO reports', () => {
  it('extracts exactly the values, units, ranges, flags and dates the generator wrote', () => {
    const { results, skipped, failed } = extractLabResultsBatch(
      labReports.map((document) => ({ logicalId: logicalIdOf(document), bytes: document.content })),
    );
    expect(failed).toEqual([]);
    expect(skipped).toBe(0);
    const expected = labReports.flatMap((document) => {
      const spec = specs.get(logicalIdOf(document));
      if (!spec) throw new Error(`no plan for ${logicalIdOf(document)}`);
      return expectedResults(spec);
    });
    expect(expected.length).toBeGreaterThan(5000);
    expect(ordered(results)).toEqual(ordered(expected));
  });

  it('extracts the scale patient’s ~1,900 reports quickly and trends them', () => {
    const scale = labReports
      .filter((document) => document.patientKey === 'scale')
      .map((document) => ({ logicalId: logicalIdOf(document), bytes: document.content }));
    const started = performance.now();
    const { results } = extractLabResultsBatch(scale);
    const extractedMs = performance.now() - started;
    const series = analyteSeries(results);
    const trendedMs = performance.now() - started - extractedMs;
    console.log(
      `lab results: ${scale.length} reports, ${results.length} results extracted in ${extractedMs.toFixed(0)} ms, ${series.length} series built in ${trendedMs.toFixed(0)} ms`,
    );
    expect(scale.length).toBeGreaterThanOrEqual(1900);
    const creatinine = series.find((analyte) => analyte.loinc === '2160-0');
    expect(creatinine?.count).toBe(scale.length);
    // The scale patient's creatinine rises from about 11 to 21 mg/L over ten years.
    expect(creatinine?.points[0]?.result.value).toBeLessThan(14);
    expect(creatinine?.last.result.value).toBeGreaterThan(18);
    expect(extractedMs).toBeLessThan(30_000);
  });
});
