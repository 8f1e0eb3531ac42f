export {
  PATIENTS,
  INS_NIR_TEST_OID,
  INS_NIR_TEST_SYSTEM,
  dicomPatientName,
  identifyingStrings,
  patientByKey,
  type PatientKey,
  type SyntheticPatient,
} from './patients';
export {
  ensureSyntheticData,
  DEFAULT_CACHE_DIR,
  DEFAULT_DICOMWEB_BASE_URL,
  type SyntheticData,
  type SyntheticDataOptions,
} from './syntheticData';
export { loadIntoOrthanc, type BasicAuth, type OrthancLoadResult } from './loaders/loadIntoOrthanc';
export {
  loadIntoRecordServer,
  type RecordLoadOptions,
  type RecordLoadResult,
} from './loaders/loadIntoRecordServer';
export {
  CT_8BIT,
  CT_LANDMARKS,
  CT_MATERIALS_HU,
  CT_NOISE_HU,
  ct8BitFromHU,
  ctMaterialHU,
  CURRENT_CT,
  PRIOR_CT,
  phantomValue8Bit,
  phantomValueHU,
} from './pixels/ctPhantom';
export { STUDY_PLANS } from './dicom/studyPlan';
export {
  JPEG_BASELINE_QUALITY,
  JPEG_BASELINE_TOLERANCE,
  SYNTAX_MATRIX_SERIES,
  SYNTAX_MATRIX_SLICES,
  SYNTAX_MATRIX_STUDY_KEY,
  type SyntaxMatrixSeries,
} from './dicom/syntaxMatrix';
export { TransferSyntax, type TransferSyntaxUid } from './dicom/transferSyntaxes';
export { syntaxMatrixUids } from './dicom/uids';
export type { RecordData, RecordDocument, RecordSubmissionSet } from './documents/buildRecords';
export type { GeneratedSeries, GeneratedStudy, ImagingManifest } from './dicom/generateImaging';
export { GENERATOR_VERSION, ANCHOR_DATE } from './version';
