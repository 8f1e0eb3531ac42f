import { IDNST_OID, RPPS_IDNPS_OID, type Organisation, type Practitioner } from '../directory';
import { label, oidFor } from '../ids';
import { INS_NIR_TEST_OID, type SyntheticPatient } from '../patients';
import { OID } from './codes';
import { esc } from './xml';

/** CDA R2 header following the CI-SIS structure (French realm, INS-identified patient). */

export interface CdaCode {
  code: string;
  displayName: string;
  codeSystem: string;
}

export interface CdaHeader {
  id: string;
  setId: string;
  versionNumber: number;
  templateIds: readonly string[];
  code: CdaCode;
  title: string;
  /** HL7 TS. */
  effectiveTime: string;
  patient: SyntheticPatient;
  author: Practitioner;
  custodian: Organisation;
  serviceEvent: {
    id?: string;
    code?: CdaCode;
    translations?: readonly CdaCode[];
    low: string;
    high: string;
    performer: Practitioner;
  };
  encounter: { code: 'AMB' | 'IMP' | 'EMER'; low: string; high?: string };
  /** Order placer/filler identifier, e.g. the accession number of an imaging exam. */
  order?: { root: string; extension: string };
  /** The document this one replaces (same setId, RPLC). */
  replaces?: { id: string; setId: string };
}

/** Local patient identifier namespace (the fictitious hospitals' IPP). */
const IPP_ROOT = oidFor(label('ipp-namespace'));

function codeXml(tag: string, code: CdaCode, inner = ''): string {
  const attributes = `code="${esc(code.code)}" displayName="${esc(code.displayName)}" codeSystem="${code.codeSystem}"`;
  return inner ? `<${tag} ${attributes}>${inner}</${tag}>` : `<${tag} ${attributes}/>`;
}

function addressXml(organisation: Organisation): string {
  return `<addr><postalCode>${esc(organisation.postalCode)}</postalCode><city>${esc(organisation.city)}</city></addr>`;
}

function organisationXml(tag: string, organisation: Organisation): string {
  return (
    `<${tag}><id root="${IDNST_OID}" extension="${organisation.idnst}"/><name>${esc(organisation.name)}</name>${addressXml(organisation)}` +
    `<standardIndustryClassCode code="${organisation.practiceSetting.code}" displayName="${esc(organisation.practiceSetting.display)}" codeSystem="${OID.practiceSetting}"/></${tag}>`
  );
}

function assignedPersonXml(practitioner: Practitioner): string {
  return (
    `<id root="${RPPS_IDNPS_OID}" extension="8${practitioner.rpps}"/>` +
    codeXml('code', {
      code: practitioner.role.code,
      displayName: practitioner.role.display,
      codeSystem: OID.authorRole,
    }) +
    `${addressXml(practitioner.organisation)}<telecom value="tel:+33200000000" use="WP"/>` +
    `<assignedPerson><name><prefix>${practitioner.prefix}</prefix><given>${esc(practitioner.given)}</given><family>${esc(practitioner.family)}</family><suffix>DR</suffix></name></assignedPerson>`
  );
}

function recordTargetXml(patient: SyntheticPatient): string {
  const gender = patient.sex === 'F' ? 'Féminin' : 'Masculin';
  return (
    `<recordTarget><patientRole>` +
    `<id root="${INS_NIR_TEST_OID}" extension="${patient.ins}"/>` +
    `<id root="${IPP_ROOT}" extension="${esc(patient.ipp)}"/>` +
    `<patient classCode="PSN"><name>` +
    `<family qualifier="BR">${esc(patient.birthFamilyName)}</family>` +
    `<given>${esc(patient.firstNames.join(' '))}</given>` +
    `<given qualifier="BR">${esc(patient.firstNames[0] ?? '')}</given>` +
    `<family qualifier="CL">${esc(patient.usedFamilyName)}</family>` +
    `<given qualifier="CL">${esc(patient.usedFirstName)}</given>` +
    `</name><administrativeGenderCode code="${patient.sex}" displayName="${gender}" codeSystem="2.16.840.1.113883.5.1"/>` +
    `<birthTime value="${patient.birthDate.replaceAll('-', '')}"/>` +
    `<birthplace><place><addr><county>${patient.birthPlace.inseeCode}</county><city>${esc(patient.birthPlace.label)}</city></addr></place></birthplace>` +
    `</patient></patientRole></recordTarget>`
  );
}

export function cdaHeaderXml(header: CdaHeader): string {
  const { author, serviceEvent } = header;
  const translations = (serviceEvent.translations ?? [])
    .map((translation) => codeXml('translation', translation))
    .join('');
  const serviceCode = serviceEvent.code ? codeXml('code', serviceEvent.code, translations) : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<realmCode code="FR"/>',
    '<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>',
    '<templateId root="2.16.840.1.113883.2.8.2.1"/>',
    '<templateId root="1.2.250.1.213.1.1.1.1"/>',
    ...header.templateIds.map((templateId) => `<templateId root="${templateId}"/>`),
    `<id root="${header.id}"/>`,
    codeXml('code', header.code),
    `<title>${esc(header.title)}</title>`,
    `<effectiveTime value="${header.effectiveTime}"/>`,
    `<confidentialityCode code="N" displayName="Normal" codeSystem="${OID.confidentiality}"/>`,
    '<languageCode code="fr-FR"/>',
    `<setId root="${header.setId}"/>`,
    `<versionNumber value="${header.versionNumber}"/>`,
    recordTargetXml(header.patient),
    `<author><time value="${header.effectiveTime}"/><assignedAuthor>${assignedPersonXml(author)}${organisationXml('representedOrganization', author.organisation)}</assignedAuthor></author>`,
    `<custodian><assignedCustodian>${organisationXml('representedCustodianOrganization', header.custodian)}</assignedCustodian></custodian>`,
    `<legalAuthenticator><time value="${header.effectiveTime}"/><signatureCode code="S"/><assignedEntity>${assignedPersonXml(author)}${organisationXml('representedOrganization', author.organisation)}</assignedEntity></legalAuthenticator>`,
    header.order
      ? `<inFulfillmentOf><order><id root="${header.order.root}" extension="${esc(header.order.extension)}"/></order></inFulfillmentOf>`
      : '',
    `<documentationOf><serviceEvent classCode="ACT">${serviceEvent.id ? `<id root="${serviceEvent.id}"/>` : ''}${serviceCode}` +
      `<effectiveTime><low value="${serviceEvent.low}"/><high value="${serviceEvent.high}"/></effectiveTime>` +
      `<performer typeCode="PRF"><assignedEntity>${assignedPersonXml(serviceEvent.performer)}${organisationXml('representedOrganization', serviceEvent.performer.organisation)}</assignedEntity></performer>` +
      `</serviceEvent></documentationOf>`,
    header.replaces
      ? `<relatedDocument typeCode="RPLC"><parentDocument><id root="${header.replaces.id}"/><setId root="${header.replaces.setId}"/></parentDocument></relatedDocument>`
      : '',
    `<componentOf><encompassingEncounter><code code="${header.encounter.code}" codeSystem="2.16.840.1.113883.5.4"/>` +
      `<effectiveTime><low value="${header.encounter.low}"/>${header.encounter.high ? `<high value="${header.encounter.high}"/>` : ''}</effectiveTime>` +
      `<location><healthCareFacility><code code="${author.organisation.facilityType.code}" displayName="${esc(author.organisation.facilityType.display)}" codeSystem="${OID.facilityType}"/></healthCareFacility></location>` +
      `</encompassingEncounter></componentOf>`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}
