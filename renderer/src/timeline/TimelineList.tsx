import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../shared/timeline/timeline-entry';
import { periodLabel } from './entry-labels';
import { noveltyOf, TimelineRow } from './TimelineRow';

type Row =
  | { kind: 'period'; key: string; label: string }
  | { kind: 'entry'; key: string; entry: TimelineEntry };

/** The timeline, grouped by month and virtualised: only the rows on screen are in the DOM. */
export function TimelineList({
  entries,
  selectedKey,
  lastVisit,
  onSelect,
}: {
  entries: TimelineEntry[];
  selectedKey: string | undefined;
  lastVisit: string | undefined;
  onSelect(key: string): void;
}) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(() => {
    const out: Row[] = [];
    let current: string | undefined;
    for (const entry of entries) {
      const label = periodLabel(i18n.language, entry.date) ?? t('timeline.unknownDate');
      if (label !== current) {
        out.push({ kind: 'period', key: `period:${label}:${out.length}`, label });
        current = label;
      }
      out.push({ kind: 'entry', key: entry.key, entry });
    }
    return out;
  }, [entries, i18n.language, t]);

  const scroller = useRef<HTMLDivElement>(null);
  // The virtualiser hands out functions React's compiler cannot memoise; it is the documented use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === 'period' ? 34 : 68),
    // Sizes are kept per row, not per position: when rows arrive or a filter changes, a position
    // holds another row (a header where an entry was) and must not keep the old one's height.
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
  });

  return (
    <div className="timeline-scroller" ref={scroller} data-testid="timeline" role="list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={row.key}
              role="listitem"
              className="timeline-item"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'period' ? (
                <h3 className="timeline-period">{row.label}</h3>
              ) : (
                <TimelineRow
                  entry={row.entry}
                  selected={row.entry.key === selectedKey}
                  novelty={noveltyOf(row.entry, lastVisit)}
                  onSelect={() => onSelect(row.entry.key)}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
