import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patientSummaryFromFhir } from '../../../shared/fhir/patient';
import { patientResource } from '../../testbed/synthetic/documents/patientResource';
import { patientByKey } from '../../testbed/synthetic/patients';

const testdata = resolve(import.meta.dirname, '../../../../shared/testdata/fhir');

describe('patientSummaryFromFhir', () => {
  it('reads the INS, its qualification and the strict identity traits of an FR Core patient', () => {
    const patient = patientByKey('main');
    const summary = patientSummaryFromFhir({ ...patientResource(patient), id: 'p1' });
    expect(summary).toEqual({
      id: 'p1',
      ins: { value: patient.ins, oid: '1.2.250.1.213.1.4.10', qualified: true },
      identity: {
        birthFamilyName: patient.birthFamilyName,
        firstNames: [...patient.firstNames],
        usedFamilyName: patient.usedFamilyName,
        sex: 'female',
        birthDate: patient.birthDate,
        birthPlaceCode: patient.birthPlace.inseeCode,
        birthPlaceLabel: patient.birthPlace.label,
      },
    });
  });

  it('marks a provisional identity as not qualified', () => {
    const summary = patientSummaryFromFhir({ ...patientResource(patientByKey('child')), id: 'p2' });
    expect(summary?.ins?.qualified).toBe(false);
  });

  it('reads the public PDSm example patient, which carries no INS', () => {
    const raw: unknown = JSON.parse(
      readFileSync(resolve(testdata, 'pdsm-Patient-fr-patient-123.json'), 'utf8'),
    );
    expect(patientSummaryFromFhir(raw)).toEqual({
      id: 'fr-patient-123',
      identity: {
        birthFamilyName: 'Claire',
        firstNames: ['Martin'],
        sex: 'male',
        birthDate: '1980-01-15',
      },
    });
  });

  it.each([
    ['not a patient', { resourceType: 'Observation', id: 'x' }],
    ['no birth date', { resourceType: 'Patient', id: 'x', name: [{ family: 'A', given: ['B'] }] }],
    ['no name', { resourceType: 'Patient', id: 'x', birthDate: '2000-01-01' }],
    [
      'a partial birth date',
      {
        resourceType: 'Patient',
        id: 'x',
        birthDate: '2000',
        name: [{ family: 'A', given: ['B'] }],
      },
    ],
    ['garbage', 'garbage'],
  ])('skips a resource with %s', (_label, raw) => {
    expect(patientSummaryFromFhir(raw)).toBeUndefined();
  });

  it('ignores an INS that is not 13 or 15 digits', () => {
    const summary = patientSummaryFromFhir({
      ...patientResource(patientByKey('scale')),
      id: 'p3',
      identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.10', value: '12AB' }],
    });
    expect(summary?.ins).toBeUndefined();
    expect(summary?.identity.birthFamilyName).toBe('KERBRAT');
  });
});
