import { describe, expect, it } from 'vitest';
import { parseDicomwebPath, sanitiseQuery } from '../../../../electron/host/dicomweb/gateway-path';

const S = '1.2.826.0.1.3680043.10.1.1';
const SE = `${S}.2`;
const I = `${S}.2.3`;

describe('parseDicomwebPath', () => {
  it.each([
    ['studies', 'search', undefined],
    [`studies/${S}/series`, 'search', S],
    [`studies/${S}/series/${SE}/instances`, 'search', S],
    [`studies/${S}/series/${SE}/metadata`, 'retrieve', S],
    [`studies/${S}/series/${SE}/instances/${I}/frames/1`, 'retrieve', S],
    [`studies/${S}/series/${SE}/instances/${I}/frames/1,2,3`, 'retrieve', S],
    [`studies/${S}/series/${SE}/instances/${I}/rendered`, 'retrieve', S],
    [`studies/${S}/series/${SE}/thumbnail`, 'retrieve', S],
  ])('forwards %s', (path, kind, studyUid) => {
    expect(parseDicomwebPath(path)).toEqual({ kind, studyUid, path });
  });

  it.each([
    '',
    '../studies',
    'studies/../../admin',
    `studies/${S}/../../tools/reset`,
    'studies/%2e%2e/x',
    `studies/${S}//series`,
    'instances',
    'tools/reset',
    `studies/${S}/series/${SE}/instances/${I}/frames/0`,
    `studies/${S}/series/${SE}/instances/${I}/frames/1;rm`,
    `studies/${S}/series/${SE}/instances/${I}/bulkdata/x`,
    `studies/abc/series`,
    `studies/${'1.'.repeat(40)}1/series`,
  ])('refuses %s', (path) => {
    expect(parseDicomwebPath(path)).toBeUndefined();
  });
});

describe('sanitiseQuery', () => {
  it('keeps DICOM wildcards and carets raw', () => {
    expect(sanitiseQuery('PatientName=DOE^J*&limit=10')).toBe('?PatientName=DOE^J*&limit=10');
    expect(sanitiseQuery('')).toBe('');
  });

  it('refuses odd keys and injected separators', () => {
    expect(sanitiseQuery('a%20b=1')).toBeUndefined();
    expect(sanitiseQuery('PatientID=1%262')).toBeUndefined();
  });
});
