import { useTranslation } from 'react-i18next';
import type { TimelineFilter } from '../../../shared/timeline/filter-timeline';
import { emptyFilter } from '../../../shared/timeline/filter-timeline';

export interface FilterChoices {
  categories: { code: string; label: string }[];
  types: { code: string; label: string }[];
  facilities: { code: string; label: string }[];
}

export function TimelineFilters({
  filter,
  choices,
  onChange,
}: {
  filter: TimelineFilter;
  choices: FilterChoices;
  onChange(filter: TimelineFilter): void;
}) {
  const { t } = useTranslation();
  const one = (values: readonly string[]) => values[0] ?? '';
  return (
    <form
      className="timeline-filters"
      aria-label={t('timeline.filters.title')}
      onSubmit={(event) => event.preventDefault()}
    >
      <label className="wide">
        <span>{t('timeline.filters.search')}</span>
        <input
          type="search"
          value={filter.text}
          placeholder={t('timeline.filters.searchPlaceholder')}
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
        />
      </label>
      <label>
        <span>{t('timeline.filters.category')}</span>
        <select
          value={one(filter.categories)}
          onChange={(event) =>
            onChange({ ...filter, categories: event.target.value ? [event.target.value] : [] })
          }
        >
          <option value="">{t('timeline.filters.any')}</option>
          {choices.categories.map((choice) => (
            <option key={choice.code} value={choice.code}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('timeline.filters.type')}</span>
        <select
          value={one(filter.types)}
          onChange={(event) =>
            onChange({ ...filter, types: event.target.value ? [event.target.value] : [] })
          }
        >
          <option value="">{t('timeline.filters.any')}</option>
          {choices.types.map((choice) => (
            <option key={choice.code} value={choice.code}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('timeline.filters.facility')}</span>
        <select
          value={filter.facility ?? ''}
          onChange={(event) =>
            onChange({
              ...filter,
              ...(event.target.value ? { facility: event.target.value } : { facility: undefined }),
            })
          }
        >
          <option value="">{t('timeline.filters.any')}</option>
          {choices.facilities.map((choice) => (
            <option key={choice.code} value={choice.code}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('timeline.filters.from')}</span>
        <input
          type="date"
          value={filter.from ?? ''}
          onChange={(event) => onChange({ ...filter, from: event.target.value || undefined })}
        />
      </label>
      <label>
        <span>{t('timeline.filters.to')}</span>
        <input
          type="date"
          value={filter.to ?? ''}
          onChange={(event) => onChange({ ...filter, to: event.target.value || undefined })}
        />
      </label>
      <label>
        <span>{t('timeline.filters.author')}</span>
        <input
          type="text"
          value={filter.author}
          onChange={(event) => onChange({ ...filter, author: event.target.value })}
        />
      </label>
      <button type="button" className="secondary" onClick={() => onChange(emptyFilter)}>
        {t('timeline.filters.clear')}
      </button>
    </form>
  );
}
