import { describe, expect, it } from 'vitest';
import { resolveRetrieveUrl } from '../../../../electron/host/dicomweb/resolve-retrieve-url';

const S = '1.2.826.0.1.3680043.10.1.1';
const SE = `${S}.2`;
const I = `${S}.2.3`;

const sources = [
  { id: 'orthanc', dicomwebUrl: 'http://pacs.example:8042/dicom-web' },
  { id: 'archive', dicomwebUrl: 'https://archive.example/wado/rs/' },
];

const ORTHANC = 'http://pacs.example:8042/dicom-web';

describe('resolveRetrieveUrl', () => {
  it.each([
    [`${ORTHANC}/studies/${S}/series/${SE}`, 'orthanc', `studies/${S}/series/${SE}`],
    [`${ORTHANC}/studies/${S}`, 'orthanc', `studies/${S}`],
    [
      `${ORTHANC}/studies/${S}/series/${SE}/metadata`,
      'orthanc',
      `studies/${S}/series/${SE}/metadata`,
    ],
    [
      `${ORTHANC}/studies/${S}/series/${SE}/instances/${I}`,
      'orthanc',
      `studies/${S}/series/${SE}/instances/${I}`,
    ],
    [
      `https://archive.example/wado/rs/studies/${S}/series/${SE}`,
      'archive',
      `studies/${S}/series/${SE}`,
    ],
  ])('maps %s to its source and path', (url, sourceId, path) => {
    expect(resolveRetrieveUrl(url, sources)).toEqual({ sourceId, path });
  });

  it('compares origins as URLs: case of the host, default port', () => {
    expect(resolveRetrieveUrl(`HTTP://PACS.Example:8042/dicom-web/studies/${S}`, sources)).toEqual({
      sourceId: 'orthanc',
      path: `studies/${S}`,
    });
    expect(resolveRetrieveUrl(`https://archive.example:443/wado/rs/studies/${S}`, sources)).toEqual(
      { sourceId: 'archive', path: `studies/${S}` },
    );
  });

  it.each([
    ['another host', `http://evil.example:8042/dicom-web/studies/${S}`],
    ['another port', `http://pacs.example:8043/dicom-web/studies/${S}`],
    ['another scheme', `https://pacs.example:8042/dicom-web/studies/${S}`],
    ['a look-alike host', `http://pacs.example.evil.example:8042/dicom-web/studies/${S}`],
    ['another scheme altogether', `file:///dicom-web/studies/${S}`],
  ])('refuses %s', (_, url) => {
    expect(resolveRetrieveUrl(url, sources)).toBeUndefined();
  });

  it.each([
    ['a sibling prefix', `http://pacs.example:8042/dicom-web-admin/studies/${S}`],
    ['another path', `http://pacs.example:8042/tools/studies/${S}`],
    ['the root', `http://pacs.example:8042/studies/${S}`],
    ['the base itself', ORTHANC],
    ['the base with a slash', `${ORTHANC}/`],
    ['a differently cased base', `http://pacs.example:8042/DICOM-WEB/studies/${S}`],
  ])('refuses a path outside the base: %s', (_, url) => {
    expect(resolveRetrieveUrl(url, sources)).toBeUndefined();
  });

  it.each([
    ['a query string', `${ORTHANC}/studies/${S}/series/${SE}?includefield=all`],
    ['an empty-valued query', `${ORTHANC}/studies/${S}?x=`],
    ['a fragment', `${ORTHANC}/studies/${S}#frag`],
    ['a user name', `http://admin@pacs.example:8042/dicom-web/studies/${S}`],
    ['credentials', `http://admin:secret@pacs.example:8042/dicom-web/studies/${S}`],
    ['an empty password', `http://admin:@pacs.example:8042/dicom-web/studies/${S}`],
  ])('refuses a URL with %s', (_, url) => {
    expect(resolveRetrieveUrl(url, sources)).toBeUndefined();
  });

  it.each([
    ['leaving the base', `${ORTHANC}/../tools/reset`],
    ['leaving the base from a study', `${ORTHANC}/studies/${S}/../../../tools/studies/${S}`],
    ['inside the base', `${ORTHANC}/studies/../tools/reset`],
    ['encoded dots', `${ORTHANC}/studies/%2e%2e/%2E%2E/tools`],
    ['encoded slashes', `${ORTHANC}/studies/${S}%2F..%2F..%2Ftools`],
    ['double encoding', `${ORTHANC}/studies/%252e%252e/series/${SE}`],
    ['backslashes', `${ORTHANC}/studies/${S}\\..\\..\\tools`],
  ])('refuses traversal: %s', (_, url) => {
    expect(resolveRetrieveUrl(url, sources)).toBeUndefined();
  });

  it('resolves `.` segments as URL parsing does, to a plain checked path', () => {
    expect(resolveRetrieveUrl(`${ORTHANC}/./studies/${S}`, sources)).toEqual({
      sourceId: 'orthanc',
      path: `studies/${S}`,
    });
    expect(resolveRetrieveUrl(`${ORTHANC}/studies/${S}/series/./${SE}`, sources)).toEqual({
      sourceId: 'orthanc',
      path: `studies/${S}/series/${SE}`,
    });
    // A final `.` leaves a trailing slash: an empty segment, refused.
    expect(resolveRetrieveUrl(`${ORTHANC}/studies/${S}/series/${SE}/.`, sources)).toBeUndefined();
  });

  it.each([
    ['a non-UID study', `${ORTHANC}/studies/abc/series/${SE}`],
    ['a non-UID series', `${ORTHANC}/studies/${S}/series/${SE}x`],
    ['an encoded digit', `${ORTHANC}/studies/%31.2.3`],
    ['a UID over 64 characters', `${ORTHANC}/studies/${'1.'.repeat(40)}1`],
    ['an empty segment', `${ORTHANC}/studies//series`],
    ['a trailing slash', `${ORTHANC}/studies/${S}/`],
    ['a resource the gateway does not forward', `${ORTHANC}/studies/${S}/series/${SE}/bulkdata`],
    ['a non-DICOMweb resource', `${ORTHANC}/tools/reset`],
  ])('refuses %s', (_, url) => {
    expect(resolveRetrieveUrl(url, sources)).toBeUndefined();
  });

  it('refuses what is not an absolute URL', () => {
    expect(resolveRetrieveUrl('', sources)).toBeUndefined();
    expect(resolveRetrieveUrl(`/dicom-web/studies/${S}`, sources)).toBeUndefined();
    expect(resolveRetrieveUrl(`studies/${S}`, sources)).toBeUndefined();
    expect(resolveRetrieveUrl('http://', sources)).toBeUndefined();
  });

  it('resolves nothing without sources', () => {
    expect(resolveRetrieveUrl(`${ORTHANC}/studies/${S}`, [])).toBeUndefined();
  });

  it('finds the right source among several on one origin', () => {
    // One PACS answering DICOMweb at its root, an archive under a path of the same server.
    const shared = [
      { id: 'root', dicomwebUrl: 'https://pacs.example/' },
      { id: 'archive', dicomwebUrl: 'https://pacs.example/archive/dicom-web' },
    ];
    expect(resolveRetrieveUrl(`https://pacs.example/studies/${S}`, shared)).toEqual({
      sourceId: 'root',
      path: `studies/${S}`,
    });
    expect(
      resolveRetrieveUrl(`https://pacs.example/archive/dicom-web/studies/${S}`, shared),
    ).toEqual({ sourceId: 'archive', path: `studies/${S}` });
  });
});
