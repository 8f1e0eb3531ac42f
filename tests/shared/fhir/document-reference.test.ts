import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentEntryFromFhir } from '../../../shared/fhir/document-reference';

const testdata = resolve(import.meta.dirname, '../../../../shared/testdata/fhir');
const read = (name: string): unknown => JSON.parse(readFileSync(resolve(testdata, name), 'utf8'));

describe('documentEntryFromFhir', () => {
  it('reads the PDSm comprehensive example, contained author and dom-4 quirks included', () => {
    const entry = documentEntryFromFhir(
      read('pdsm-DocumentReference-exemple-pdsm-documentreference.json'),
    );
    expect(entry).toBeDefined();
    expect(entry?.attachmentRef).toBe('Binary/6789');
    expect(entry?.status).toBe('current');
    expect(entry?.contentType).toBe('application/pdf');
  });

  it('reads the DMP searchset entries whose subject is a conditional reference', () => {
    const bundle = read('pdsm4dmp-Bundle-example-annexe-searchset-documentreferences.json') as {
      entry: { resource: unknown }[];
    };
    const entries = bundle.entry.map((item) => documentEntryFromFhir(item.resource));
    expect(entries.every(Boolean)).toBe(true);
    expect(entries[0]).toMatchObject({
      logicalId: 'example-annexe-docref-cda',
      uniqueId: '1.2.250.1.213.1.4.8.99999.201',
      type: { code: '11488-4' },
      category: { code: '11' },
      date: '2024-11-20T09:00:00+01:00',
      labels: { confidentiality: 'N', maskedFromProfessionals: false },
    });
  });

  it('keeps the three identifiers and the replacement link', () => {
    const entry = documentEntryFromFhir({
      resourceType: 'DocumentReference',
      id: 'v2',
      masterIdentifier: { value: 'urn:oid:1.2.3.4' },
      identifier: [{ value: 'urn:uuid:0f2cdbc0-3ce8-5f2c-8876-a81c283dfb31' }],
      status: 'current',
      relatesTo: [{ code: 'replaces', target: { reference: 'DocumentReference/v1' } }],
      content: [{ attachment: { contentType: 'text/xml', url: 'Binary/b2' } }],
      securityLabel: [{ coding: [{ code: 'R' }] }, { coding: [{ code: 'MASQUE_PS' }] }],
      context: {
        related: [
          {
            identifier: {
              type: { coding: [{ code: 'urn:ihe:iti:xds:2016:studyInstanceUID' }] },
              value: '1.2.3',
            },
          },
          {
            identifier: {
              type: { coding: [{ code: 'urn:ihe:iti:xds:2013:accession' }] },
              value: 'ACC1',
            },
          },
        ],
      },
      unknownElement: { whatever: true },
    });
    expect(entry).toMatchObject({
      logicalId: 'v2',
      uniqueId: '1.2.3.4',
      entryUuid: '0f2cdbc0-3ce8-5f2c-8876-a81c283dfb31',
      replaces: ['v1'],
      studyInstanceUid: '1.2.3',
      accessionNumber: 'ACC1',
      labels: { confidentiality: 'R', maskedFromProfessionals: true },
    });
  });

  it.each([
    [
      'no attachment url',
      {
        resourceType: 'DocumentReference',
        id: 'x',
        status: 'current',
        content: [{ attachment: { contentType: 'text/xml' } }],
      },
    ],
    ['no content', { resourceType: 'DocumentReference', id: 'x', status: 'current', content: [] }],
    [
      'an unknown status',
      {
        resourceType: 'DocumentReference',
        id: 'x',
        status: 'weird',
        content: [{ attachment: { contentType: 'a/b', url: 'Binary/1' } }],
      },
    ],
    ['another resource', { resourceType: 'Patient', id: 'x' }],
    ['nothing', null],
  ])('skips an entry with %s', (_label, raw) => {
    expect(documentEntryFromFhir(raw)).toBeUndefined();
  });
});
