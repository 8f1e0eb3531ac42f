import { useEffect, useMemo, useState } from 'react';
import type { InvokeResponse } from '../../../shared/bridge/api';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import type { DocumentEntry } from '../../../shared/domain/document';
import type { StudySummary } from '../../../shared/domain/study';
import { buildTimeline } from '../../../shared/timeline/build-timeline';
import type { TimelineEntry } from '../../../shared/timeline/timeline-entry';
import { bridge } from '../bridge/bridge';

export type RecordScope = 'recent' | 'all';

export interface PatientRecordState {
  entries: TimelineEntry[];
  documents: DocumentEntry[];
  /** Still fetching further pages. */
  loading: boolean;
  total: number | undefined;
  skipped: number;
  /** Message key of a failure; what was loaded before it stays. */
  failure: string | undefined;
  imagingUnavailable: string[];
  imagingFailure: string | undefined;
}

const initial: PatientRecordState = {
  entries: [],
  documents: [],
  loading: true,
  total: undefined,
  skipped: 0,
  failure: undefined,
  imagingUnavailable: [],
  imagingFailure: undefined,
};

type DocumentPage = InvokeResponse<'listDocuments'>;

/**
 * Loads a patient's documents page by page (the first rows show as soon as the first page
 * arrives) and their studies, and merges them into one timeline. A new scope or patient cancels
 * what was still loading.
 */
export function usePatientRecord(patientId: string, scope: RecordScope, reloadKey: number) {
  const [documents, setDocuments] = useState<DocumentEntry[]>([]);
  const [studies, setStudies] = useState<StudySummary[]>([]);
  const [state, setState] = useState<Omit<PatientRecordState, 'entries' | 'documents'>>(initial);

  useEffect(() => {
    let live = true;
    const collected: DocumentEntry[] = [];
    const loadPages = async () => {
      let cursor: string | undefined;
      let skipped = 0;
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
          cursor = page.next;
          setDocuments([...collected]);
          setState((previous) => ({
            ...previous,
            total: page.total,
            skipped,
            loading: cursor !== undefined,
          }));
        } while (cursor && live);
      } catch (error) {
        if (live) {
          setState((previous) => ({
            ...previous,
            loading: false,
            failure: bridgeFailureOf(error).messageKey,
          }));
        }
      }
    };
    const loadStudies = async () => {
      try {
        const found = await bridge.listStudies({ patientId });
        if (!live) return;
        setStudies(found.studies);
        setState((previous) => ({ ...previous, imagingUnavailable: found.unavailable }));
      } catch (error) {
        if (live)
          setState((previous) => ({
            ...previous,
            imagingFailure: bridgeFailureOf(error).messageKey,
          }));
      }
    };
    void Promise.resolve().then(() => {
      if (!live) return;
      setDocuments([]);
      setState(initial);
      void loadPages();
      void loadStudies();
    });
    return () => {
      live = false;
    };
  }, [patientId, scope, reloadKey]);

  const entries = useMemo(() => buildTimeline(documents, studies), [documents, studies]);
  return { ...state, entries, documents };
}
