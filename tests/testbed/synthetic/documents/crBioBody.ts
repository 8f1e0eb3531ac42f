import { OID } from './codes';
import { CHAPTERS, formatValue, type LabResult } from './labAnalytes';
import { esc } from './xml';

const INTERPRETATION_DISPLAY = { L: 'Bas', N: 'Normal', H: 'Haut' } as const;

function observationXml(result: LabResult, reference: string, effectiveTime: string): string {
  const { analyte } = result;
  const value = formatValue(analyte, result.value);
  return (
    `<entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">` +
    `<templateId root="1.3.6.1.4.1.19376.1.3.1.6"/>` +
    `<code code="${analyte.loinc}" displayName="${esc(analyte.display)}" codeSystem="${OID.loinc}" codeSystemName="LOINC"><originalText><reference value="#${reference}"/></originalText></code>` +
    `<statusCode code="completed"/><effectiveTime value="${effectiveTime}"/>` +
    `<value xsi:type="PQ" value="${value}" unit="${esc(analyte.unit)}"/>` +
    `<interpretationCode code="${result.interpretation}" displayName="${INTERPRETATION_DISPLAY[result.interpretation]}" codeSystem="${OID.interpretation}"/>` +
    `<referenceRange><observationRange><value xsi:type="IVL_PQ"><low value="${formatValue(analyte, result.low)}" unit="${esc(analyte.unit)}"/>` +
    `<high value="${formatValue(analyte, result.high)}" unit="${esc(analyte.unit)}"/></value>` +
    `<interpretationCode code="N" codeSystem="${OID.interpretation}"/></observationRange></referenceRange>` +
    `</observation></entryRelationship>`
  );
}

/** CR-BIO chapters (IHE PALM / CI-SIS templates): a narrative table and LOINC-coded observations per chapter. */
export function crBioSections(results: readonly LabResult[], effectiveTime: string): string[] {
  const chapters = [...new Set(results.map((result) => result.analyte.chapter))];
  return chapters.map((chapterKey) => {
    const chapter = CHAPTERS[chapterKey];
    const inChapter = results.filter((result) => result.analyte.chapter === chapterKey);
    const rows = inChapter
      .map((result) => {
        const flag = result.interpretation === 'N' ? '' : ` (${result.interpretation})`;
        return (
          `<tr><td><content ID="res-${result.analyte.key}">${esc(result.analyte.label)}</content></td>` +
          `<td>${formatValue(result.analyte, result.value)} ${esc(result.analyte.unit)}${flag}</td>` +
          `<td>${formatValue(result.analyte, result.low)} - ${formatValue(result.analyte, result.high)}</td></tr>`
        );
      })
      .join('');
    const observations = inChapter
      .map((result) => observationXml(result, `res-${result.analyte.key}`, effectiveTime))
      .join('');
    return (
      `<component><section>` +
      `<templateId root="1.3.6.1.4.1.19376.1.3.3.2.1"/><templateId root="1.2.250.1.213.1.1.2.70"/>` +
      `<code code="${chapter.loinc}" displayName="${esc(chapter.display)}" codeSystem="${OID.loinc}" codeSystemName="LOINC"/>` +
      `<title>${chapter.title}</title>` +
      `<text><table><thead><tr><th>Examen</th><th>Résultat</th><th>Valeurs de référence</th></tr></thead><tbody>${rows}</tbody></table></text>` +
      `<entry typeCode="DRIV"><templateId root="1.3.6.1.4.1.19376.1.3.1"/><templateId root="1.2.250.1.213.1.1.3.21"/>` +
      `<act classCode="ACT" moodCode="EVN"><code code="${chapter.loinc}" displayName="${esc(chapter.display)}" codeSystem="${OID.loinc}" codeSystemName="LOINC"/>` +
      `<statusCode code="completed"/>${observations}</act></entry>` +
      `</section></component>`
    );
  });
}
