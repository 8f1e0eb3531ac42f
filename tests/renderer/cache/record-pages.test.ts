import { describe, expect, it } from 'vitest';
import {
  isRecordPage,
  MAX_PAGE_ITEMS,
  PageIndex,
  paginate,
  resolvePages,
  type RecordPage,
  type StoredPage,
} from '../../../renderer/src/cache/record-pages';

const item = (id: string, value: unknown = id) => ({ id, value });
const ids = (page: RecordPage | undefined) => page?.items.map((entry) => entry.id);

function stored(rowId: string, generation: number, itemIds: string[], storedAt = 0): StoredPage {
  return { rowId, storedAt, page: { generation, items: itemIds.map((id) => item(id, rowId)) } };
}

describe('paginate', () => {
  it('writes each item once, the last given winning, in pages above the given generation', () => {
    const pages = paginate([item('a', 1), item('b', 1), item('a', 2)], 7);
    expect(pages).toEqual([{ generation: 7, items: [item('b', 1), item('a', 2)] }]);
  });

  it(`cuts a long write into pages of at most ${MAX_PAGE_ITEMS} items`, () => {
    const many = Array.from({ length: MAX_PAGE_ITEMS * 2 + 1 }, (_, index) => item(`d${index}`));
    const pages = paginate(many, 100);
    expect(pages.map((page) => page.items.length)).toEqual([MAX_PAGE_ITEMS, MAX_PAGE_ITEMS, 1]);
    expect(pages.map((page) => page.generation)).toEqual([100, 101, 102]);
    expect(pages.flatMap((page) => page.items)).toEqual(many);
    expect(paginate([], 1)).toEqual([]);
  });
});

describe('resolvePages', () => {
  it('serves each item from the newest page holding it, whatever the order read', () => {
    const pages = [stored('old', 1, ['a', 'b']), stored('new', 2, ['b', 'c'])];
    for (const order of [pages, [...pages].reverse()]) {
      const resolved = resolvePages(order);
      expect(resolved.items.map((entry) => [entry.id, entry.value]).sort()).toEqual([
        ['a', 'old'],
        ['b', 'new'],
        ['c', 'new'],
      ]);
      expect(resolved.live).toEqual(
        new Map([
          ['new', new Set(['b', 'c'])],
          ['old', new Set(['a'])],
        ]),
      );
      expect(resolved.superseded).toEqual([]);
      expect(resolved.generation).toBe(2);
    }
  });

  it('names the pages left serving nothing, and gives each item its page’s fetch time', () => {
    const resolved = resolvePages([
      stored('first', 1, ['a'], 10),
      stored('second', 2, ['a', 'b'], 20),
      stored('third', 3, ['b', 'c'], 30),
    ]);
    expect(resolved.superseded).toEqual(['first']);
    expect(resolved.items).toEqual([
      { id: 'b', value: 'third', storedAt: 30 },
      { id: 'c', value: 'third', storedAt: 30 },
      { id: 'a', value: 'second', storedAt: 20 },
    ]);
    expect(resolvePages([stored('p1', 1, ['a']), stored('p2', 2, ['a'])]).superseded).toEqual([
      'p1',
    ]);
    expect(resolvePages([])).toEqual({ items: [], live: new Map(), superseded: [], generation: 0 });
  });
});

describe('the page index', () => {
  it('tells a write which known pages it leaves serving nothing, and follows it', () => {
    const index = new PageIndex();
    const resolved = resolvePages([stored('p1', 1, ['a', 'b']), stored('p2', 2, ['c'])]);
    index.set('documents', 'patient', { generation: resolved.generation, live: resolved.live });
    expect(index.supersededBy('documents', 'patient', new Set(['a']))).toEqual([]);
    expect(index.supersededBy('documents', 'patient', new Set(['a', 'b', 'x']))).toEqual(['p1']);
    expect(index.supersededBy('documents', 'other', new Set(['a', 'b']))).toEqual([]);

    index.written(
      'documents',
      'patient',
      [{ rowId: 'p3', page: { generation: 5, items: [item('a')] } }],
      [],
    );
    expect(index.get('documents', 'patient')).toEqual({
      generation: 5,
      live: new Map([
        ['p1', new Set(['b'])],
        ['p2', new Set(['c'])],
        ['p3', new Set(['a'])],
      ]),
    });
    expect(index.supersededBy('documents', 'patient', new Set(['b', 'c'])).sort()).toEqual([
      'p1',
      'p2',
    ]);
    index.written(
      'documents',
      'patient',
      [{ rowId: 'p4', page: { generation: 6, items: [item('b')] } }],
      ['p1'],
    );
    expect([...(index.get('documents', 'patient')?.live.keys() ?? [])].sort()).toEqual([
      'p2',
      'p3',
      'p4',
    ]);

    index.forgetPatient('patient');
    expect(index.get('documents', 'patient')).toBeUndefined();
  });
});

describe('isRecordPage', () => {
  it('accepts pages only', () => {
    expect(isRecordPage(paginate([item('a', { title: 't' })], 1)[0])).toBe(true);
    expect(isRecordPage({ generation: 1, items: [] })).toBe(true);
    for (const value of [
      null,
      'page',
      { title: 'a document entry' },
      { generation: 1.5, items: [] },
      { generation: 1, items: [{ value: 1 }] },
      { generation: 1, items: [{ id: 'a' }] },
      { generation: 1, items: {} },
    ]) {
      expect(isRecordPage(value), JSON.stringify(value)).toBe(false);
    }
    expect(ids(paginate([item('a')], 1)[0])).toEqual(['a']);
  });
});
