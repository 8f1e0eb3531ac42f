import { describe, expect, it } from 'vitest';
import type { StudySummary } from '../../../shared/domain/study';
import { findPrior } from '../../../shared/imaging/prior-study';

function study(uid: string, overrides: Partial<StudySummary> = {}): StudySummary {
  return {
    sourceId: 'pacs',
    studyInstanceUid: uid,
    modalities: ['CT'],
    bodyPart: 'CHEST',
    ...overrides,
  };
}

const current = study('1.1', { date: '2026-09-14T10:32:00', modalities: ['CT', 'SR', 'KO'] });

describe('findPrior', () => {
  it('picks the most recent earlier study of the same modality and body part', () => {
    const studies = [
      study('1.2', { date: '2020-01-10' }),
      study('1.3', { date: '2023-03-08T14:05:00' }),
      study('1.4', { date: '2021-06-01' }),
    ];
    expect(findPrior(current, studies)?.studyInstanceUid).toBe('1.3');
    expect(findPrior(current, [...studies].reverse())?.studyInstanceUid).toBe('1.3');
  });

  it('never picks the study itself, nor a later one', () => {
    const studies = [
      current,
      study('1.1', { date: '2020-01-01' }),
      study('1.5', { date: '2026-10-01' }),
      study('1.6', { date: '2026-09-14T10:32:00' }),
      study('1.7', { date: '2019-05-05' }),
    ];
    expect(findPrior(current, studies)?.studyInstanceUid).toBe('1.7');
  });

  it('takes an earlier study of the same day', () => {
    const morning = study('1.8', { date: '2026-09-14T08:00:00' });
    expect(findPrior(current, [morning])).toBe(morning);
  });

  it('ignores KO, SR and PR as modalities, on either side', () => {
    const manifestsOnly = study('2.1', { date: '2025-01-01', modalities: ['KO', 'SR', 'PR'] });
    const older = study('2.2', { date: '2022-01-01', modalities: ['CT'] });
    expect(findPrior(current, [manifestsOnly, older])).toBe(older);
    const reportOnly = study('2.3', { date: '2026-09-15', modalities: ['SR', 'KO'] });
    expect(findPrior(reportOnly, [manifestsOnly, older])).toBeUndefined();
  });

  it('matches on any shared image modality', () => {
    const petCt = study('3.1', { date: '2024-01-01', modalities: ['PT', 'CT'] });
    const mr = study('3.2', { date: '2025-01-01', modalities: ['MR'] });
    expect(findPrior(current, [mr, petCt])).toBe(petCt);
  });

  it('excludes another body part, whatever its case', () => {
    const head = study('4.1', { date: '2025-01-01', bodyPart: 'HEAD' });
    const chest = study('4.2', { date: '2024-01-01', bodyPart: 'chest' });
    expect(findPrior(current, [head, chest])).toBe(chest);
    expect(findPrior(current, [head])).toBeUndefined();
  });

  it('lets the modality alone decide where a body part is missing', () => {
    const unnamed = study('5.1', { date: '2025-01-01', bodyPart: undefined });
    const head = study('5.2', { date: '2025-06-01', bodyPart: 'HEAD' });
    expect(findPrior(current, [unnamed])).toBe(unnamed);
    const currentUnnamed = { ...current, bodyPart: undefined };
    expect(findPrior(currentUnnamed, [unnamed, head])).toBe(head);
  });

  it('is undefined without a comparable study', () => {
    expect(findPrior(current, [])).toBeUndefined();
    expect(
      findPrior(current, [
        study('6.1', { date: '2025-01-01', modalities: ['MR'] }),
        study('6.2', { date: '2027-01-01' }),
      ]),
    ).toBeUndefined();
  });

  it('finds nothing earlier than an undated study', () => {
    const undated = { ...current, date: undefined };
    expect(findPrior(undated, [study('7.1', { date: '2020-01-01' })])).toBeUndefined();
  });

  it('prefers a dated earlier study to an undated one', () => {
    const undated = study('8.1', { date: undefined });
    const dated = study('8.2', { date: '2010-01-01' });
    expect(findPrior(current, [undated, dated])).toBe(dated);
  });
});
