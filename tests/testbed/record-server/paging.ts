import type { Bundle, BundleLink } from '@medplum/fhirtypes';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export interface Page {
  offset: number;
  count: number;
}

/**
 * Reads `_count` / `_offset` with this server's default and ceiling (Medplum's memory repository
 * returns everything when `_count` is absent) and writes them back so every link is explicit.
 */
export function normalizePage(params: URLSearchParams): Page {
  const count = Math.min(MAX_PAGE_SIZE, nonNegative(params.get('_count')) ?? DEFAULT_PAGE_SIZE);
  const offset = nonNegative(params.get('_offset')) ?? 0;
  params.set('_count', String(count));
  params.set('_offset', String(offset));
  return { offset, count };
}

/**
 * Completes a searchset from the memory repository, which has neither links nor fullUrls: absolute
 * self / first / previous / next links on this server, paging by offset. Offsets are stable while
 * the data does not change (the repository keeps insertion order and its sort is stable).
 */
export function addPaging(
  bundle: Bundle,
  baseUrl: string,
  resourceType: string,
  params: URLSearchParams,
  page: Page,
): void {
  bundle.entry = bundle.entry?.map((entry) =>
    entry.resource?.id
      ? { fullUrl: `${baseUrl}/${entry.resource.resourceType}/${entry.resource.id}`, ...entry }
      : entry,
  );
  const linkAt = (relation: string, offset: number): BundleLink => {
    const linkParams = new URLSearchParams(params);
    linkParams.set('_offset', String(offset));
    return { relation, url: `${baseUrl}/${resourceType}?${linkParams}` };
  };
  const total = bundle.total ?? 0;
  const link = [linkAt('self', page.offset), linkAt('first', 0)];
  if (page.offset > 0) link.push(linkAt('previous', Math.max(0, page.offset - page.count)));
  if (page.count > 0 && page.offset + page.count < total) {
    link.push(linkAt('next', page.offset + page.count));
  }
  bundle.link = link;
}

function nonNegative(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
