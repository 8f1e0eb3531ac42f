import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../shared/documents/sniff';

const CDA_DIR = resolve(import.meta.dirname, '../../../../shared/testdata/cda');
const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

function dicom(): Uint8Array {
  const file = new Uint8Array(256);
  file.set(utf8('DICM'), 128);
  return file;
}

describe('sniff', () => {
  it.each([
    ['pdf', utf8('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf', 'pdf'],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), 'image/png', 'png'],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg', 'jpg'],
    ['gif', utf8('GIF89a\x01\x00'), 'image/gif', 'gif'],
    ['dicom', dicom(), 'application/dicom', 'dcm'],
    ['xml', utf8('<?xml version="1.0"?><ClinicalDocument/>'), 'text/xml', 'xml'],
    ['text', utf8('Compte rendu : évolution favorable.\n'), 'text/plain', 'txt'],
  ] as const)('recognises %s from its bytes', (type, content, declared, extension) => {
    expect(sniff(content, declared)).toEqual({
      type,
      mediaType: declared,
      extension,
      declaredType: declared,
      mismatch: false,
    });
  });

  it('reads XML after a byte order mark and white space, and a bare CDA root', () => {
    expect(sniff(utf8('\uFEFF \r\n\t<?xml version="1.0"?>'), 'text/xml').type).toBe('xml');
    expect(sniff(utf8('\n<ClinicalDocument xmlns="urn:hl7-org:v3"/>'), 'text/xml').type).toBe(
      'xml',
    );
    expect(sniff(utf8('<html><script>alert(1)</script></html>'), 'text/xml').type).toBe('text');
  });

  it('recognises every public CDA example as XML', () => {
    for (const name of ['ans-IMG_CR_IMG_2024.01.xml', 'hl7-cda-r2-consultation-note.xml']) {
      const result = sniff(readFileSync(resolve(CDA_DIR, name)), 'text/xml');
      expect(result).toMatchObject({ type: 'xml', mismatch: false });
    }
  });

  it('does not show as PDF a file that only claims to be one', () => {
    const result = sniff(utf8('<html><body>not a pdf</body></html>'), 'application/pdf');
    expect(result).toMatchObject({ type: 'text', mediaType: 'text/plain', mismatch: true });
    expect(sniff(bytes(0, 1, 2, 3), 'application/pdf')).toMatchObject({
      type: 'unknown',
      mismatch: true,
    });
  });

  it('flags a PDF declared as an image, and XML declared as PDF', () => {
    expect(sniff(utf8('%PDF-1.4'), 'image/png')).toMatchObject({ type: 'pdf', mismatch: true });
    expect(sniff(utf8('<?xml version="1.0"?>'), 'application/pdf')).toMatchObject({
      type: 'xml',
      mismatch: true,
    });
  });

  it('reads the declared type without parameters or case', () => {
    expect(sniff(utf8('<?xml version="1.0"?>'), 'Text/XML; charset=UTF-8')).toMatchObject({
      declaredType: 'text/xml',
      mismatch: false,
    });
    expect(sniff(utf8('<?xml version="1.0"?>'), 'application/hl7-v3+xml').mismatch).toBe(false);
    expect(sniff(utf8('<?xml version="1.0"?>'), 'text/plain').mismatch).toBe(false);
  });

  it('lets a type that makes no claim pass, and a type it does not know pass unless a signature contradicts it', () => {
    expect(sniff(utf8('%PDF-1.4'), 'application/octet-stream').mismatch).toBe(false);
    expect(sniff(utf8('%PDF-1.4'), '').mismatch).toBe(false);
    expect(sniff(bytes(0x50, 0x4b, 3, 4), 'application/zip').mismatch).toBe(false);
    expect(sniff(utf8('{\\rtf1 text}'), 'application/rtf').mismatch).toBe(false);
    expect(sniff(utf8('%PDF-1.4'), 'application/msword').mismatch).toBe(true);
  });

  it('does not take binary for text', () => {
    expect(sniff(utf8('text\0with a NUL'), 'text/plain')).toMatchObject({
      type: 'unknown',
      mismatch: true,
    });
    expect(sniff(bytes(0x63, 0xc3, 0x28), 'text/plain').type).toBe('unknown');
    expect(sniff(bytes(0xed, 0xa0, 0x80), 'text/plain').type).toBe('unknown');
    expect(sniff(bytes(0xc0, 0xaf), 'text/plain').type).toBe('unknown');
    expect(sniff(new Uint8Array(0), 'text/plain').type).toBe('unknown');
  });

  it('judges a large file by its beginning, even when the window cuts a character', () => {
    const head = utf8('é'.repeat(40_000));
    const file = new Uint8Array(200_000).fill(0x61);
    // Shifted by one byte, so that the 64 KiB window ends inside a two-byte character.
    file.set(head.subarray(0, 64 * 1024), 1);
    expect(sniff(file, 'text/plain').type).toBe('text');
  });

  it('does not take a PDF signature that is not at the start', () => {
    expect(sniff(utf8(' %PDF-1.4'), 'application/pdf')).toMatchObject({
      type: 'text',
      mismatch: true,
    });
  });
});
