/** Code systems and the document classifications used by the French shared record (DMP / PDSm). */

export const System = {
  loinc: 'http://loinc.org',
  classCode: 'https://mos.esante.gouv.fr/NOS/TRE_A03-ClasseDocument/FHIR/TRE-A03-ClasseDocument',
  formatCode: 'http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode',
  ansFormatCode: 'https://mos.esante.gouv.fr/NOS/TRE_A11-IheFormatCode/FHIR/TRE-A11-IheFormatCode',
  facilityType:
    'https://mos.esante.gouv.fr/NOS/TRE_R02-SecteurActivite/FHIR/TRE-R02-SecteurActivite',
  practiceSetting:
    'https://mos.esante.gouv.fr/NOS/TRE_A01-CadreExercice/FHIR/TRE-A01-CadreExercice',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  /** TRE_A07 visibility (OID 1.2.250.1.213.1.1.4.13). */
  visibility:
    'https://mos.esante.gouv.fr/NOS/TRE_A07-StatusVisibiliteDocument/FHIR/TRE-A07-StatusVisibiliteDocument',
  dicomDcm: 'http://dicom.nema.org/resources/ontology/DCM',
  ccam: 'urn:oid:1.2.250.1.215.300.1',
  uri: 'urn:ietf:rfc:3986',
  mhdListTypes: 'https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes',
} as const;

export const OID = {
  loinc: '2.16.840.1.113883.6.1',
  confidentiality: '2.16.840.1.113883.5.25',
  interpretation: '2.16.840.1.113883.5.83',
  authorRole: '1.2.250.1.213.1.1.4.5',
  practiceSetting: '1.2.250.1.213.1.1.4.9',
  facilityType: '1.2.250.1.71.4.2.4',
  dicomDcm: '1.2.840.10008.2.16.4',
  ccam: '1.2.250.1.215.300.1',
  visibility: '1.2.250.1.213.1.1.4.13',
} as const;

export type Visibility = 'MASQUE_PS' | 'INVISIBLE_PATIENT' | 'INVISIBLE_REPRESENTANTS_LEGAUX';

export const VISIBILITY_DISPLAY: Record<Visibility, string> = {
  MASQUE_PS: 'Document masqué aux professionnels de santé',
  INVISIBLE_PATIENT: 'Document non visible par le patient',
  INVISIBLE_REPRESENTANTS_LEGAUX: 'Document non visible par les représentants légaux du patient',
};

export interface Coding {
  system: string;
  code: string;
  display: string;
}

export type DocumentKind =
  | 'crBio'
  | 'crImg'
  | 'kos'
  | 'ldlSes'
  | 'prescription'
  | 'consultationPdfCda'
  | 'hospitalReportPdf';

export interface DocumentClassification {
  type: Coding;
  category: Coding;
  format: Coding;
  contentType: 'text/xml' | 'application/pdf' | 'application/dicom';
}

const loinc = (code: string, display: string): Coding => ({ system: System.loinc, code, display });
const category = (code: string, display: string): Coding => ({
  system: System.classCode,
  code,
  display,
});

export const CLASSIFICATION: Record<DocumentKind, DocumentClassification> = {
  crBio: {
    type: loinc('11502-2', "CR d'examens biologiques"),
    category: category('10', 'Compte-rendu'),
    format: {
      system: System.ansFormatCode,
      code: 'urn:ihe:lab:xd-lab:2008',
      display: "CR d'examens biologiques",
    },
    contentType: 'text/xml',
  },
  crImg: {
    type: loinc('18748-4', "CR d'imagerie médicale"),
    category: category('10', 'Compte-rendu'),
    format: {
      system: System.formatCode,
      code: 'urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013',
      display: 'CR d’imagerie structuré',
    },
    contentType: 'text/xml',
  },
  kos: {
    type: {
      system: 'urn:oid:1.2.250.1.213.1.1.4.12',
      code: 'IMG-KOS',
      display: "Référence d'objets d'un examen d'imagerie",
    },
    category: category('31', 'Imagerie médicale'),
    format: {
      system: System.formatCode,
      code: 'urn:ihe:rad:1.2.840.10008.5.1.4.1.1.88.59',
      display: 'Key Object Selection Document',
    },
    contentType: 'application/dicom',
  },
  ldlSes: {
    type: loinc('11490-0', 'Lettre de liaison à la sortie d’un établissement de soins'),
    category: category('11', 'Synthèse'),
    format: {
      system: System.ansFormatCode,
      code: 'urn:asip:ci-sis:ldl-ses:3.0',
      display: 'Lettre de liaison à la sortie',
    },
    contentType: 'text/xml',
  },
  prescription: {
    type: loinc('57833-6', 'Prescription de produits de santé'),
    category: category('42', 'Prescription'),
    format: {
      system: System.ansFormatCode,
      code: 'urn:ihe:pharm:pre:2010',
      display: 'Prescription de médicaments',
    },
    contentType: 'text/xml',
  },
  consultationPdfCda: {
    type: loinc('11488-4', 'Compte rendu de consultation'),
    category: category('10', 'Compte-rendu'),
    format: {
      system: System.ansFormatCode,
      code: 'urn:ihe:iti:xds-sd:pdf:2008',
      display: 'Document à corps non structuré en PDF/A-1',
    },
    contentType: 'text/xml',
  },
  hospitalReportPdf: {
    type: loinc('34112-3', "Compte rendu d'hospitalisation"),
    category: category('10', 'Compte-rendu'),
    format: {
      system: System.formatCode,
      code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient',
      display: 'Format from mimeType',
    },
    contentType: 'application/pdf',
  },
};
