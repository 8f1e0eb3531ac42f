/**
 * What the CDA reader hands to the UI: plain, structured-cloneable data, with the narrative as a
 * tree of allowlisted nodes. Nothing here is markup to inject; every string is text.
 */

export type CdaRefusalReason = 'too-large' | 'doctype' | 'too-deep' | 'malformed' | 'not-cda';

export interface CdaRefusal {
  kind: 'refusal';
  reason: CdaRefusalReason;
}

export interface CdaIdentifier {
  root: string;
  extension?: string;
}

export interface CdaCode {
  code?: string;
  codeSystem?: string;
  displayName?: string;
}

export type InsKind = 'NIR' | 'NIA' | 'NIR-test';

export interface CdaPatient {
  birthFamilyName?: string;
  usedFamilyName?: string;
  /** All first names of the birth certificate. */
  firstNames?: string;
  usedFirstName?: string;
  /** HL7 administrative gender code (F, M, UN). */
  gender?: string;
  /** HL7 TS. */
  birthTime?: string;
  ins?: { value: string; kind: InsKind };
}

export interface CdaParticipant {
  name?: string;
  profession?: string;
  organisation?: string;
  /** HL7 TS. */
  time?: string;
}

export interface CdaServiceEvent {
  ids: CdaIdentifier[];
  code?: CdaCode;
  low?: string;
  high?: string;
}

export interface CdaHeader {
  id?: CdaIdentifier;
  title?: string;
  documentType?: CdaCode;
  /** HL7 TS. */
  effectiveTime?: string;
  confidentiality?: CdaCode;
  setId?: CdaIdentifier;
  version?: number;
  patient: CdaPatient;
  authors: CdaParticipant[];
  custodian?: string;
  legalAuthenticator?: CdaParticipant;
  serviceEvents: CdaServiceEvent[];
  /** DICOM Study Instance UIDs of an imaging report (documentationOf/serviceEvent/id). */
  studyInstanceUids: string[];
  /** Accession numbers (inFulfillmentOf/order/id extension). */
  accessionNumbers: string[];
  /** Documents this one replaces (relatedDocument typeCode RPLC). */
  replaces: { id: CdaIdentifier; setId?: CdaIdentifier }[];
}

export type StyleClass = 'bold' | 'italics' | 'underline';

export type NarrativeTag =
  | 'paragraph'
  | 'content'
  | 'caption'
  | 'list'
  | 'item'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tfoot'
  | 'tr'
  | 'th'
  | 'td'
  | 'sub'
  | 'sup'
  | 'footnote';

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif';

export type NarrativeNode =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | {
      kind: 'element';
      tag: NarrativeTag;
      styles: StyleClass[];
      ordered?: boolean;
      colSpan?: number;
      rowSpan?: number;
      children: NarrativeNode[];
    }
  /** A link is shown as its text and, when http(s), its address as text: never followed. */
  | { kind: 'link'; text: string; url?: string }
  /** An image carried in the document itself; `base64` is checked to decode to that format. */
  | { kind: 'image'; mediaType: ImageMediaType; base64: string; caption?: string }
  /** A PDF carried in the document itself, by index in `CdaDocument.attachments`. */
  | { kind: 'attachment'; index: number }
  /** Multimedia that cannot be shown (remote, unknown format, missing). */
  | { kind: 'unavailable-media' };

export interface CdaSection {
  title?: string;
  code?: CdaCode;
  templateIds: string[];
  narrative: NarrativeNode[];
  sections: CdaSection[];
}

export type CdaBody =
  | { kind: 'structured'; sections: CdaSection[] }
  | { kind: 'pdf'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  /** nonXMLBody pointing outside the document: the reference is never followed. */
  | { kind: 'reference' }
  | { kind: 'unsupported'; mediaType: string }
  | { kind: 'none' };

export interface CdaAttachment {
  mediaType: 'application/pdf';
  bytes: Uint8Array;
}

export interface CdaDocument {
  kind: 'cda';
  header: CdaHeader;
  body: CdaBody;
  /** The ANS "PDF copy" of a structured document: shown and printed first. */
  pdfCopy?: Uint8Array;
  attachments: CdaAttachment[];
}

export type CdaResult = CdaDocument | CdaRefusal;
