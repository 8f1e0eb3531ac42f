import { describe, expect, it } from 'vitest';
import {
  firstMultipartPart,
  MultipartError,
  transferSyntaxOfPart,
} from '../../../shared/dicom/multipart';

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

function concat(...chunks: (string | Uint8Array)[]): Uint8Array {
  const parts = chunks.map((chunk) => (typeof chunk === 'string' ? ascii(chunk) : chunk));
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A WADO-RS frame answer: one part with its headers, closed by the final delimiter. */
function multipart(boundary: string, payload: Uint8Array, partHeaders: string[]): Uint8Array {
  return concat(
    `--${boundary}\r\n`,
    partHeaders.map((header) => `${header}\r\n`).join(''),
    '\r\n',
    payload,
    `\r\n--${boundary}--\r\n`,
  );
}

const PAYLOAD = Uint8Array.from({ length: 512 }, (_, i) => (i * 7 + 3) & 0xff);
const OCTETS = 'application/octet-stream';

describe('firstMultipartPart', () => {
  it('extracts the part of an answer with a quoted boundary, with its content type', () => {
    const contentType = `multipart/related; type="${OCTETS}"; boundary="d1c0m-b0und4ry"`;
    const body = multipart('d1c0m-b0und4ry', PAYLOAD, [
      `Content-Type: ${OCTETS}; transfer-syntax=1.2.840.10008.1.2.1`,
      'Content-Length: 512',
    ]);
    const part = firstMultipartPart(contentType, body);
    expect(part.contentType).toBe(`${OCTETS}; transfer-syntax=1.2.840.10008.1.2.1`);
    expect([...part.bytes]).toEqual([...PAYLOAD]);
  });

  it('reads an unquoted boundary, followed by other parameters or not', () => {
    const body = multipart('abc123', PAYLOAD, [`Content-Type: ${OCTETS}`]);
    for (const contentType of [
      'multipart/related; boundary=abc123',
      `multipart/related; boundary=abc123; type="${OCTETS}"`,
      `Multipart/Related; type=${OCTETS}; BOUNDARY=abc123`,
    ]) {
      const part = firstMultipartPart(contentType, body);
      expect(part.contentType, contentType).toBe(OCTETS);
      expect([...part.bytes], contentType).toEqual([...PAYLOAD]);
    }
  });

  it('skips a preamble and reads header names case-insensitively', () => {
    const body = concat(
      'preamble to be ignored\r\n',
      multipart('xyz', PAYLOAD, ['content-type:   image/jphc  ', 'X-Other: 1']),
    );
    const part = firstMultipartPart('multipart/related; boundary=xyz', body);
    expect(part.contentType).toBe('image/jphc');
    expect(part.bytes.length).toBe(PAYLOAD.length);
  });

  it('leaves the content type undefined for a part without headers', () => {
    const body = multipart('xyz', PAYLOAD, []);
    const part = firstMultipartPart('multipart/related; boundary=xyz', body);
    expect(part.contentType).toBeUndefined();
    expect([...part.bytes]).toEqual([...PAYLOAD]);
  });

  it('keeps only the first part of an answer with several', () => {
    const second = new Uint8Array([9, 9, 9, 9]);
    const body = concat(
      `--b\r\nContent-Type: ${OCTETS}\r\n\r\n`,
      PAYLOAD,
      `\r\n--b\r\nContent-Type: image/jpeg\r\n\r\n`,
      second,
      '\r\n--b--\r\n',
    );
    const part = firstMultipartPart('multipart/related; boundary=b', body);
    expect(part.contentType).toBe(OCTETS);
    expect([...part.bytes]).toEqual([...PAYLOAD]);
  });

  it('keeps binary bytes exactly, CR/LF and dash sequences included', () => {
    const boundary = 'frame-boundary';
    // Everything that looks like a delimiter without being one: CRLF, blank lines, "--",
    // "\r\n--" followed by another word, the boundary without its leading CRLF, a prefix of it.
    const payload = concat(
      new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]),
      '\r\n--not-the-boundary\r\n.',
      `--${boundary}`,
      '\r\n--frame-bound',
      new Uint8Array([0x0d, 0x0d, 0x0a, 0x0a, 0x2d, 0x0d, 0x0a, 0x2d, 0x2d]),
      PAYLOAD,
      '\r\n',
    );
    const body = multipart(boundary, payload, [`Content-Type: ${OCTETS}`]);
    const part = firstMultipartPart(`multipart/related; boundary="${boundary}"`, body);
    expect(part.bytes.length).toBe(payload.length);
    expect(Buffer.from(part.bytes).equals(Buffer.from(payload))).toBe(true);
  });

  it('keeps every byte value, including high ones, in an all-values payload', () => {
    const payload = Uint8Array.from({ length: 256 * 4 }, (_, i) => i & 0xff);
    const body = multipart('z', payload, [`Content-Type: ${OCTETS}`]);
    expect([...firstMultipartPart('multipart/related; boundary=z', body).bytes]).toEqual([
      ...payload,
    ]);
  });

  it('passes a body without the multipart wrapper through unchanged', () => {
    const single = firstMultipartPart(`${OCTETS}; transfer-syntax=1.2.840.10008.1.2.1`, PAYLOAD);
    expect(single.bytes).toBe(PAYLOAD);
    expect(single.contentType).toBe(`${OCTETS}; transfer-syntax=1.2.840.10008.1.2.1`);
    const jpeg = firstMultipartPart('image/jpeg', PAYLOAD);
    expect(jpeg).toEqual({ contentType: 'image/jpeg', bytes: PAYLOAD });
  });

  it('passes a body through when the answer has no content type', () => {
    const part = firstMultipartPart(null, PAYLOAD);
    expect(part.contentType).toBeUndefined();
    expect(part.bytes).toBe(PAYLOAD);
  });

  it('treats multipart types other than related as a plain body', () => {
    const body = multipart('m', PAYLOAD, []);
    expect(firstMultipartPart('multipart/mixed; boundary=m', body).bytes).toBe(body);
  });

  it('refuses a multipart answer without a boundary', () => {
    const body = multipart('m', PAYLOAD, []);
    expect(() => firstMultipartPart('multipart/related', body)).toThrow(MultipartError);
    expect(() => firstMultipartPart(`multipart/related; type="${OCTETS}"`, body)).toThrow(
      /without a boundary/,
    );
    expect(() => firstMultipartPart('multipart/related; boundary=""', body)).toThrow(
      MultipartError,
    );
  });

  it('refuses an answer whose boundary never occurs', () => {
    const body = multipart('other', PAYLOAD, []);
    expect(() => firstMultipartPart('multipart/related; boundary=expected', body)).toThrow(
      /boundary not found/,
    );
    expect(() => firstMultipartPart('multipart/related; boundary=x', new Uint8Array())).toThrow(
      MultipartError,
    );
  });

  it('refuses a part whose headers never end', () => {
    const body = ascii(`--b\r\nContent-Type: ${OCTETS}\r\n`);
    expect(() => firstMultipartPart('multipart/related; boundary=b', body)).toThrow(/headers end/);
  });

  it('refuses an answer cut short before the closing delimiter', () => {
    const complete = multipart('cut', PAYLOAD, [`Content-Type: ${OCTETS}`]);
    const closing = `\r\n--cut--\r\n`.length;
    // Cut inside the payload, and inside the closing delimiter itself.
    for (const length of [complete.length - closing - 100, complete.length - closing + 3]) {
      const body = complete.subarray(0, length);
      expect(
        () => firstMultipartPart('multipart/related; boundary=cut', body),
        `${length}`,
      ).toThrow(MultipartError);
      expect(() => firstMultipartPart('multipart/related; boundary=cut', body)).toThrow(
        /cut short/,
      );
    }
  });

  it('accepts a part followed by the next delimiter without the final "--"', () => {
    const body = concat(`--b\r\n\r\n`, PAYLOAD, '\r\n--b');
    expect(firstMultipartPart('multipart/related; boundary=b', body).bytes.length).toBe(
      PAYLOAD.length,
    );
  });

  it('returns a view on the answer, not a copy', () => {
    const body = multipart('v', PAYLOAD, []);
    const part = firstMultipartPart('multipart/related; boundary=v', body);
    expect(part.bytes.buffer).toBe(body.buffer);
    expect(part.bytes.byteOffset).toBe(`--v\r\n\r\n`.length);
  });
});

describe('transferSyntaxOfPart', () => {
  it('reads an explicit transfer-syntax parameter, quoted or not', () => {
    expect(transferSyntaxOfPart(`${OCTETS}; transfer-syntax=1.2.840.10008.1.2.4.201`)).toBe(
      '1.2.840.10008.1.2.4.201',
    );
    expect(transferSyntaxOfPart(`${OCTETS}; transfer-syntax="1.2.840.10008.1.2.5"`)).toBe(
      '1.2.840.10008.1.2.5',
    );
    expect(transferSyntaxOfPart('image/jpeg; Transfer-Syntax=1.2.840.10008.1.2.4.51')).toBe(
      '1.2.840.10008.1.2.4.51',
    );
  });

  it('prefers the declared syntax over the one implied by the media type', () => {
    expect(transferSyntaxOfPart('image/jp2; transfer-syntax=1.2.840.10008.1.2.4.91')).toBe(
      '1.2.840.10008.1.2.4.91',
    );
  });

  it.each([
    ['image/jpeg', '1.2.840.10008.1.2.4.50'],
    ['image/jll', '1.2.840.10008.1.2.4.70'],
    ['image/jls', '1.2.840.10008.1.2.4.80'],
    ['image/x-jls', '1.2.840.10008.1.2.4.80'],
    ['image/jp2', '1.2.840.10008.1.2.4.90'],
    ['image/jphc', '1.2.840.10008.1.2.4.201'],
    ['image/x-dicom-rle', '1.2.840.10008.1.2.5'],
    ['IMAGE/JPEG; charset=binary', '1.2.840.10008.1.2.4.50'],
    [' image/jp2 ', '1.2.840.10008.1.2.4.90'],
  ])('defaults %s to its media type syntax', (contentType, syntax) => {
    expect(transferSyntaxOfPart(contentType)).toBe(syntax);
  });

  it.each([[undefined], [OCTETS], ['application/dicom'], ['image/png']])(
    'defaults %s to explicit little endian',
    (contentType) => {
      expect(transferSyntaxOfPart(contentType)).toBe('1.2.840.10008.1.2.1');
    },
  );

  it('reads an answer with an empty Content-Type header as explicit little endian', () => {
    // An empty header passes through firstMultipartPart as '' and must not become syntax ''.
    const part = firstMultipartPart('', PAYLOAD);
    expect(transferSyntaxOfPart(part.contentType)).toBe('1.2.840.10008.1.2.1');
    expect(transferSyntaxOfPart('')).toBe('1.2.840.10008.1.2.1');
    expect(transferSyntaxOfPart('; transfer-syntax=')).toBe('1.2.840.10008.1.2.1');
  });

  it('ignores a transfer-syntax parameter that is not a UID', () => {
    expect(transferSyntaxOfPart(`${OCTETS}; transfer-syntax=*`)).toBe('1.2.840.10008.1.2.1');
    expect(transferSyntaxOfPart('image/jpeg; transfer-syntax=""')).toBe('1.2.840.10008.1.2.4.50');
  });
});
