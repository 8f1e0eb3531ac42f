import { INS_NIR_TEST_SYSTEM, type SyntheticPatient } from '../patients';
import type { FhirResource } from './fhirTypes';

/** FR Core style Patient with the INS and the strict identity traits. */
export function patientResource(patient: SyntheticPatient): FhirResource {
  const birthPlaceSystem = patient.birthPlace.abroad
    ? 'https://mos.esante.gouv.fr/NOS/TRE_R20-Pays/FHIR/TRE-R20-Pays'
    : 'https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM';
  return {
    resourceType: 'Patient',
    extension: [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
        valueAddress: {
          extension: [
            {
              url: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code',
              valueCoding: { system: birthPlaceSystem, code: patient.birthPlace.inseeCode },
            },
          ],
          ...(patient.birthPlace.abroad
            ? { country: patient.birthPlace.label }
            : { city: patient.birthPlace.label }),
        },
      },
      {
        url: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability',
        extension: [
          {
            url: 'identityReliability',
            valueCoding: {
              system:
                'https://mos.esante.gouv.fr/NOS/TRE_R443-NiveauConfianceIdentite/FHIR/TRE-R443-NiveauConfianceIdentite',
              code: patient.identityReliability,
            },
          },
        ],
      },
    ],
    identifier: [
      {
        use: 'official',
        type: {
          coding: [
            {
              system: 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203',
              code: 'INS-NIR-TEST',
            },
          ],
        },
        system: INS_NIR_TEST_SYSTEM,
        value: patient.ins,
      },
    ],
    name: [
      { use: 'official', family: patient.birthFamilyName, given: [...patient.firstNames] },
      { use: 'usual', family: patient.usedFamilyName, given: [patient.usedFirstName] },
    ],
    gender: patient.sex === 'F' ? 'female' : 'male',
    birthDate: patient.birthDate,
  };
}
