import { describe, expect, it } from 'vitest';
import type { DocumentEntry } from '../../../shared/domain/document';
import type { StudySummary } from '../../../shared/domain/study';
import { buildTimeline } from '../../../shared/timeline/build-timeline';
import { filterTimeline, emptyFilter } from '../../../shared/timeline/filter-timeline';

function doc(id: string, overrides: Partial<DocumentEntry> = {}): DocumentEntry {
  return {
    logicalId: id,
    uniqueId: `u-${id}`,
    status: 'current',
    contentType: 'text/xml',
    attachmentRef: `Binary/${id}`,
    labels: {
      confidentiality: 'N',
      maskedFromProfessionals: false,
      invisibleToPatient: false,
      invisibleToLegalRepresentatives: false,
    },
    replaces: [],
    ...overrides,
  };
}

const study: StudySummary = {
  sourceId: 'pacs',
  studyInstanceUid: '1.2.3',
  accessionNumber: 'ACC1',
  date: '2026-09-14T10:32:00',
  modalities: ['CT'],
  description: 'TDM TAP',
};

describe('buildTimeline', () => {
  it('brings a report, its KOS and its study together as one exam entry', () => {
    const timeline = buildTimeline(
      [
        doc('report', {
          type: { code: '18748-4' },
          studyInstanceUid: '1.2.3',
          date: '2026-09-14T18:30:00+02:00',
        }),
        doc('kos', {
          format: 'urn:ihe:rad:1.2.840.10008.5.1.4.1.1.88.59',
          accessionNumber: 'ACC1',
          date: '2026-09-14T18:30:00+02:00',
        }),
        doc('lab', { type: { code: '11502-2' }, date: '2026-10-01T08:00:00+02:00' }),
      ],
      [
        study,
        { ...study, studyInstanceUid: '9.9', accessionNumber: undefined, date: '2020-01-01' },
      ],
    );
    expect(timeline.map((entry) => entry.kind)).toEqual(['document', 'exam', 'exam']);
    const exam = timeline[1];
    if (exam?.kind !== 'exam') throw new Error('expected an exam');
    expect(exam.reports.map((d) => d.logicalId)).toEqual(['report']);
    expect(exam.manifests.map((d) => d.logicalId)).toEqual(['kos']);
    expect(exam.study?.studyInstanceUid).toBe('1.2.3');
  });

  it('follows replacement chains to the latest version and keeps the history', () => {
    const timeline = buildTimeline(
      [
        doc('v1', { status: 'superseded', date: '2025-01-01' }),
        doc('v2', { status: 'superseded', replaces: ['v1'], date: '2025-01-02' }),
        doc('v3', { replaces: ['v2'], date: '2025-01-03' }),
      ],
      [],
    );
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ kind: 'document', document: { logicalId: 'v3' } });
    if (timeline[0]?.kind !== 'document') throw new Error('expected a document');
    expect(timeline[0].history.map((d) => d.logicalId)).toEqual(['v2', 'v1']);
  });

  it('shows one entry for the same document received twice (same uniqueId)', () => {
    const timeline = buildTimeline(
      [doc('a', { uniqueId: 'same' }), doc('b', { uniqueId: 'same', status: 'superseded' })],
      [],
    );
    expect(timeline).toHaveLength(1);
  });

  it('sorts newest first across time zones, undated last', () => {
    const timeline = buildTimeline(
      [
        doc('old', { date: '2020-01-01' }),
        doc('none'),
        doc('new', { date: '2026-01-01T00:30:00+02:00' }),
      ],
      [],
    );
    expect(timeline.map((entry) => entry.key)).toEqual(['doc:new', 'doc:old', 'doc:none']);
  });
});

describe('filterTimeline', () => {
  const timeline = buildTimeline(
    [
      doc('lab', {
        type: { code: '11502-2', display: 'CR de biologie' },
        category: { code: '10' },
        title: 'Bilan sanguin',
        date: '2026-01-10',
        author: { name: 'Dr Créteil', organisation: 'Laboratoire du Parc' },
      }),
      doc('letter', {
        type: { code: '11490-0' },
        category: { code: '11' },
        title: 'Lettre de sortie',
        date: '2024-05-01',
        facility: { code: 'SA01' },
      }),
    ],
    [],
  );

  it('filters by type, category, dates, author and facility', () => {
    expect(filterTimeline(timeline, { ...emptyFilter, types: ['11490-0'] })).toHaveLength(1);
    expect(filterTimeline(timeline, { ...emptyFilter, categories: ['10'] })).toHaveLength(1);
    expect(filterTimeline(timeline, { ...emptyFilter, from: '2025-01-01' })).toHaveLength(1);
    expect(filterTimeline(timeline, { ...emptyFilter, to: '2024-12-31' })).toHaveLength(1);
    expect(filterTimeline(timeline, { ...emptyFilter, author: 'creteil' })).toHaveLength(1);
    expect(filterTimeline(timeline, { ...emptyFilter, facility: 'SA01' })).toHaveLength(1);
  });

  it('searches titles, metadata and retrieved text without accents', () => {
    expect(filterTimeline(timeline, { ...emptyFilter, text: 'bilan' })).toHaveLength(1);
    expect(filterTimeline(timeline, { ...emptyFilter, text: 'créatinine' })).toHaveLength(0);
    const retrieved = new Map([['letter', 'Créatinine à 180 µmol/L']]);
    expect(
      filterTimeline(timeline, { ...emptyFilter, text: 'CREATININE' }, retrieved),
    ).toHaveLength(1);
  });
});
