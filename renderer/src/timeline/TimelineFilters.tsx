import { useTranslation } from 'react-i18next';
import type { TimelineFilter } from '../../../shared/timeline/filter-timeline';
import { emptyFilter } from '../../../shared/timeline/filter-timeline';

export interface FilterChoices {
  categories: { code: string; label: string }[];
  types: { code: string; label: string }[];
  facilities: { code: string; label: string }[];
}

/** One coded filter: "all", or one of the codes present in the record. */
function ChoiceSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string;
  choices: { code: string; label: string }[];
  onChange(code: string): void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('timeline.filters.any')}</option>
        {choices.map((choice) => (
          <option key={choice.code} value={choice.code}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
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
      <ChoiceSelect
        label={t('timeline.filters.category')}
        value={one(filter.categories)}
        choices={choices.categories}
        onChange={(code) => onChange({ ...filter, categories: code ? [code] : [] })}
      />
      <ChoiceSelect
        label={t('timeline.filters.type')}
        value={one(filter.types)}
        choices={choices.types}
        onChange={(code) => onChange({ ...filter, types: code ? [code] : [] })}
      />
      <ChoiceSelect
        label={t('timeline.filters.facility')}
        value={filter.facility ?? ''}
        choices={choices.facilities}
        onChange={(code) => onChange({ ...filter, facility: code || undefined })}
      />
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
