import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../shared/bridge/api';
import { supportedLocales } from '../i18n/i18n';
import { PatientView } from '../patient/PatientView';
import { bridge } from '../bridge/bridge';
import { openRecordCache } from '../cache/open-record-cache';
import type { RecordCache } from '../cache/record-cache';
import { CacheStatusLine } from '../offline/CacheStatusLine';
import { RecordCacheContext } from '../offline/record-cache-context';
import { NewDocumentsNotices } from './NewDocumentsNotices';
import { SessionGate, type SignedInClinician } from '../session/SessionGate';
import { PatientSearch } from '../patients/PatientSearch';

export interface AppProps {
  /** What the host said about itself; undefined when it could not be reached at start. */
  info: InvokeResponse<'getAppInfo'> | undefined;
}

/** The workstation behind its session gate: nothing of a patient before a clinician signs in. */
export function App({ info }: AppProps) {
  return (
    <SessionGate idleLockMinutes={info?.idleLockMinutes ?? 0}>
      {(clinician, logout) => <Workstation info={info} clinician={clinician} logout={logout} />}
    </SessionGate>
  );
}

function Workstation({
  info,
  clinician,
  logout,
}: AppProps & {
  clinician: SignedInClinician | undefined;
  logout: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [openPatientId, setOpenPatientId] = useState<string | undefined>(undefined);
  const [cache, setCache] = useState<RecordCache | undefined>(undefined);

  useEffect(() => {
    let opened: RecordCache | undefined;
    let live = true;
    void openRecordCache(bridge, info?.cache ?? {}).then((result) => {
      opened = result;
      if (live) setCache(result);
      else void result.close();
    });
    return () => {
      live = false;
      void opened?.close();
    };
  }, [info?.cache]);

  // Logging out erases the local cache (its database, and the key the host forgets).
  const signOut = async () => {
    await cache?.purge().catch(() => undefined);
    await logout();
  };
  const records = info?.sources.records?.label ?? t('app.noRecordSource');
  const imaging =
    info && info.sources.imaging.length > 0
      ? info.sources.imaging.map((source) => source.label).join(', ')
      : t('app.noImagingSource');

  return (
    <RecordCacheContext.Provider value={cache}>
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <h1>{t('app.name')}</h1>
            <span className="tagline">{t('app.tagline')}</span>
          </div>
          <div className="header-meta">
            {info?.demo ? (
              <span className="badge badge-demo" data-testid="demo-badge">
                {t('app.demoBadge')}
              </span>
            ) : null}
            {info ? (
              <span className="host-kind">
                {t(info.host === 'browser' ? 'app.hostBrowser' : 'app.hostElectron')}
              </span>
            ) : null}
            {clinician ? (
              <span className="clinician" data-testid="clinician">
                {clinician.displayName}
                <button type="button" className="secondary" onClick={() => void signOut()}>
                  {t('session.logout')}
                </button>
              </span>
            ) : null}
            <label className="language">
              <span>{t('app.language')}</span>
              <select
                value={i18n.language}
                onChange={(event) => void i18n.changeLanguage(event.target.value)}
              >
                {supportedLocales.map((locale) => (
                  <option key={locale} value={locale}>
                    {locale.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </header>
        <NewDocumentsNotices onOpen={setOpenPatientId} />
        <main className="app-main">
          {cache === undefined ? null : openPatientId ? (
            <PatientView
              key={openPatientId}
              patientId={openPatientId}
              imagingSources={info?.sources.imaging ?? []}
              mayRegulate={clinician?.mayRegulate ?? false}
              onClose={() => setOpenPatientId(undefined)}
            />
          ) : (
            <>
              <p className="sources">{t('app.sources', { records, imaging })}</p>
              <CacheStatusLine />
              <PatientSearch onOpen={setOpenPatientId} />
            </>
          )}
        </main>
      </div>
    </RecordCacheContext.Provider>
  );
}
