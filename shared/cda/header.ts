import type { Element } from '@xmldom/xmldom';
import { attribute, child, children, code, compact, identifier, text } from './dom';
import type { CdaHeader, CdaParticipant, CdaPatient, CdaServiceEvent, InsKind } from './types';

/** INS namespaces: INS-NIR, INS-NIA, and the INS-NIR of test identities. */
const INS_ROOTS: Record<string, InsKind> = {
  '1.2.250.1.213.1.4.8': 'NIR',
  '1.2.250.1.213.1.4.9': 'NIA',
  '1.2.250.1.213.1.4.10': 'NIR-test',
};

/** A Study Instance UID is carried as an id with a DICOM UID root and no extension. */
const DICOM_UID = /^(?=.{1,64}$)\d+(?:\.\d+)*$/;

const qualifier = (element: Element) => attribute(element, 'qualifier');

/** "Given FAMILY" of a person name; the CI-SIS puts the title in prefix/suffix, left out here. */
function personName(name: Element | undefined): string | undefined {
  if (!name) return undefined;
  const given = children(name, 'given').map(text).filter(Boolean).join(' ');
  const family = children(name, 'family').map(text).filter(Boolean).join(' ');
  const full = [given, family].filter(Boolean).join(' ');
  return full || text(name);
}

function readPatient(patientRole: Element | undefined): CdaPatient {
  const patient = child(patientRole, 'patient');
  const name = child(patient, 'name');
  const families = name ? children(name, 'family') : [];
  const givens = name ? children(name, 'given') : [];
  const birthFamily = families.find((family) => qualifier(family) === 'BR') ?? families[0];
  const usedFamily = families.find((family) => ['CL', 'SP'].includes(qualifier(family) ?? ''));
  const allGivens = givens.find((given) => qualifier(given) === undefined);
  const usedGiven = givens.find((given) => qualifier(given) === 'CL');
  const insId = (patientRole ? children(patientRole, 'id') : [])
    .map(identifier)
    .find((id) => id?.extension && INS_ROOTS[id.root]);
  const insKind = insId ? INS_ROOTS[insId.root] : undefined;
  return compact({
    birthFamilyName: text(birthFamily),
    usedFamilyName: text(usedFamily),
    firstNames: text(allGivens) ?? text(givens.find((given) => qualifier(given) === 'BR')),
    usedFirstName: text(usedGiven),
    gender: attribute(child(patient, 'administrativeGenderCode'), 'code'),
    birthTime: attribute(child(patient, 'birthTime'), 'value'),
    ins: insId?.extension && insKind ? { value: insId.extension, kind: insKind } : undefined,
  });
}

/** Author, legal authenticator: a person (or a device) acting for an organisation. */
function participant(role: Element | undefined, time: Element | undefined): CdaParticipant {
  const device = child(role, 'assignedAuthoringDevice');
  return compact({
    name:
      personName(child(role, 'assignedPerson', 'name')) ??
      text(child(device, 'softwareName')) ??
      text(child(device, 'manufacturerModelName')),
    profession: attribute(child(role, 'code'), 'displayName'),
    organisation: text(child(role, 'representedOrganization', 'name')),
    time: attribute(time, 'value'),
  });
}

function serviceEvent(event: Element): CdaServiceEvent {
  const effectiveTime = child(event, 'effectiveTime');
  return compact({
    ids: children(event, 'id').flatMap((id) => identifier(id) ?? []),
    code: code(child(event, 'code')),
    low: attribute(child(effectiveTime, 'low'), 'value'),
    high: attribute(child(effectiveTime, 'high'), 'value'),
  });
}

export function readHeader(root: Element): CdaHeader {
  const versionNumber = Number.parseInt(attribute(child(root, 'versionNumber'), 'value') ?? '', 10);
  const serviceEvents = children(root, 'documentationOf').flatMap((documentationOf) =>
    children(documentationOf, 'serviceEvent').map(serviceEvent),
  );
  const orderIds = children(root, 'inFulfillmentOf').flatMap((inFulfillmentOf) =>
    children(inFulfillmentOf, 'order').flatMap((order) =>
      children(order, 'id').flatMap((id) => identifier(id) ?? []),
    ),
  );
  const legalAuthenticator = child(root, 'legalAuthenticator');
  return compact({
    id: identifier(child(root, 'id')),
    title: text(child(root, 'title')),
    documentType: code(child(root, 'code')),
    effectiveTime: attribute(child(root, 'effectiveTime'), 'value'),
    confidentiality: code(child(root, 'confidentialityCode')),
    setId: identifier(child(root, 'setId')),
    version: Number.isFinite(versionNumber) ? versionNumber : undefined,
    patient: readPatient(child(root, 'recordTarget', 'patientRole')),
    authors: children(root, 'author').map((author) =>
      participant(child(author, 'assignedAuthor'), child(author, 'time')),
    ),
    custodian: text(
      child(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization', 'name'),
    ),
    legalAuthenticator: legalAuthenticator
      ? participant(child(legalAuthenticator, 'assignedEntity'), child(legalAuthenticator, 'time'))
      : undefined,
    serviceEvents,
    studyInstanceUids: serviceEvents
      .flatMap((event) => event.ids)
      .filter((id) => id.extension === undefined && DICOM_UID.test(id.root))
      .map((id) => id.root),
    accessionNumbers: orderIds.flatMap((id) => id.extension ?? []),
    replaces: children(root, 'relatedDocument')
      .filter((related) => attribute(related, 'typeCode') === 'RPLC')
      .flatMap((related) => {
        const parent = child(related, 'parentDocument');
        const id = identifier(child(parent, 'id'));
        const setId = identifier(child(parent, 'setId'));
        return id ? [compact({ id, setId })] : [];
      }),
  });
}
