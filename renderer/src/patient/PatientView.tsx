import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../shared/bridge/api';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import {
  emptyFilter,
  filterTimeline,
  type TimelineFilter,
} from '../../../shared/timeline/filter-timeline';
import { bridge } from '../bridge/bridge';
import { DocumentWithHistory } from '../documents/DocumentWithHistory';
import { ExamPane } from '../exam/ExamPane';
import type { ImagingOpen, ImagingOpenRequest } from '../imaging/ImagingTab';
import type { ImagingSource } from '../imaging/viewer/ImagingViewer';
import { LabResultsTab } from '../results/LabResultsTab';
import { formatDate } from '../timeline/entry-labels';
import { noveltyOf } from '../timeline/TimelineRow';
import { TimelineFilters } from '../timeline/TimelineFilters';
import { TimelineList } from '../timeline/TimelineList';
import { usePatientRecord, type RecordScope } from '../timeline/use-patient-record';
import { useFilterChoices } from '../timeline/use-filter-choices';
import type { RecordCache } from '../cache/record-cache';
import { OfflineBanner } from '../offline/OfflineBanner';
import { isSourceUnavailable, RECONNECT_INTERVAL_MS } from '../offline/offline-state';
import { forgetRecentPatient, rememberRecentPatient } from '../offline/recent-patients';
import { useRecordCache } from '../offline/record-cache-context';
import { AccessHistoryTab } from './AccessHistoryTab';
import { AccessModeBanner, AccessStep } from './AccessStep';
import { IdentityBanner } from './IdentityBanner';

/** An open record: from the source (with the ground of access), or offline from the cache. */
type Opened = Omit<InvokeResponse<'openPatient'>, 'access'> & {
  access?: InvokeResponse<'openPatient'>['access'];
  offline?: boolean;
};

// The viewer (Cornerstone3D and its codecs) loads when imaging is first opened, not at startup.
const ImagingTab = lazy(() =>
  import('../imaging/ImagingTab').then((module) => ({ default: module.ImagingTab })),
);

/** Opens the record at the source; offline, from the cache, when the source cannot be reached. */
async function openRecord(
  patientId: string,
  cache: RecordCache | undefined,
): Promise<Opened | { failure: string }> {
  try {
    const answer = await bridge.openPatient({ patientId });
    rememberRecentPatient(patientId);
    void cache?.put('patients', patientId, [{ id: patientId, value: answer.patient }]);
    return answer;
  } catch (error) {
    const failure = bridgeFailureOf(error);
    const cached = isSourceUnavailable(failure)
      ? await cache?.get('patients', patientId, patientId)
      : undefined;
    if (!cached) return { failure: failure.messageKey };
    // The host decides whether this professional may read the kept record without the source.
    try {
      const { access } = await bridge.openCachedPatient({ patientId });
      return { patient: cached.value, following: false, offline: true, access };
    } catch (refusal) {
      return { failure: bridgeFailureOf(refusal).messageKey };
    }
  }
}

export function PatientView({
  patientId,
  imagingSources,
  mayRegulate,
  onClose,
}: {
  patientId: string;
  imagingSources: readonly ImagingSource[];
  /** The signed-in clinician may open records in emergency regulation (centre 15). */
  mayRegulate: boolean;
  onClose(): void;
}) {
  const gatewayBase = imagingSources[0]?.gatewayBase;
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState<Opened | { failure: string } | undefined>(undefined);
  const [scope, setScope] = useState<RecordScope>('recent');
  const [reloadKey, setReloadKey] = useState(0);
  const [tab, setTab] = useState<'timeline' | 'results' | 'imaging' | 'audit'>('timeline');
  const [imagingOpen, setImagingOpen] = useState<ImagingOpen | undefined>(undefined);
  const openImaging = useCallback((open: ImagingOpenRequest) => {
    setImagingOpen({ ...open, nonce: Date.now() } as ImagingOpen);
    setTab('imaging');
  }, []);
  const [filter, setFilter] = useState<TimelineFilter>(emptyFilter);
  const [selectedKey, setSelectedKey] = useState<string | undefined>(undefined);
  const [texts, setTexts] = useState<ReadonlyMap<string, string>>(new Map());
  const [following, setFollowing] = useState<boolean | undefined>(undefined);

  // New documents for the open patient refresh its timeline by themselves.
  useEffect(
    () =>
      bridge.onDocumentsChanged((change) => {
        if (change.patientId === patientId) setReloadKey((n) => n + 1);
      }),
    [patientId],
  );

  const [forgotten, setForgotten] = useState(false);
  const forgetHere = async () => {
    forgetRecentPatient(patientId);
    await cache?.forgetPatient(patientId).catch(() => undefined);
    setForgotten(true);
  };

  const toggleFollow = async (follow: boolean) => {
    if (follow && 'Notification' in window && Notification.permission === 'default') {
      await Notification.requestPermission().catch(() => undefined);
    }
    const answer = await bridge.followPatient({ patientId, follow }).catch(() => undefined);
    if (answer) setFollowing(answer.following);
  };

  const cache = useRecordCache();

  const [accessAttempt, setAccessAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void openRecord(patientId, cache).then((answer) => {
      if (live) setOpened(answer);
    });
    return () => {
      live = false;
    };
  }, [patientId, cache, accessAttempt]);

  // An exceptional mode ends by itself: the record closes with it.
  const access = opened && 'patient' in opened ? opened.access : undefined;
  const exceptionalMode =
    access?.basis === 'break-glass' || access?.basis === 'regulation' ? access.basis : undefined;
  const modeUntil = exceptionalMode ? access?.until : undefined;
  useEffect(() => {
    if (!exceptionalMode || !modeUntil) return;
    const timer = setTimeout(
      () =>
        setOpened({
          failure:
            exceptionalMode === 'break-glass' ? 'errors.breakGlassEnded' : 'errors.regulationEnded',
        }),
      Math.max(0, new Date(modeUntil).getTime() - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [exceptionalMode, modeUntil]);

  const endMode = async (mode: 'break-glass' | 'regulation') => {
    await bridge.endExceptionalAccess({ patientId }).catch(() => undefined);
    setOpened({
      failure: mode === 'break-glass' ? 'errors.breakGlassEnded' : 'errors.regulationEnded',
    });
  };

  const online = opened === undefined || !('patient' in opened) ? undefined : !opened.offline;
  const record = usePatientRecord(patientId, scope, reloadKey, cache, online);
  const offline = record.offline;

  // Offline, the view checks for the source now and then, and refreshes by itself once it is back.
  useEffect(() => {
    if (!offline) return;
    const timer = setInterval(() => {
      void bridge
        .openPatient({ patientId })
        .then((answer) => {
          setOpened(answer);
          setReloadKey((n) => n + 1);
        })
        .catch(() => undefined);
    }, RECONNECT_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [offline, patientId]);
  const onText = useCallback((logicalId: string, text: string) => {
    setTexts((previous) => new Map(previous).set(logicalId, text));
  }, []);
  const visible = useMemo(
    () => filterTimeline(record.entries, filter, texts),
    [record.entries, filter, texts],
  );
  const choices = useFilterChoices(record.documents);
  const selected = record.entries.find((entry) => entry.key === selectedKey);
  const lastVisit = opened && 'patient' in opened ? opened.lastVisit : undefined;
  const newCount = useMemo(
    () => record.entries.filter((entry) => noveltyOf(entry, lastVisit) !== undefined).length,
    [record.entries, lastVisit],
  );

  if (opened && 'failure' in opened && opened.failure === 'errors.consentRequired') {
    return (
      <AccessStep
        patientId={patientId}
        mayRegulate={mayRegulate}
        onGranted={() => setAccessAttempt((n) => n + 1)}
        onCancel={onClose}
      />
    );
  }
  if (opened && 'failure' in opened) {
    return (
      <div role="alert" className="error">
        {t(opened.failure)}
        <button type="button" onClick={onClose}>
          {t('timeline.back')}
        </button>
      </div>
    );
  }
  if (!opened)
    return (
      <p role="status" className="muted">
        {t('patients.loading')}
      </p>
    );

  return (
    <div className="patient-view">
      <div className="patient-view-top">
        <button type="button" className="secondary" onClick={onClose}>
          ← {t('timeline.back')}
        </button>
        <IdentityBanner patient={opened.patient} />
        <button
          type="button"
          className="secondary"
          aria-pressed={following ?? opened.following}
          title={t('notifications.followingHint')}
          onClick={() => void toggleFollow(!(following ?? opened.following))}
        >
          {t((following ?? opened.following) ? 'notifications.unfollow' : 'notifications.follow')}
        </button>
        <button type="button" className="secondary" onClick={() => void forgetHere()}>
          {t('offline.forget')}
        </button>
      </div>
      <p className="muted visit-line" data-testid="visit-line">
        {lastVisit
          ? t('timeline.lastVisit', { date: formatDate(i18n.language, lastVisit, true) })
          : t('timeline.firstVisit')}
        {newCount > 0 ? <strong> · {t('timeline.newSince', { count: newCount })}</strong> : null}
      </p>
      {exceptionalMode && modeUntil ? (
        <AccessModeBanner
          mode={exceptionalMode}
          until={modeUntil}
          onEnd={() => void endMode(exceptionalMode)}
        />
      ) : null}
      {access?.basis === 'care-team' || access?.basis === 'non-opposition' ? (
        <p className="muted access-basis" data-testid="access-basis">
          {t(access.basis === 'care-team' ? 'access.basisCareTeam' : 'access.basisNonOpposition')}
        </p>
      ) : null}
      {offline ? <OfflineBanner offline={offline} /> : null}
      {forgotten ? (
        <p className="muted" role="status" data-testid="forgotten-notice">
          {t('offline.forgotten')}
        </p>
      ) : null}
      <div className="scope-notice" role="note" data-testid="scope-notice">
        <span>{t(scope === 'recent' ? 'timeline.filteredNotice' : 'timeline.allNotice')}</span>
        <button
          type="button"
          className="secondary"
          onClick={() => setScope(scope === 'recent' ? 'all' : 'recent')}
        >
          {t(scope === 'recent' ? 'timeline.widen' : 'timeline.narrow')}
        </button>
      </div>
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'timeline'}
          onClick={() => setTab('timeline')}
        >
          {t('timeline.tabTimeline')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'results'}
          onClick={() => setTab('results')}
        >
          {t('timeline.tabResults')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'imaging'}
          onClick={() => setTab('imaging')}
        >
          {t('imaging.tab', { count: record.studies.length })}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'audit'}
          onClick={() => setTab('audit')}
        >
          {t('audit.tab')}
        </button>
      </div>
      {record.failure ? (
        <div role="alert" className="error">
          {t(record.failure)}
          <button type="button" onClick={() => setReloadKey((n) => n + 1)}>
            {t('timeline.retry')}
          </button>
        </div>
      ) : null}
      {record.imagingFailure || record.imagingUnavailable.length > 0 ? (
        <p role="alert" className="warning">
          {record.imagingFailure
            ? t('timeline.imagingFailed')
            : t('timeline.imagingUnavailable', { sources: record.imagingUnavailable.join(', ') })}
        </p>
      ) : null}
      {tab === 'timeline' ? (
        <div className="patient-panes">
          <div className="timeline-pane">
            <TimelineFilters filter={filter} choices={choices} onChange={setFilter} />
            <p className="muted" role="status" data-testid="timeline-status">
              {record.loading
                ? t('timeline.loadingPages', { count: record.documents.length })
                : t('timeline.loaded', { count: visible.length })}
              {record.skipped > 0 ? ` · ${t('timeline.skipped', { count: record.skipped })}` : null}
              {record.restricted > 0
                ? ` · ${t('timeline.restricted', { count: record.restricted })}`
                : null}
            </p>
            {visible.length === 0 && !record.loading ? (
              <p className="muted">{t('timeline.empty')}</p>
            ) : null}
            <TimelineList
              entries={visible}
              selectedKey={selectedKey}
              lastVisit={lastVisit}
              onSelect={setSelectedKey}
            />
          </div>
          <div className="detail-pane">
            {selected?.kind === 'document' ? (
              <DocumentWithHistory
                key={selected.key}
                patientId={patientId}
                document={selected.document}
                history={selected.history}
                onText={onText}
              />
            ) : null}
            {selected?.kind === 'exam' ? (
              <ExamPane
                key={selected.key}
                patientId={patientId}
                exam={selected}
                gatewayBase={gatewayBase}
                onText={onText}
                onOpenImaging={openImaging}
              />
            ) : null}
            {!selected ? <p className="muted">{t('timeline.selectPrompt')}</p> : null}
          </div>
        </div>
      ) : null}
      {tab === 'imaging' ? (
        <Suspense fallback={<p className="muted">{t('imaging.state.loading')}</p>}>
          <ImagingTab
            patient={opened.patient}
            studies={record.studies}
            sources={imagingSources}
            open={imagingOpen}
          />
        </Suspense>
      ) : null}
      {tab === 'audit' ? <AccessHistoryTab patientId={patientId} /> : null}
      {tab === 'results' ? (
        <LabResultsTab
          patientId={patientId}
          documents={record.documents}
          onOpenDocument={(logicalId) => {
            setTab('timeline');
            setFilter(emptyFilter);
            setSelectedKey(`doc:${logicalId}`);
          }}
        />
      ) : null}
    </div>
  );
}
