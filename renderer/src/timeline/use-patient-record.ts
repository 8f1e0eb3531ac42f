import { useEffect, useMemo, useState } from 'react';
import type { InvokeResponse } from '../../../shared/bridge/api';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import type { DocumentEntry } from '../../../shared/domain/document';
import type { StudySummary } from '../../../shared/domain/study';
import { buildTimeline } from '../../../shared/timeline/build-timeline';
import type { TimelineEntry } from '../../../shared/timeline/timeline-entry';
import { bridge } from '../bridge/bridge';
import type { RecordCache } from '../cache/record-cache';
import { isSourceUnavailable, offlineAsOf, type OfflineView } from '../offline/offline-state';

export type RecordScope = 'recent' | 'all';

export interface PatientRecordState {
  entries: TimelineEntry[];
  documents: DocumentEntry[];
  /** Still fetching further pages. */
  loading: boolean;
  total: number | undefined;
  skipped: number;
  /** Documents left out because this user's profession may not read them. */
  restricted: number;
  /** Message key of a failure; what was loaded before it stays. */
  failure: string | undefined;
  /** Set when the source is unreachable and the cache stands in. */
  offline: OfflineView | undefined;
  imagingUnavailable: string[];
  imagingFailure: string | undefined;
}

type LoadState = Omit<PatientRecordState, 'entries' | 'documents'>;

const initial: LoadState = {
  loading: true,
  total: undefined,
  skipped: 0,
  restricted: 0,
  failure: undefined,
  offline: undefined,
  imagingUnavailable: [],
  imagingFailure: undefined,
};

type DocumentPage = InvokeResponse<'listDocuments'>;

/**
 * Loads a patient's documents page by page (the first rows show as soon as the first page
 * arrives) and their studies, keeps them in the encrypted cache, and merges them into one
 * timeline. When the source cannot be reached, the cached record stands in, marked offline.
 */
export function usePatientRecord(
  patientId: string,
  scope: RecordScope,
  reloadKey: number,
  cache: RecordCache | undefined,
  /**
   * False when the patient could only be opened from the cache: no source call is made.
   * Undefined while the patient is being opened: nothing is loaded yet.
   */
  online: boolean | undefined,
) {
  const [documents, setDocuments] = useState<DocumentEntry[]>([]);
  const [studies, setStudies] = useState<StudySummary[]>([]);
  const [state, setState] = useState<LoadState>(initial);

  useEffect(() => {
    let live = true;
    const collected: DocumentEntry[] = [];
    const update = (patch: Partial<LoadState>) => {
      if (live) setState((previous) => ({ ...previous, ...patch }));
    };

    const fromCache = async (): Promise<boolean> => {
      const cached = (await cache?.list('documents', patientId)) ?? [];
      const cachedStudies = (await cache?.list('studies', patientId)) ?? [];
      if (!live || cached.length === 0) return false;
      setDocuments(cached.map((item) => item.value));
      setStudies(cachedStudies.map((item) => item.value.summary));
      update({ loading: false, offline: offlineAsOf(cached.map((item) => item.storedAt)) });
      return true;
    };

    const loadPages = async () => {
      let cursor: string | undefined;
      let skipped = 0;
      let restricted = 0;
      try {
        do {
          const page: DocumentPage = await bridge.listDocuments({
            patientId,
            scope,
            ...(cursor ? { cursor } : {}),
          });
          if (!live) return;
          collected.push(...page.documents);
          skipped += page.skipped;
          restricted += page.restricted;
          cursor = page.next;
          setDocuments([...collected]);
          update({ total: page.total, skipped, restricted, loading: cursor !== undefined });
          void cache?.put(
            'documents',
            patientId,
            page.documents.map((document) => ({ id: document.logicalId, value: document })),
          );
        } while (cursor && live);
      } catch (error) {
        const failure = bridgeFailureOf(error);
        // The reason stays on screen next to the cached record standing in for the source.
        if (collected.length === 0 && isSourceUnavailable(failure)) await fromCache();
        update({ loading: false, failure: failure.messageKey });
      }
    };

    const loadStudies = async () => {
      try {
        const found = await bridge.listStudies({ patientId });
        if (!live) return;
        setStudies(found.studies);
        update({ imagingUnavailable: found.unavailable });
        void cache?.put(
          'studies',
          patientId,
          found.studies.map((study) => ({ id: study.studyInstanceUid, value: { summary: study } })),
        );
      } catch (error) {
        update({ imagingFailure: bridgeFailureOf(error).messageKey });
      }
    };

    void Promise.resolve().then(() => {
      if (!live || online === undefined) return;
      setDocuments([]);
      setState(initial);
      if (!online) {
        void fromCache().then((found) => {
          if (!found) update({ loading: false, failure: 'errors.recordsUnreachable' });
        });
        return;
      }
      void loadPages();
      void loadStudies();
    });
    return () => {
      live = false;
    };
  }, [patientId, scope, reloadKey, cache, online]);

  const entries = useMemo(() => buildTimeline(documents, studies), [documents, studies]);
  return { ...state, entries, documents, studies };
}
