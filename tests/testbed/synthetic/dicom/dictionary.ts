/** The tags this generator writes, with their VR. A small table beats a full dictionary: every entry is one we use. */

export type Vr =
  | 'AE'
  | 'AS'
  | 'AT'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'FD'
  | 'FL'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'OB'
  | 'OW'
  | 'PN'
  | 'SH'
  | 'SL'
  | 'SQ'
  | 'SS'
  | 'ST'
  | 'TM'
  | 'UI'
  | 'UL'
  | 'UR'
  | 'US'
  | 'UT';

const entries = {
  FileMetaInformationGroupLength: [0x00020000, 'UL'],
  FileMetaInformationVersion: [0x00020001, 'OB'],
  MediaStorageSOPClassUID: [0x00020002, 'UI'],
  MediaStorageSOPInstanceUID: [0x00020003, 'UI'],
  TransferSyntaxUID: [0x00020010, 'UI'],
  ImplementationClassUID: [0x00020012, 'UI'],
  ImplementationVersionName: [0x00020013, 'SH'],
  SpecificCharacterSet: [0x00080005, 'CS'],
  ImageType: [0x00080008, 'CS'],
  InstanceCreationDate: [0x00080012, 'DA'],
  InstanceCreationTime: [0x00080013, 'TM'],
  SOPClassUID: [0x00080016, 'UI'],
  SOPInstanceUID: [0x00080018, 'UI'],
  StudyDate: [0x00080020, 'DA'],
  SeriesDate: [0x00080021, 'DA'],
  AcquisitionDate: [0x00080022, 'DA'],
  ContentDate: [0x00080023, 'DA'],
  StudyTime: [0x00080030, 'TM'],
  SeriesTime: [0x00080031, 'TM'],
  AcquisitionTime: [0x00080032, 'TM'],
  ContentTime: [0x00080033, 'TM'],
  AccessionNumber: [0x00080050, 'SH'],
  Modality: [0x00080060, 'CS'],
  PresentationIntentType: [0x00080068, 'CS'],
  Manufacturer: [0x00080070, 'LO'],
  InstitutionName: [0x00080080, 'LO'],
  ReferringPhysicianName: [0x00080090, 'PN'],
  CodeValue: [0x00080100, 'SH'],
  CodingSchemeDesignator: [0x00080102, 'SH'],
  CodeMeaning: [0x00080104, 'LO'],
  MappingResource: [0x00080105, 'CS'],
  RecommendedDisplayFrameRate: [0x00082144, 'IS'],
  StationName: [0x00081010, 'SH'],
  StudyDescription: [0x00081030, 'LO'],
  SeriesDescription: [0x0008103e, 'LO'],
  ManufacturerModelName: [0x00081090, 'LO'],
  ReferencedPerformedProcedureStepSequence: [0x00081111, 'SQ'],
  ReferencedSeriesSequence: [0x00081115, 'SQ'],
  ReferencedSOPClassUID: [0x00081150, 'UI'],
  ReferencedSOPInstanceUID: [0x00081155, 'UI'],
  RetrieveURL: [0x00081190, 'UR'],
  ReferencedSOPSequence: [0x00081199, 'SQ'],
  DerivationDescription: [0x00082111, 'ST'],
  PatientName: [0x00100010, 'PN'],
  PatientID: [0x00100020, 'LO'],
  IssuerOfPatientID: [0x00100021, 'LO'],
  IssuerOfPatientIDQualifiersSequence: [0x00100024, 'SQ'],
  PatientBirthDate: [0x00100030, 'DA'],
  PatientSex: [0x00100040, 'CS'],
  PatientAge: [0x00101010, 'AS'],
  BodyPartExamined: [0x00180015, 'CS'],
  ScanningSequence: [0x00180020, 'CS'],
  SequenceVariant: [0x00180021, 'CS'],
  MRAcquisitionType: [0x00180023, 'CS'],
  SliceThickness: [0x00180050, 'DS'],
  KVP: [0x00180060, 'DS'],
  RepetitionTime: [0x00180080, 'DS'],
  EchoTime: [0x00180081, 'DS'],
  InversionTime: [0x00180082, 'DS'],
  MagneticFieldStrength: [0x00180087, 'DS'],
  SpacingBetweenSlices: [0x00180088, 'DS'],
  SoftwareVersions: [0x00181020, 'LO'],
  ProtocolName: [0x00181030, 'LO'],
  FrameTime: [0x00181063, 'DS'],
  CineRate: [0x00180040, 'IS'],
  ImagerPixelSpacing: [0x00181164, 'DS'],
  ConvolutionKernel: [0x00181210, 'SH'],
  PatientPosition: [0x00185100, 'CS'],
  ViewPosition: [0x00185101, 'CS'],
  StudyInstanceUID: [0x0020000d, 'UI'],
  SeriesInstanceUID: [0x0020000e, 'UI'],
  StudyID: [0x00200010, 'SH'],
  SeriesNumber: [0x00200011, 'IS'],
  AcquisitionNumber: [0x00200012, 'IS'],
  InstanceNumber: [0x00200013, 'IS'],
  PatientOrientation: [0x00200020, 'CS'],
  ImagePositionPatient: [0x00200032, 'DS'],
  ImageOrientationPatient: [0x00200037, 'DS'],
  FrameOfReferenceUID: [0x00200052, 'UI'],
  Laterality: [0x00200060, 'CS'],
  ImageLaterality: [0x00200062, 'CS'],
  PositionReferenceIndicator: [0x00201040, 'LO'],
  SliceLocation: [0x00201041, 'DS'],
  ImageComments: [0x00204000, 'LT'],
  SamplesPerPixel: [0x00280002, 'US'],
  PhotometricInterpretation: [0x00280004, 'CS'],
  PlanarConfiguration: [0x00280006, 'US'],
  NumberOfFrames: [0x00280008, 'IS'],
  FrameIncrementPointer: [0x00280009, 'AT'],
  Rows: [0x00280010, 'US'],
  Columns: [0x00280011, 'US'],
  PixelSpacing: [0x00280030, 'DS'],
  BitsAllocated: [0x00280100, 'US'],
  BitsStored: [0x00280101, 'US'],
  HighBit: [0x00280102, 'US'],
  PixelRepresentation: [0x00280103, 'US'],
  PixelPaddingValue: [0x00280120, 'SS'],
  PixelIntensityRelationship: [0x00281040, 'CS'],
  PixelIntensityRelationshipSign: [0x00281041, 'SS'],
  WindowCenter: [0x00281050, 'DS'],
  WindowWidth: [0x00281051, 'DS'],
  RescaleIntercept: [0x00281052, 'DS'],
  RescaleSlope: [0x00281053, 'DS'],
  RescaleType: [0x00281054, 'LO'],
  WindowCenterWidthExplanation: [0x00281055, 'LO'],
  LossyImageCompression: [0x00282110, 'CS'],
  LossyImageCompressionRatio: [0x00282112, 'DS'],
  LossyImageCompressionMethod: [0x00282114, 'CS'],
  RequestedProcedureDescription: [0x00321060, 'LO'],
  UniversalEntityID: [0x00400032, 'UT'],
  UniversalEntityIDType: [0x00400033, 'CS'],
  RequestedProcedureID: [0x00401001, 'SH'],
  PlacerOrderNumberImagingServiceRequest: [0x00402016, 'LO'],
  FillerOrderNumberImagingServiceRequest: [0x00402017, 'LO'],
  RelationshipType: [0x0040a010, 'CS'],
  ValueType: [0x0040a040, 'CS'],
  ConceptNameCodeSequence: [0x0040a043, 'SQ'],
  ContinuityOfContent: [0x0040a050, 'CS'],
  TextValue: [0x0040a160, 'UT'],
  ReferencedRequestSequence: [0x0040a370, 'SQ'],
  CurrentRequestedProcedureEvidenceSequence: [0x0040a375, 'SQ'],
  ContentTemplateSequence: [0x0040a504, 'SQ'],
  ContentSequence: [0x0040a730, 'SQ'],
  TemplateIdentifier: [0x0040db00, 'CS'],
  PresentationLUTShape: [0x20500020, 'CS'],
  PixelData: [0x7fe00010, 'OW'],
} as const satisfies Record<string, readonly [number, Vr]>;

export type Keyword = keyof typeof entries;

export function tagOf(keyword: Keyword): { tag: number; vr: Vr } {
  const [tag, vr] = entries[keyword];
  return { tag, vr };
}

export function isKeyword(name: string): name is Keyword {
  return Object.hasOwn(entries, name);
}
