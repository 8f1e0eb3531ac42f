/** Fictitious professionals and organisations: RPPS-like and FINESS-like numbers that belong to nobody. */

export const RPPS_IDNPS_OID = '1.2.250.1.71.4.2.1';
export const IDNST_OID = '1.2.250.1.71.4.2.2';

export interface Organisation {
  key: string;
  /** IDNST: 1 + FINESS-like number. */
  idnst: string;
  name: string;
  city: string;
  postalCode: string;
  /** TRE_R02 SecteurActivite. */
  facilityType: { code: string; display: string };
  /** TRE_A01 CadreExercice. */
  practiceSetting: { code: 'ETABLISSEMENT' | 'AMBULATOIRE'; display: string };
}

export interface Practitioner {
  key: string;
  /** 11-digit RPPS-like number; the IDNPS is 8 + RPPS. */
  rpps: string;
  prefix: 'M' | 'MME';
  given: string;
  family: string;
  /** TRE_G15 profession / TRE_R38 speciality, as CI-SIS author codes (1.2.250.1.213.1.1.4.5). */
  role: { code: string; display: string };
  organisation: Organisation;
}

const hospital: Organisation['facilityType'] = {
  code: 'SA01',
  display: 'Etablissement public de santé',
};
const lab: Organisation['facilityType'] = {
  code: 'SA25',
  display: 'Laboratoire de biologie médicale',
};
const healthCentre: Organisation['facilityType'] = { code: 'SA05', display: 'Centre de santé' };
const inHospital = { code: 'ETABLISSEMENT', display: 'Etablissement de santé' } as const;
const ambulatory = { code: 'AMBULATOIRE', display: 'Ambulatoire' } as const;

const ORGANISATIONS = {
  imagingRennes: {
    key: 'imagingRennes',
    idnst: '1359990011',
    name: "Centre d'imagerie fictif des Lices",
    city: 'RENNES',
    postalCode: '35000',
    facilityType: healthCentre,
    practiceSetting: ambulatory,
  },
  hospitalRennes: {
    key: 'hospitalRennes',
    idnst: '1359990029',
    name: 'Centre hospitalier fictif de la Vilaine',
    city: 'RENNES',
    postalCode: '35000',
    facilityType: hospital,
    practiceSetting: inHospital,
  },
  labRennes: {
    key: 'labRennes',
    idnst: '1359990037',
    name: 'Laboratoire fictif du Thabor',
    city: 'RENNES',
    postalCode: '35000',
    facilityType: lab,
    practiceSetting: ambulatory,
  },
  gpRennes: {
    key: 'gpRennes',
    idnst: '1359990045',
    name: 'Maison de santé fictive du Mail',
    city: 'RENNES',
    postalCode: '35000',
    facilityType: healthCentre,
    practiceSetting: ambulatory,
  },
  hospitalLille: {
    key: 'hospitalLille',
    idnst: '1599990015',
    name: 'Hôpital fictif des Weppes',
    city: 'LILLE',
    postalCode: '59000',
    facilityType: hospital,
    practiceSetting: inHospital,
  },
  hospitalBrest: {
    key: 'hospitalBrest',
    idnst: '1299990017',
    name: "Centre hospitalier fictif de l'Elorn",
    city: 'BREST',
    postalCode: '29200',
    facilityType: hospital,
    practiceSetting: inHospital,
  },
  labBrest: {
    key: 'labBrest',
    idnst: '1299990025',
    name: 'Laboratoire fictif de Recouvrance',
    city: 'BREST',
    postalCode: '29200',
    facilityType: lab,
    practiceSetting: ambulatory,
  },
} as const satisfies Record<string, Organisation>;

export const PRACTITIONERS = {
  radiologist: {
    key: 'radiologist',
    rpps: '10109990011',
    prefix: 'MME',
    given: 'Claire',
    family: 'FOURNEL',
    role: { code: 'G15_10/SM44', display: 'Médecin - Radio-diagnostic (SM)' },
    organisation: ORGANISATIONS.imagingRennes,
  },
  hospitalRadiologist: {
    key: 'hospitalRadiologist',
    rpps: '10109990029',
    prefix: 'M',
    given: 'Yann',
    family: 'LE GALL',
    role: { code: 'G15_10/SM44', display: 'Médecin - Radio-diagnostic (SM)' },
    organisation: ORGANISATIONS.hospitalBrest,
  },
  biologist: {
    key: 'biologist',
    rpps: '10109990037',
    prefix: 'M',
    given: 'Marc',
    family: 'LE BIHAN',
    role: { code: 'G15_10/SM03', display: 'Médecin - Biologie médicale (SM)' },
    organisation: ORGANISATIONS.labRennes,
  },
  biologistBrest: {
    key: 'biologistBrest',
    rpps: '10109990045',
    prefix: 'MME',
    given: 'Anne',
    family: 'CORRE',
    role: { code: 'G15_21/SP01', display: 'Pharmacien - Biologie médicale (SP)' },
    organisation: ORGANISATIONS.labBrest,
  },
  generalPractitioner: {
    key: 'generalPractitioner',
    rpps: '10109990052',
    prefix: 'MME',
    given: 'Sophie',
    family: 'AUBRY',
    role: { code: 'G15_10/SM26', display: 'Médecin - Qualifié en Médecine Générale (SM)' },
    organisation: ORGANISATIONS.gpRennes,
  },
  internist: {
    key: 'internist',
    rpps: '10109990060',
    prefix: 'M',
    given: 'Thomas',
    family: 'GARNIER',
    role: { code: 'G15_10/SM38', display: 'Médecin - Médecine interne (SM)' },
    organisation: ORGANISATIONS.hospitalRennes,
  },
  paediatrician: {
    key: 'paediatrician',
    rpps: '10109990078',
    prefix: 'MME',
    given: 'Nadia',
    family: 'BENSAID',
    role: { code: 'G15_10/SM40', display: 'Médecin - Pédiatrie (SM)' },
    organisation: ORGANISATIONS.hospitalLille,
  },
  nephrologist: {
    key: 'nephrologist',
    rpps: '10109990086',
    prefix: 'M',
    given: 'Paul-Henri',
    family: 'DESCHAMPS',
    role: { code: 'G15_10/SM33', display: 'Médecin - Néphrologie (SM)' },
    organisation: ORGANISATIONS.hospitalBrest,
  },
} as const satisfies Record<string, Practitioner>;

export type PractitionerKey = keyof typeof PRACTITIONERS;
