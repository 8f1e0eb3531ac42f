import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../shared/bridge/api';
import { supportedLocales } from '../i18n/i18n';
import { PatientView } from '../patient/PatientView';
import { NewDocumentsNotices } from './NewDocumentsNotices';
import { PatientSearch } from '../patients/PatientSearch';

export interface AppProps {
  /** What the host said about itself; undefined when it could not be reached at start. */
  info: InvokeResponse<'getAppInfo'> | undefined;
}

export function App({ info }: AppProps) {
  const { t, i18n } = useTranslation();
  const [openPatientId, setOpenPatientId] = useState<string | undefined>(undefined);
  const records = info?.sources.records?.label ?? t('app.noRecordSource');
  const imaging =
    info && info.sources.imaging.length > 0
      ? info.sources.imaging.map((source) => source.label).join(', ')
      : t('app.noImagingSource');

  return (
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
        {openPatientId ? (
          <PatientView
            key={openPatientId}
            patientId={openPatientId}
            gatewayBase={info?.sources.imaging[0]?.gatewayBase}
            onClose={() => setOpenPatientId(undefined)}
          />
        ) : (
          <>
            <p className="sources">{t('app.sources', { records, imaging })}</p>
            <PatientSearch onOpen={setOpenPatientId} />
          </>
        )}
      </main>
    </div>
  );
}
