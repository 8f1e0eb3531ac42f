/**
 * Synthetic patients with strict INS identity traits (RNIV: upper case, no diacritics). Their INS-NIR
 * values are TEST identifiers (OID 1.2.250.1.213.1.4.10); the NIR keys are valid (97 - NIR mod 97)
 * and the NIR digits agree with sex, birth year/month and birth place.
 * Tests import these names and numbers to check that nothing leaks them (logs, URLs, caches).
 */

export const INS_NIR_TEST_OID = '1.2.250.1.213.1.4.10';
export const INS_NIR_TEST_SYSTEM = `urn:oid:${INS_NIR_TEST_OID}`;

export type PatientKey = 'main' | 'traveller' | 'child' | 'scale';

export interface BirthPlace {
  /** INSEE code: commune (5 digits) or, for a birth abroad, 99 + country code. */
  inseeCode: string;
  label: string;
  abroad: boolean;
}

export interface SyntheticPatient {
  key: PatientKey;
  /** Role in the data set, for humans reading test output. */
  role: string;
  /** 15-digit test INS-NIR (13 digits + 2-digit key). */
  ins: string;
  birthFamilyName: string;
  /** Birth first names, in civil-register order. */
  firstNames: readonly string[];
  usedFamilyName: string;
  usedFirstName: string;
  sex: 'F' | 'M';
  /** ISO date. */
  birthDate: string;
  birthPlace: BirthPlace;
  /** Local hospital identifier (IPP), distinct from the INS. */
  ipp: string;
  /**
   * Identity status (FR Core identity reliability): VALI is a qualified identity, checked against
   * the national teleservice; PROV is provisional, so its INS may not be used to share data.
   */
  identityReliability: 'VALI' | 'PROV';
}

export const PATIENTS: readonly SyntheticPatient[] = [
  {
    key: 'main',
    role: 'imaging patient: CT current and prior, MR, DX; lab trends; replacement chain',
    ins: '258033523804732',
    birthFamilyName: 'BERTHELOT',
    firstNames: ['HELENE', 'MARIE', 'ODILE'],
    usedFamilyName: 'VASSEUR',
    usedFirstName: 'HELENE',
    sex: 'F',
    birthDate: '1958-03-14',
    birthPlace: { inseeCode: '35238', label: 'RENNES', abroad: false },
    ipp: 'IPP-100428',
    identityReliability: 'VALI',
  },
  {
    key: 'traveller',
    role: 'born abroad, apostrophe in the name: CR MONOCHROME1 and ultrasound cine',
    ins: '181119913911266',
    birthFamilyName: "D'ALMEIDA",
    firstNames: ['JEAN-BAPTISTE', 'NUNO'],
    usedFamilyName: "D'ALMEIDA",
    usedFirstName: 'JEAN-BAPTISTE',
    sex: 'M',
    birthDate: '1981-11-02',
    birthPlace: { inseeCode: '99139', label: 'PORTUGAL', abroad: true },
    ipp: 'IPP-207731',
    identityReliability: 'VALI',
  },
  {
    key: 'child',
    role: 'minor: wrist radiograph, a document hidden from legal representatives',
    ins: '216075935028641',
    birthFamilyName: 'MOREAU-KHALIL',
    firstNames: ['ZOE', 'AMINA'],
    usedFamilyName: 'MOREAU-KHALIL',
    usedFirstName: 'ZOE',
    sex: 'F',
    birthDate: '2016-07-21',
    birthPlace: { inseeCode: '59350', label: 'LILLE', abroad: false },
    ipp: 'IPP-318054',
    identityReliability: 'PROV',
  },
  {
    key: 'scale',
    role: 'scale patient: 2,000+ documents over ten years, sagittal MR knee, CT transfer syntax matrix',
    ins: '149052901903128',
    birthFamilyName: 'KERBRAT',
    firstNames: ['YVES', 'ANDRE', 'MARIE'],
    usedFamilyName: 'KERBRAT',
    usedFirstName: 'YVES',
    sex: 'M',
    birthDate: '1949-05-30',
    birthPlace: { inseeCode: '29019', label: 'BREST', abroad: false },
    ipp: 'IPP-422190',
    identityReliability: 'VALI',
  },
];

export function patientByKey(key: PatientKey): SyntheticPatient {
  const patient = PATIENTS.find((candidate) => candidate.key === key);
  if (!patient) throw new Error(`unknown synthetic patient ${key}`);
  return patient;
}

/** DICOM Person Name: birth family name ^ first birth first name. */
export function dicomPatientName(patient: SyntheticPatient): string {
  return `${patient.birthFamilyName}^${patient.firstNames[0] ?? ''}`;
}

/** NIR control key: 97 - (13-digit NIR mod 97), two digits. */
export function nirKey(nir13: string): string {
  return String(97n - (BigInt(nir13) % 97n)).padStart(2, '0');
}

/** Every string that identifies a patient: what logs, URLs and error messages must never contain. */
export function identifyingStrings(patient: SyntheticPatient): string[] {
  const names = [
    patient.birthFamilyName,
    patient.usedFamilyName,
    ...patient.firstNames,
    patient.usedFirstName,
  ];
  return [...new Set([patient.ins, patient.ipp, dicomPatientName(patient), ...names])];
}
