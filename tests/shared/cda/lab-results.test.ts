import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hl7TimeToIso } from '../../../shared/cda/hl7-time';
import { extractLabResults } from '../../../shared/cda/lab-results';

const TSH_EXAMPLE = resolve(
  import.meta.dirname,
  '../../../../shared/testdata/cda/ans-BIO-CR-BIO_2024.01_TSH_1.xml',
);
const source = { logicalId: 'doc-1' };
const LOINC = '2.16.840.1.113883.6.1';

/** A minimal CR-BIO: one laboratory chapter whose entry holds `content`. */
function crBio(content: string, options: { sectionTemplate?: string; documentTime?: string } = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <effectiveTime value="${options.documentTime ?? '20250301120000+0100'}"/>
  <component><structuredBody>
    <component><section>
      <templateId root="${options.sectionTemplate ?? '1.3.6.1.4.1.19376.1.3.3.2.1'}"/>
      <text><content ID="r1">Potassium</content></text>
      <entry><act classCode="ACT" moodCode="EVN">${content}</act></entry>
    </section></component>
  </structuredBody></component>
</ClinicalDocument>`;
}

function observation(inner: string, attributes = 'classCode="OBS" moodCode="EVN"') {
  return `<entryRelationship typeCode="COMP"><observation ${attributes}>${inner}</observation></entryRelationship>`;
}

const potassiumCode = `<code code="2823-3" codeSystem="${LOINC}" displayName="Potassium [Moles/Volume] Sérum/Plasma"/>`;

describe('extractLabResults on the ANS CR-BIO example', () => {
  const extraction = extractLabResults(readFileSync(TSH_EXAMPLE, 'utf8'), source);

  it('reads the TSH with its unit, range, interpretation and date', () => {
    expect(extraction.results.find((result) => result.loinc === '3016-3')).toEqual({
      loinc: '3016-3',
      display: 'Thyréostimuline (TSH)',
      value: 1.95,
      valueText: '1.950',
      unit: 'm[IU]/L',
      low: 0.27,
      high: 4.2,
      flag: 'normal',
      effectiveTime: '2014-04-02T14:55:21+02:00',
      sourceLogicalId: 'doc-1',
    });
  });

  it('reads the free T4 flagged low, and nothing from the PDF copy section', () => {
    expect(extraction.results.map((result) => result.loinc)).toEqual(['3016-3', '3024-7']);
    expect(extraction.results[1]).toMatchObject({
      value: 7.67,
      unit: 'pg/mL',
      low: 9.3,
      high: 17,
      flag: 'low',
    });
    expect(extraction.skipped).toBe(0);
    expect(extraction.refused).toBeUndefined();
  });
});

describe('extractLabResults', () => {
  it('refuses a DTD or an entity before parsing', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><ClinicalDocument xmlns="urn:hl7-org:v3">&lol2;</ClinicalDocument>`;
    expect(extractLabResults(bomb, source)).toEqual({
      results: [],
      skipped: 0,
      refused: 'doctype',
    });
    const xxe = crBio('').replace(
      '<ClinicalDocument',
      '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><ClinicalDocument',
    );
    expect(extractLabResults(xxe, source).refused).toBe('doctype');
  });

  it('refuses malformed XML whole and reads nothing from something that is not a CDA', () => {
    expect(extractLabResults(crBio('<observation>'), source).refused).toBe('malformed');
    expect(extractLabResults('<html><body/></html>', source)).toEqual({
      results: [],
      skipped: 0,
      refused: 'not-cda',
    });
  });

  it('skips and counts observations without a code, a LOINC code, a value or a performed status', () => {
    const extraction = extractLabResults(
      crBio(
        observation('<value xsi:type="PQ" value="4.1" unit="mmol/L"/>') +
          observation(`${potassiumCode}<value xsi:type="PQ" nullFlavor="NA"/>`) +
          observation(`${potassiumCode}`) +
          observation(
            `<code code="K" codeSystem="1.2.3.4"/><value xsi:type="PQ" value="4.1" unit="mmol/L"/>`,
          ) +
          observation(
            `${potassiumCode}<statusCode code="aborted"/><value xsi:type="PQ" value="4.1" unit="mmol/L"/>`,
          ) +
          observation(`${potassiumCode}<value xsi:type="PQ" value="4.4" unit="mmol/L"/>`),
      ),
      source,
    );
    expect(extraction.skipped).toBe(5);
    expect(extraction.results).toHaveLength(1);
    expect(extraction.results[0]).toMatchObject({ value: 4.4, unit: 'mmol/L' });
  });

  it('ignores unknown elements and reads a LOINC translation of a local code', () => {
    const extraction = extractLabResults(
      crBio(
        `<lab:extension xmlns:lab="urn:example">ignored</lab:extension>` +
          observation(
            `<unknownThing><observation/></unknownThing>` +
              `<code code="K" codeSystem="1.2.250.99"><translation code="2823-3" codeSystem="${LOINC}" displayName="Potassium"/></code>` +
              `<value xsi:type="PQ" value="5.6" unit="mmol/L"><translation value="5.6"/></value>`,
          ),
      ),
      source,
    );
    expect(extraction).toMatchObject({ skipped: 0, results: [{ loinc: '2823-3', value: 5.6 }] });
  });

  it('takes the label from the narrative the code refers to, else the LOINC display name', () => {
    const withReference = extractLabResults(
      crBio(
        observation(
          `<code code="2823-3" codeSystem="${LOINC}" displayName="Potassium [Moles/Volume]"><originalText><reference value="#r1"/></originalText></code><value xsi:type="PQ" value="4" unit="mmol/L"/>`,
        ),
      ),
      source,
    );
    expect(withReference.results[0]?.display).toBe('Potassium');
    const withoutReference = extractLabResults(
      crBio(observation(`${potassiumCode}<value xsi:type="PQ" value="4" unit="mmol/L"/>`)),
      source,
    );
    expect(withoutReference.results[0]?.display).toBe('Potassium [Moles/Volume] Sérum/Plasma');
  });

  it('keeps ST, CO and IVL_PQ values as text', () => {
    const extraction = extractLabResults(
      crBio(
        observation(
          `<code code="5778-6" codeSystem="${LOINC}"/><value xsi:type="ST">  jaune   clair </value>`,
        ) +
          observation(
            `<code code="882-1" codeSystem="${LOINC}"/><value xsi:type="CO" code="A+" displayName="A positif"/>`,
          ) +
          observation(
            `<code code="1988-5" codeSystem="${LOINC}"/><value xsi:type="IVL_PQ"><high value="5" unit="mg/L" inclusive="false"/></value>`,
          ) +
          observation(
            `<code code="5370-2" codeSystem="${LOINC}"/><value xsi:type="RTO_INT_INT"><numerator value="1"/><denominator value="320"/></value>`,
          ),
      ),
      source,
    );
    expect(
      extraction.results.map(({ value, valueText, unit }) => ({ value, valueText, unit })),
    ).toEqual([
      { value: undefined, valueText: 'jaune clair', unit: '' },
      { value: undefined, valueText: 'A positif', unit: '' },
      { value: undefined, valueText: '< 5', unit: 'mg/L' },
      { value: undefined, valueText: '1/320', unit: '' },
    ]);
  });

  it('maps HL7 interpretation codes to flags', () => {
    const codes = ['H', 'L', 'HH', 'LL', 'A', 'N', 'H>', 'POS'];
    const extraction = extractLabResults(
      crBio(
        codes
          .map((code) =>
            observation(
              `${potassiumCode}<value xsi:type="PQ" value="4" unit="mmol/L"/><interpretationCode code="${code}" codeSystem="2.16.840.1.113883.5.83"/>`,
            ),
          )
          .join(''),
      ),
      source,
    );
    expect(extraction.results.map((result) => result.flag)).toEqual([
      'high',
      'low',
      'critical-high',
      'critical-low',
      'abnormal',
      'normal',
      'critical-high',
      undefined,
    ]);
  });

  it('reads the normal range, ignoring ranges for other interpretations and bounds in another unit', () => {
    const range = (interpretation: string, low: string, high: string, unit = 'mmol/L') =>
      `<referenceRange><observationRange><value xsi:type="IVL_PQ"><low value="${low}" unit="${unit}"/><high value="${high}" unit="${unit}"/></value>${interpretation}</observationRange></referenceRange>`;
    const extraction = extractLabResults(
      crBio(
        observation(
          `${potassiumCode}<value xsi:type="PQ" value="4" unit="mmol/L"/>` +
            range('<interpretationCode code="HH"/>', '6.5', '99') +
            range('<interpretationCode code="N"/>', '3.5', '5.0'),
        ) +
          observation(
            `${potassiumCode}<value xsi:type="PQ" value="4" unit="mmol/L"/>` +
              range('', '136', '195', 'mg/L'),
          ),
      ),
      source,
    );
    expect(extraction.results[0]).toMatchObject({ low: 3.5, high: 5 });
    expect(extraction.results[1]).not.toHaveProperty('low');
    expect(extraction.results[1]).not.toHaveProperty('high');
  });

  it('dates a result by itself, else its organizer, else the document', () => {
    const value = `<value xsi:type="PQ" value="4" unit="mmol/L"/>`;
    const extraction = extractLabResults(
      crBio(
        observation(`${potassiumCode}<effectiveTime value="20250110073000+0100"/>${value}`) +
          `<entryRelationship><organizer classCode="BATTERY" moodCode="EVN"><effectiveTime><low value="20250201"/></effectiveTime>` +
          `<component><observation classCode="OBS" moodCode="EVN">${potassiumCode}${value}</observation></component></organizer></entryRelationship>` +
          observation(`${potassiumCode}${value}`),
      ),
      source,
    );
    expect(extraction.results.map((result) => result.effectiveTime)).toEqual([
      '2025-01-10T07:30:00+01:00',
      '2025-02-01',
      '2025-03-01T12:00:00+01:00',
    ]);
  });

  it('does not read observations nested in a result (previous results, comments)', () => {
    const extraction = extractLabResults(
      crBio(
        observation(
          `${potassiumCode}<value xsi:type="PQ" value="4" unit="mmol/L"/>` +
            `<entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">${potassiumCode}<effectiveTime value="20200101"/><value xsi:type="PQ" value="3.1" unit="mmol/L"/></observation></entryRelationship>`,
        ),
      ),
      source,
    );
    expect(extraction.results.map((result) => result.value)).toEqual([4]);
  });

  it('reads entries marked as laboratory entries outside laboratory sections, and nothing else', () => {
    const obs = observation(`${potassiumCode}<value xsi:type="PQ" value="4" unit="mmol/L"/>`);
    expect(extractLabResults(crBio(obs, { sectionTemplate: '1.2.3' }), source).results).toEqual([]);
    const marked = crBio(obs, { sectionTemplate: '1.2.3' }).replace(
      '<entry>',
      '<entry><templateId root="1.3.6.1.4.1.19376.1.3.1"/>',
    );
    expect(extractLabResults(marked, source).results).toHaveLength(1);
  });
});

describe('hl7TimeToIso', () => {
  it.each([
    ['20140402145521+0200', '2014-04-02T14:55:21+02:00'],
    ['201404021455', '2014-04-02T14:55'],
    ['2014040214', '2014-04-02T14:00'],
    ['20140402', '2014-04-02'],
    ['201404', '2014-04'],
    ['20140402145521.123-0500', '2014-04-02T14:55:21-05:00'],
  ])('%s is %s', (ts, iso) => {
    expect(hl7TimeToIso(ts)).toBe(iso);
  });

  it.each(['', '2014-04-02', '20141302', '20140432', '201404022500', 'x'])('rejects %j', (ts) => {
    expect(hl7TimeToIso(ts)).toBeUndefined();
  });
});
