import { beforeAll, describe, expect, it } from 'vitest';
import { pickViewer } from '../../../renderer/src/documents/viewers/viewerRegistry';
import { sniff } from '../../../shared/documents/sniff';
import { ensureSyntheticData, type RecordDocument } from '../../testbed/synthetic';
import { PNG_1X1_BASE64 } from '../../support/hostile-cda';

const pick = (bytes: Uint8Array, declaredType: string) =>
  pickViewer({ sniffed: sniff(bytes, declaredType), declaredType }).id;

describe('viewerRegistry', () => {
  let documents: RecordDocument[];
  beforeAll(async () => {
    documents = (await ensureSyntheticData()).records.documents;
  });

  it('picks the expected viewer for each synthetic document kind', () => {
    const expected: Record<RecordDocument['kind'], string> = {
      crBio: 'cda',
      crImg: 'cda',
      ldlSes: 'cda',
      prescription: 'cda',
      consultationPdfCda: 'cda',
      hospitalReportPdf: 'pdf',
      kos: 'unsupported',
    };
    const picked = new Map<string, Set<string>>();
    for (const document of documents) {
      const ids = picked.get(document.kind) ?? new Set();
      ids.add(pick(document.content, document.contentType));
      picked.set(document.kind, ids);
      expect(sniff(document.content, document.contentType).mismatch).toBe(false);
    }
    expect(Object.fromEntries([...picked].map(([kind, ids]) => [kind, [...ids]]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([kind, id]) => [kind, [id]])),
    );
  });

  it('picks from the bytes, whatever the declared type says', () => {
    const encoder = new TextEncoder();
    expect(pick(encoder.encode('%PDF-1.7'), 'text/xml')).toBe('pdf');
    expect(pick(new Uint8Array(Buffer.from(PNG_1X1_BASE64, 'base64')), 'application/pdf')).toBe(
      'image',
    );
    expect(pick(encoder.encode('<html><script>x</script></html>'), 'application/pdf')).toBe('text');
    expect(pick(new Uint8Array([0, 1, 2, 255]), 'application/pdf')).toBe('unsupported');
  });

  it('hands a format code to the entries', () => {
    const sniffed = sniff(new TextEncoder().encode('%PDF-1.7'), 'application/pdf');
    const seen: (string | undefined)[] = [];
    pickViewer(
      { sniffed, declaredType: 'application/pdf', format: 'urn:ihe:iti:xds-sd:pdf:2008' },
      [
        {
          id: 'probe',
          matches: ({ format }) => {
            seen.push(format);
            return true;
          },
          Component: () => null,
        },
      ],
    );
    expect(seen).toEqual(['urn:ihe:iti:xds-sd:pdf:2008']);
  });
});
