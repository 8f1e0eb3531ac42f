import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CdaHeader, CdaIdentifier, CdaParticipant } from '../../../../shared/cda/types';
import { formatHl7Time } from './format-hl7-time';

const identifierText = (id: CdaIdentifier) =>
  id.extension ? `${id.extension} (${id.root})` : id.root;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="cda-header-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The document's own header: who it is about, who wrote it, when, and what it replaces. */
export function CdaHeaderView({ header }: { header: CdaHeader }) {
  const { t, i18n } = useTranslation();
  const time = (value: string | undefined) => formatHl7Time(value, i18n.language);
  const participant = (person: CdaParticipant) =>
    [person.name, person.profession, person.organisation, time(person.time)]
      .filter(Boolean)
      .join(' · ');
  const { patient } = header;
  const patientName = [patient.birthFamilyName, patient.firstNames].filter(Boolean).join(' ');
  const usedName = [patient.usedFamilyName, patient.usedFirstName].filter(Boolean).join(' ');
  const coded = (prefix: string, code: string | undefined, fallback: string | undefined) =>
    code ? t(`${prefix}.${code}`, { defaultValue: fallback ?? code }) : fallback;
  const confidentiality = coded(
    'documents.cda.header.confidentialityValue',
    header.confidentiality?.code,
    header.confidentiality?.displayName,
  );

  return (
    <dl
      className="cda-header"
      data-testid="cda-header"
      aria-label={t('documents.cda.header.label')}
    >
      {header.documentType ? (
        <Row label={t('documents.cda.header.type')}>
          {header.documentType.displayName ?? header.documentType.code}
        </Row>
      ) : null}
      {header.effectiveTime ? (
        <Row label={t('documents.cda.header.date')}>{time(header.effectiveTime)}</Row>
      ) : null}
      <Row label={t('documents.cda.header.patient')}>
        <span className="cda-patient-name">{patientName}</span>
        {usedName && usedName !== patientName ? (
          <span className="muted"> ({t('documents.cda.header.usedName', { name: usedName })})</span>
        ) : null}
      </Row>
      {patient.birthTime ? (
        <Row label={t('documents.cda.header.birthDate')}>{time(patient.birthTime)}</Row>
      ) : null}
      {patient.gender ? (
        <Row label={t('documents.cda.header.gender')}>
          {coded('documents.cda.header.genderValue', patient.gender, undefined)}
        </Row>
      ) : null}
      {patient.ins ? (
        <Row label={t('documents.cda.header.ins')}>
          <span className="cda-ins" data-testid="cda-ins">
            {patient.ins.value}
          </span>{' '}
          <span className="badge">{t(`documents.cda.header.insKind.${patient.ins.kind}`)}</span>
        </Row>
      ) : null}
      {header.authors.length > 0 ? (
        <Row label={t('documents.cda.header.authors')}>
          {header.authors.map((author, index) => (
            <div key={index}>{participant(author)}</div>
          ))}
        </Row>
      ) : null}
      {header.legalAuthenticator ? (
        <Row label={t('documents.cda.header.legalAuthenticator')}>
          {participant(header.legalAuthenticator)}
        </Row>
      ) : null}
      {header.custodian ? (
        <Row label={t('documents.cda.header.custodian')}>{header.custodian}</Row>
      ) : null}
      {confidentiality ? (
        <Row label={t('documents.cda.header.confidentiality')}>{confidentiality}</Row>
      ) : null}
      {header.version !== undefined ? (
        <Row label={t('documents.cda.header.version')}>{header.version}</Row>
      ) : null}
      {header.studyInstanceUids.length > 0 ? (
        <Row label={t('documents.cda.header.studies')}>
          {header.studyInstanceUids.map((uid) => (
            <div key={uid} data-testid="cda-study-uid">
              {uid}
            </div>
          ))}
        </Row>
      ) : null}
      {header.accessionNumbers.length > 0 ? (
        <Row label={t('documents.cda.header.accessions')}>{header.accessionNumbers.join(', ')}</Row>
      ) : null}
      {header.replaces.length > 0 ? (
        <Row label={t('documents.cda.header.replaces')}>
          {header.replaces.map((replaced, index) => (
            <div key={index}>{identifierText(replaced.id)}</div>
          ))}
        </Row>
      ) : null}
    </dl>
  );
}
