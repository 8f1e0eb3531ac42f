import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCda } from '../../../shared/cda/parse';
import type { CdaDocument, CdaResult, CdaSection, NarrativeNode } from '../../../shared/cda/types';
import type { RecordDocument } from '../../testbed/synthetic';
import { ensureSyntheticData } from '../../testbed/synthetic';

const CDA_DIR = resolve(import.meta.dirname, '../../../../shared/testdata/cda');
const EXAMPLES = [
  'ans-BIO-CR-BIO_2024.01_TSH_1.xml',
  'ans-DOC_NON_STRUCTURE_CDA-R2-N1.xml',
  'ans-IMG_CR_IMG_2024.01.xml',
  'ans-LDL-SES_2022.01.xml',
  'ans-VSM_1.4_2022.01.xml',
  'hl7-cda-r2-consultation-note.xml',
] as const;

const read = (name: string) => readFileSync(resolve(CDA_DIR, name), 'utf8');
const ascii = (bytes: Uint8Array, length: number) =>
  String.fromCharCode(...bytes.subarray(0, length));

function parsed(result: CdaResult): CdaDocument {
  if (result.kind !== 'cda') throw new Error(`refused: ${result.reason}`);
  return result;
}

function allSections(sections: CdaSection[]): CdaSection[] {
  return sections.flatMap((section) => [section, ...allSections(section.sections)]);
}

function nodes(tree: NarrativeNode[]): NarrativeNode[] {
  return tree.flatMap((node) => [node, ...(node.kind === 'element' ? nodes(node.children) : [])]);
}

function sectionsOf(document: CdaDocument): CdaSection[] {
  return document.body.kind === 'structured' ? allSections(document.body.sections) : [];
}

describe('parseCda on the public examples', () => {
  it.each(EXAMPLES)('reads %s', (name) => {
    const document = parsed(parseCda(read(name)));
    expect(document.header.title).toBeTruthy();
    expect(document.header.authors.length).toBeGreaterThan(0);
    // Structured-clone safe: what the worker posts back arrives whole.
    expect(structuredClone(document)).toEqual(document);
  });

  it('reads the CR-IMG header: INS, study, accession, replaced version', () => {
    const document = parsed(parseCda(read('ans-IMG_CR_IMG_2024.01.xml')));
    expect(document.header).toMatchObject({
      documentType: { code: '18748-4' },
      effectiveTime: '20210108111700+0100',
      confidentiality: { code: 'N' },
      setId: { root: '1.2.250.1.213.1.1.1.45.2024.1' },
      version: 2,
      patient: {
        birthFamilyName: 'PAT-TROIS',
        firstNames: 'DOMINIQUE MARIE-LOUISE',
        ins: { value: '279035121518989', kind: 'NIR-test' },
      },
      authors: [{ name: 'Jacques BIDEAULT', organisation: 'Centre de radiologie Ambroise' }],
      custodian: 'Centre de radiologie Ambroise',
      studyInstanceUids: [
        '1.2.250.1.925.994044.27.123.1876360',
        '1.2.250.1.925.994044.27.123.1876361',
        '1.2.250.1.925.994044.27.123.1876362',
      ],
      accessionNumbers: ['984375862', '984375863'],
      replaces: [{ id: { root: '90E1C8EC-F951-4B26-A305-A34848818DD6' } }],
    });
    expect(document.header.legalAuthenticator?.name).toBe('Jacques BIDEAULT');
  });

  it.each(['ans-LDL-SES_2022.01.xml', 'ans-VSM_1.4_2022.01.xml', 'ans-IMG_CR_IMG_2024.01.xml'])(
    'gives %s titled sections with narrative',
    (name) => {
      const sections = sectionsOf(parsed(parseCda(read(name))));
      expect(sections.length).toBeGreaterThan(5);
      expect(sections.every((section) => section.title)).toBe(true);
      expect(sections.some((section) => section.narrative.length > 0)).toBe(true);
    },
  );

  it('keeps a CR-IMG image link as text with its http address, never as a followable link', () => {
    const links = sectionsOf(parsed(parseCda(read('ans-IMG_CR_IMG_2024.01.xml'))))
      .flatMap((section) => nodes(section.narrative))
      .filter((node) => node.kind === 'link');
    expect(links[0]).toMatchObject({ text: 'images examen 1' });
    expect(links[0]?.kind === 'link' && links[0].url).toMatch(/^http:\/\/www\.example\.org\/wado/);
  });

  it('turns the attached PDF of the CR-IMG into an attachment', () => {
    const document = parsed(parseCda(read('ans-IMG_CR_IMG_2024.01.xml')));
    expect(document.attachments).toHaveLength(1);
    expect(ascii(document.attachments[0]?.bytes ?? new Uint8Array(), 5)).toBe('%PDF-');
    expect(document.pdfCopy).toBeUndefined();
  });

  it('yields the PDF of a level-1 document', () => {
    const document = parsed(parseCda(read('ans-DOC_NON_STRUCTURE_CDA-R2-N1.xml')));
    expect(document.body.kind).toBe('pdf');
    if (document.body.kind === 'pdf') expect(ascii(document.body.bytes, 5)).toBe('%PDF-');
  });

  it('yields the PDF copy of the CR-BIO', () => {
    const document = parsed(parseCda(read('ans-BIO-CR-BIO_2024.01_TSH_1.xml')));
    expect(ascii(document.pdfCopy ?? new Uint8Array(), 5)).toBe('%PDF-');
  });

  it('does not fetch the remote image of the HL7 sample', () => {
    const media = sectionsOf(parsed(parseCda(read('hl7-cda-r2-consultation-note.xml'))))
      .flatMap((section) => nodes(section.narrative))
      .filter((node) => node.kind === 'unavailable-media' || node.kind === 'image');
    expect(media).toEqual([{ kind: 'unavailable-media' }]);
  });

  it('reads the 352 KB CR-IMG quickly', () => {
    const text = read('ans-IMG_CR_IMG_2024.01.xml');
    parseCda(text);
    const start = performance.now();
    for (let run = 0; run < 5; run += 1) parseCda(text);
    const perParse = (performance.now() - start) / 5;
    console.log(`CR-IMG (${text.length} chars): ${perParse.toFixed(1)} ms per parse`);
    expect(perParse).toBeLessThan(500);
  });
});

describe('parseCda on the synthetic documents', () => {
  let parsedDocuments: { record: RecordDocument; document: CdaDocument }[];
  beforeAll(async () => {
    const decoder = new TextDecoder();
    parsedDocuments = (await ensureSyntheticData()).records.documents
      .filter((record) => record.contentType === 'text/xml')
      .map((record) => ({ record, document: parsed(parseCda(decoder.decode(record.content))) }));
  });

  it('reads every synthetic CDA document', () => {
    for (const { record, document } of parsedDocuments) {
      expect(document.header.patient.ins?.kind).toBe('NIR-test');
      if (record.kind === 'consultationPdfCda') {
        expect(document.body.kind).toBe('pdf');
      } else {
        expect(sectionsOf(document).length).toBeGreaterThan(0);
      }
      if (record.kind === 'crImg') {
        expect(document.header.studyInstanceUids).toEqual([record.studyInstanceUid]);
        expect(document.header.accessionNumbers).toHaveLength(1);
      }
    }
    expect(new Set(parsedDocuments.map(({ record }) => record.kind))).toEqual(
      new Set(['crBio', 'crImg', 'ldlSes', 'prescription', 'consultationPdfCda']),
    );
  });

  it('finds the PDF copy the generator puts in the latest lab reports', () => {
    const copies = parsedDocuments
      .filter(({ record }) => record.kind === 'crBio')
      .flatMap(({ document }) => document.pdfCopy ?? []);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(ascii(copy, 5)).toBe('%PDF-');
  });
});
