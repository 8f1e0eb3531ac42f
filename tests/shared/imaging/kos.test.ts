import { describe, expect, it } from 'vitest';
import { kosSelection, type KosManifest } from '../../../shared/imaging/kos';

const manifest: KosManifest = {
  sopInstanceUid: '9.9.9',
  description: 'Images clés',
  studies: [
    {
      studyInstanceUid: '1.1',
      series: [
        {
          seriesInstanceUid: '1.1.1',
          retrieveUrl: 'http://pacs/s/1',
          sopInstanceUids: ['a', 'b', 'c'],
        },
        { seriesInstanceUid: '1.1.2', retrieveUrl: undefined, sopInstanceUids: ['d'] },
        { seriesInstanceUid: '1.1.3', retrieveUrl: undefined, sopInstanceUids: [] },
      ],
    },
    {
      studyInstanceUid: '2.2',
      series: [
        { seriesInstanceUid: '2.2.1', retrieveUrl: 'http://pacs/s/2', sopInstanceUids: ['e'] },
      ],
    },
    { studyInstanceUid: '3.3', series: [] },
  ],
  keyImages: ['b', 'c', 'e', 'not-in-evidence'],
};

describe('kosSelection', () => {
  it('opens every referenced instance, leaving out empty series and studies', () => {
    expect(kosSelection(manifest, false)).toEqual([
      {
        studyInstanceUid: '1.1',
        series: [
          {
            seriesInstanceUid: '1.1.1',
            retrieveUrl: 'http://pacs/s/1',
            sopInstanceUids: ['a', 'b', 'c'],
          },
          { seriesInstanceUid: '1.1.2', retrieveUrl: undefined, sopInstanceUids: ['d'] },
        ],
      },
      {
        studyInstanceUid: '2.2',
        series: [
          { seriesInstanceUid: '2.2.1', retrieveUrl: 'http://pacs/s/2', sopInstanceUids: ['e'] },
        ],
      },
    ]);
  });

  it('keeps only the key images, in evidence order, with their series retrieve URL', () => {
    expect(kosSelection({ ...manifest, keyImages: ['c', 'e', 'b'] }, true)).toEqual([
      {
        studyInstanceUid: '1.1',
        series: [
          {
            seriesInstanceUid: '1.1.1',
            retrieveUrl: 'http://pacs/s/1',
            sopInstanceUids: ['b', 'c'],
          },
        ],
      },
      {
        studyInstanceUid: '2.2',
        series: [
          { seriesInstanceUid: '2.2.1', retrieveUrl: 'http://pacs/s/2', sopInstanceUids: ['e'] },
        ],
      },
    ]);
  });

  it('drops a study none of whose instances is a key image', () => {
    const selection = kosSelection({ ...manifest, keyImages: ['d'] }, true);
    expect(selection.map((study) => study.studyInstanceUid)).toEqual(['1.1']);
    expect(selection[0]?.series.map((series) => series.seriesInstanceUid)).toEqual(['1.1.2']);
  });

  it('selects nothing when the manifest names no key image', () => {
    expect(kosSelection({ ...manifest, keyImages: [] }, true)).toEqual([]);
    expect(kosSelection({ ...manifest, keyImages: ['not-in-evidence'] }, true)).toEqual([]);
    expect(kosSelection({ ...manifest, keyImages: [] }, false)).toHaveLength(2);
  });

  it('leaves the manifest untouched', () => {
    const before = structuredClone(manifest);
    kosSelection(manifest, true);
    kosSelection(manifest, false);
    expect(manifest).toEqual(before);
  });
});
