import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../shared/domain/patient';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import { bridge } from '../bridge/bridge';
import type { RecordCache } from '../cache/record-cache';
import { isSourceUnavailable } from '../offline/offline-state';
import { recentPatientIds } from '../offline/recent-patients';
import { useRecordCache } from '../offline/record-cache-context';
import { PatientRow } from './PatientRow';

type SearchState =
  | { status: 'loading' }
  | { status: 'done'; patients: PatientSummary[] }
  | { status: 'failed'; messageKey: string; recent: PatientSummary[] };

/** Patients opened lately on this workstation, read from the cache when the source is down. */
async function recentFromCache(cache: RecordCache | undefined): Promise<PatientSummary[]> {
  if (!cache) return [];
  const found = await Promise.all(recentPatientIds().map((id) => cache.get('patients', id, id)));
  return found.flatMap((item) => (item ? [item.value] : []));
}

async function findPatients(
  query: { text: string; birthDate?: string },
  cache: RecordCache | undefined,
): Promise<SearchState> {
  try {
    const { patients } = await bridge.searchPatients(query);
    return { status: 'done', patients };
  } catch (error) {
    const failure = bridgeFailureOf(error);
    const recent = isSourceUnavailable(failure) ? await recentFromCache(cache) : [];
    return { status: 'failed', messageKey: failure.messageKey, recent };
  }
}

export function PatientSearch({ onOpen }: { onOpen(patientId: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'loading' });
  const cache = useRecordCache();

  const run = (query: { text: string; birthDate?: string }) => {
    setState({ status: 'loading' });
    void findPatients(query, cache).then(setState);
  };

  useEffect(() => {
    let live = true;
    void findPatients({ text: '' }, cache).then((found) => {
      if (live) setState(found);
    });
    return () => {
      live = false;
    };
  }, [cache]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run({ text, ...(birthDate ? { birthDate } : {}) });
  };

  return (
    <section className="patients" aria-labelledby="patients-title">
      <h2 id="patients-title">{t('patients.title')}</h2>
      <form className="patient-search" role="search" onSubmit={submit}>
        <label>
          <span>{t('patients.searchLabel')}</span>
          <input
            type="search"
            value={text}
            placeholder={t('patients.searchPlaceholder')}
            onChange={(event) => setText(event.target.value)}
            maxLength={200}
          />
        </label>
        <label>
          <span>{t('patients.birthDateLabel')}</span>
          <input
            type="date"
            value={birthDate}
            onChange={(event) => setBirthDate(event.target.value)}
          />
        </label>
        <button type="submit">{t('patients.searchButton')}</button>
      </form>

      {state.status === 'loading' ? (
        <p role="status" className="muted">
          {t('patients.loading')}
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <div role="alert" className="error">
          <strong>{t('errors.title')}</strong> {t(state.messageKey)}
          <button type="button" onClick={() => run({ text })}>
            {t('errors.retry')}
          </button>
        </div>
      ) : null}
      {state.status === 'failed' && state.recent.length > 0 ? (
        <section aria-labelledby="recent-offline" data-testid="recent-offline">
          <h3 id="recent-offline">{t('offline.recentTitle')}</h3>
          <ul className="patient-list">
            {state.recent.map((patient) => (
              <PatientRow key={patient.id} patient={patient} onOpen={() => onOpen(patient.id)} />
            ))}
          </ul>
        </section>
      ) : null}
      {state.status === 'done' ? (
        <>
          <p className="muted" role="status">
            {state.patients.length === 0
              ? t('patients.empty')
              : t('patients.count', { count: state.patients.length })}
          </p>
          <ul className="patient-list" aria-label={t('patients.title')}>
            {state.patients.map((patient) => (
              <PatientRow key={patient.id} patient={patient} onOpen={() => onOpen(patient.id)} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
