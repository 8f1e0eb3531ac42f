import { PRACTITIONERS } from '../directory';
import type { GeneratedStudy, ImagingManifest } from '../dicom/generateImaging';
import { buildKos } from '../dicom/kos';
import { ACCESSION_ISSUER_OID } from '../dicom/uids';
import { label, oidFor } from '../ids';
import { patientByKey } from '../patients';
import { addMinutes, hl7Timestamp } from '../time';
import { cdaHeaderXml, type CdaHeader } from './cdaHeader';
import { nonXmlPdfBody, narrativeSection, pdfCopySection, structuredBody } from './cdaSections';
import { CLASSIFICATION, OID } from './codes';
import { crBioSections } from './crBioBody';
import { crImgSections } from './crImgBody';
import type { DocumentSpec } from './documentSpec';
import { formatValue } from './labAnalytes';
import { renderPdf } from './pdf';

const cdaId = (spec: DocumentSpec) => oidFor(label('cda', spec.patientKey, spec.key));
const cdaSetId = (spec: DocumentSpec) => oidFor(label('cda-set', spec.patientKey, spec.setKey));

export function createdDate(spec: DocumentSpec): string {
  return spec.createdDate ?? spec.endDate ?? spec.date;
}

function pdfHeaderLines(spec: DocumentSpec): string[] {
  const patient = patientByKey(spec.patientKey);
  const author = PRACTITIONERS[spec.author];
  return [
    `Patient : ${patient.birthFamilyName} ${patient.firstNames.join(' ')} - né(e) le ${patient.birthDate} - INS ${patient.ins}`,
    `Auteur : Dr ${author.given} ${author.family}, ${author.organisation.name}`,
    `Date : ${spec.date}`,
  ];
}

function pdfFor(spec: DocumentSpec, paragraphs: readonly string[]): Promise<Uint8Array> {
  return renderPdf({
    title: spec.title,
    header: pdfHeaderLines(spec),
    paragraphs,
    date: new Date(`${createdDate(spec)}T12:00:00Z`),
  });
}

export function studyOf(spec: DocumentSpec, imaging: ImagingManifest): GeneratedStudy {
  const generated = imaging.studies.find((study) => study.key === spec.study?.key);
  if (!generated) throw new Error(`document ${spec.key} refers to a study that was not generated`);
  return generated;
}

function header(
  spec: DocumentSpec,
  specs: ReadonlyMap<string, DocumentSpec>,
  extra: Partial<CdaHeader>,
): CdaHeader {
  const author = PRACTITIONERS[spec.author];
  const type = CLASSIFICATION[spec.kind].type;
  const replaced = spec.replaces ? specs.get(`${spec.patientKey}/${spec.replaces}`) : undefined;
  return {
    id: cdaId(spec),
    setId: cdaSetId(spec),
    versionNumber: spec.version,
    templateIds: [],
    code: { code: type.code, displayName: type.display, codeSystem: OID.loinc },
    title: spec.title,
    effectiveTime: hl7Timestamp(createdDate(spec), spec.time),
    patient: patientByKey(spec.patientKey),
    author,
    custodian: author.organisation,
    serviceEvent: {
      low: hl7Timestamp(spec.date, '08:00'),
      high: hl7Timestamp(spec.endDate ?? spec.date, spec.time),
      performer: author,
    },
    encounter: {
      code: spec.endDate ? 'IMP' : 'AMB',
      low: hl7Timestamp(spec.date, '08:00'),
      ...(spec.endDate ? { high: hl7Timestamp(spec.endDate, spec.time) } : {}),
    },
    ...(replaced ? { replaces: { id: cdaId(replaced), setId: cdaSetId(replaced) } } : {}),
    ...extra,
  };
}

/** Renders the document itself: CDA XML, PDF, or KOS (whose RetrieveURLs use `dicomwebBaseUrl`). */
export async function renderContent(
  spec: DocumentSpec,
  specs: ReadonlyMap<string, DocumentSpec>,
  imaging: ImagingManifest,
  dicomwebBaseUrl: string,
): Promise<{ uniqueId: string; content: Uint8Array }> {
  const xml = (text: string) => ({
    uniqueId: cdaId(spec),
    content: new Uint8Array(Buffer.from(text, 'utf8')),
  });
  switch (spec.kind) {
    case 'crBio': {
      const results = spec.labResults ?? [];
      const sections = crBioSections(results, hl7Timestamp(spec.date, '07:30'));
      if (spec.withPdfCopy) {
        const lines = results.map(
          (result) =>
            `${result.analyte.label} : ${formatValue(result.analyte, result.value)} ${result.analyte.unit} (${formatValue(result.analyte, result.low)} - ${formatValue(result.analyte, result.high)}) ${result.interpretation}`,
        );
        sections.push(
          pdfCopySection(
            Buffer.from(await pdfFor(spec, lines)).toString('base64'),
            `${spec.patientKey}/${spec.key}`,
          ),
        );
      }
      return xml(
        cdaHeaderXml(
          header(spec, specs, {
            templateIds: ['1.3.6.1.4.1.19376.1.3.3', '1.2.250.1.213.1.1.1.55'],
            serviceEvent: {
              code: { code: '18719-5', displayName: 'Biochimie', codeSystem: OID.loinc },
              low: hl7Timestamp(spec.date, '07:30'),
              high: hl7Timestamp(spec.date, spec.time),
              performer: PRACTITIONERS[spec.author],
            },
          }),
        ) + structuredBody(sections),
      );
    }
    case 'crImg': {
      const study = spec.study;
      if (!study) throw new Error(`imaging report ${spec.key} without a study`);
      const generated = studyOf(spec, imaging);
      const report = { ...study.report, ...spec.reportOverride };
      const modality = generated.series[0]?.modality ?? 'OT';
      return xml(
        cdaHeaderXml(
          header(spec, specs, {
            templateIds: ['1.2.840.10008.9.20', '1.2.250.1.213.1.1.1.45'],
            order: { root: ACCESSION_ISSUER_OID, extension: study.accessionNumber },
            serviceEvent: {
              id: generated.studyInstanceUid,
              code: {
                code: study.procedure.loinc,
                displayName: study.procedure.loincDisplay,
                codeSystem: OID.loinc,
              },
              translations: [
                {
                  code: study.procedure.ccam,
                  displayName: study.procedure.ccamDisplay,
                  codeSystem: OID.ccam,
                },
                { code: modality, displayName: modality, codeSystem: OID.dicomDcm },
              ],
              low: hl7Timestamp(study.date, study.time),
              high: hl7Timestamp(study.date, addMinutes(study.time, 30)),
              performer: PRACTITIONERS[study.radiologist],
            },
          }),
        ) + structuredBody(crImgSections(report, generated.studyInstanceUid, study.description)),
      );
    }
    case 'kos': {
      const study = spec.study;
      if (!study) throw new Error(`KOS ${spec.key} without a study`);
      const generated = studyOf(spec, imaging);
      const kos = buildKos(
        study,
        generated.series.map((series) => ({
          seriesKey: series.key,
          seriesInstanceUid: series.seriesInstanceUid,
          sopClassUid: series.instances[0]?.sopClassUid ?? '',
          sopInstanceUids: series.instances.map((instance) => instance.sopInstanceUid),
        })),
        dicomwebBaseUrl,
      );
      return { uniqueId: kos.sopInstanceUid, content: kos.bytes };
    }
    case 'ldlSes':
      return xml(
        cdaHeaderXml(header(spec, specs, {})) +
          structuredBody([
            narrativeSection('11535-2', 'Synthèse du séjour', 'Synthèse', spec.paragraphs ?? []),
          ]),
      );
    case 'prescription':
      return xml(
        cdaHeaderXml(header(spec, specs, {})) +
          structuredBody([
            narrativeSection('57828-6', 'Prescriptions', 'Prescription', spec.paragraphs ?? []),
          ]),
      );
    case 'consultationPdfCda': {
      const pdf = await pdfFor(spec, spec.paragraphs ?? []);
      return xml(
        cdaHeaderXml(header(spec, specs, { templateIds: ['1.3.6.1.4.1.19376.1.2.20'] })) +
          nonXmlPdfBody(Buffer.from(pdf).toString('base64')),
      );
    }
    case 'hospitalReportPdf':
      return {
        uniqueId: oidFor(label('pdf', spec.patientKey, spec.key)),
        content: await pdfFor(spec, spec.paragraphs ?? []),
      };
  }
}
