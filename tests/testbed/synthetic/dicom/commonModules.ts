import { PRACTITIONERS } from '../directory';
import { INS_NIR_TEST_OID, dicomPatientName, patientByKey } from '../patients';
import { dicomAge, dicomDate } from '../time';
import { GENERATOR_VERSION } from '../version';
import type { SeriesPlan, StudyPlan } from './studyPlan';
import { seriesInstanceUid, studyInstanceUid } from './uids';
import type { Dataset } from './writer';

/** Patient, study and series attributes shared by every instance of a study (KOS included). */

export function patientModule(study: StudyPlan): Dataset {
  const patient = patientByKey(study.patientKey);
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    PatientName: dicomPatientName(patient),
    PatientID: patient.ins,
    IssuerOfPatientID: INS_NIR_TEST_OID,
    IssuerOfPatientIDQualifiersSequence: [
      { UniversalEntityID: INS_NIR_TEST_OID, UniversalEntityIDType: 'ISO' },
    ],
    PatientBirthDate: dicomDate(patient.birthDate),
    PatientSex: patient.sex,
    PatientAge: dicomAge(patient.birthDate, study.date),
  };
}

function personName(key: StudyPlan['referrer']): string {
  const practitioner = PRACTITIONERS[key];
  return `${practitioner.family}^${practitioner.given}^^DR`;
}

export function studyModule(study: StudyPlan): Dataset {
  return {
    StudyInstanceUID: studyInstanceUid(study),
    StudyDate: dicomDate(study.date),
    StudyTime: `${study.time.replace(':', '')}00`,
    AccessionNumber: study.accessionNumber,
    ReferringPhysicianName: personName(study.referrer),
    StudyID: study.accessionNumber.slice(-4),
    StudyDescription: study.description,
    InstitutionName: PRACTITIONERS[study.radiologist].organisation.name,
  };
}

export function seriesModule(study: StudyPlan, series: SeriesPlan): Dataset {
  return {
    SeriesInstanceUID: seriesInstanceUid(study, series),
    SeriesNumber: series.number,
    SeriesDescription: series.description,
    SeriesDate: dicomDate(study.date),
    SeriesTime: `${study.time.replace(':', '')}${String(series.number).padStart(2, '0')}`,
    Modality: series.modality,
    BodyPartExamined: study.bodyPart,
    Manufacturer: 'Regard Synthetic',
    ManufacturerModelName: `Phantom ${series.modality}`,
    SoftwareVersions: GENERATOR_VERSION,
    StationName: 'SYNTH01',
  };
}
