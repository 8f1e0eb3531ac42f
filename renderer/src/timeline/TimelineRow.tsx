import { useTranslation } from 'react-i18next';
import type { DocumentEntry } from '../../../shared/domain/document';
import type { TimelineEntry } from '../../../shared/timeline/timeline-entry';
import { documentTypeLabel, formatDate } from './entry-labels';

/** Modalities that carry images; KO (key objects) and PR (presentation states) are not exams. */
function imagingModalities(modalities: readonly string[]): string {
  return modalities.filter((modality) => modality !== 'KO' && modality !== 'PR').join(', ');
}

export type Novelty = 'new' | 'new-version' | undefined;

/** New since the last visit: recorded after it; a new version when it replaces an earlier one. */
export function noveltyOf(entry: TimelineEntry, lastVisit: string | undefined): Novelty {
  if (!lastVisit) return undefined;
  const since = Date.parse(lastVisit);
  const documents =
    entry.kind === 'document' ? [entry.document] : [...entry.reports, ...entry.manifests];
  const fresh = documents.filter((d) => d.recordedAt && Date.parse(d.recordedAt) > since);
  if (fresh.length === 0) return undefined;
  return fresh.some((d) => d.replaces.length > 0) ? 'new-version' : 'new';
}

function Labels({ document }: { document: DocumentEntry }) {
  const { t } = useTranslation();
  const { labels } = document;
  return (
    <>
      {labels.invisibleToPatient ? (
        <span className="badge badge-warn" data-testid="invisible-to-patient">
          {t('timeline.invisibleToPatient')}
        </span>
      ) : null}
      {labels.invisibleToLegalRepresentatives ? (
        <span className="badge">{t('timeline.invisibleToRepresentatives')}</span>
      ) : null}
      {labels.confidentiality !== 'N' ? (
        <span className="badge">
          {t('timeline.confidentiality', {
            level: t(`timeline.confidentialityLevels.${labels.confidentiality}`),
          })}
        </span>
      ) : null}
    </>
  );
}

export function TimelineRow({
  entry,
  selected,
  novelty,
  onSelect,
}: {
  entry: TimelineEntry;
  selected: boolean;
  novelty: Novelty;
  onSelect(): void;
}) {
  const { t, i18n } = useTranslation();
  const lead =
    entry.kind === 'document' ? entry.document : (entry.reports[0] ?? entry.manifests[0]);
  const title =
    entry.kind === 'exam'
      ? (entry.study?.description ?? lead?.title ?? t('timeline.exam'))
      : (entry.document.title ?? documentTypeLabel(t, entry.document));
  const kindLabel =
    entry.kind === 'exam' ? t('timeline.exam') : documentTypeLabel(t, entry.document);
  const author = lead?.author?.name ?? lead?.author?.organisation;
  return (
    <button
      type="button"
      className={`timeline-row${selected ? ' selected' : ''}`}
      data-testid="timeline-row"
      data-kind={entry.kind}
      aria-pressed={selected}
      onClick={onSelect}
    >
      <span className="row-date">
        {formatDate(i18n.language, entry.date) ?? t('timeline.unknownDate')}
      </span>
      <span className="row-main">
        <span className="row-kind">
          {kindLabel}
          {entry.kind === 'exam' && entry.study
            ? ` · ${imagingModalities(entry.study.modalities)}`
            : null}
        </span>
        <span className="row-title">{title}</span>
        <span className="row-meta">
          {author ? t('timeline.by', { author }) : null}
          {lead?.author?.organisation && lead.author.name ? ` · ${lead.author.organisation}` : null}
        </span>
      </span>
      <span className="row-badges">
        {novelty ? (
          <span className="badge badge-new" data-testid="badge-new">
            {t(novelty === 'new' ? 'timeline.new' : 'timeline.newVersion')}
          </span>
        ) : null}
        {entry.history.length > 0 ? (
          <span className="badge">{t('timeline.versions', { count: entry.history.length })}</span>
        ) : null}
        {lead ? <Labels document={lead} /> : null}
      </span>
    </button>
  );
}
