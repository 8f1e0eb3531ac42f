import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import type { PatientSummary } from '../../../shared/domain/patient';
import type { StudySummary } from '../../../shared/domain/study';
import type { KosManifest } from '../../../shared/imaging/kos';
import { useRecordCache } from '../offline/record-cache-context';
import { StudyBrowser } from './browser/StudyBrowser';
import { KosError } from './kos/parse-kos';
import { kosSlots, loadKosManifest } from './kos/open-kos';
import { ImagingViewer, type ImagingSource, type ViewerRequest } from './viewer/ImagingViewer';

/** What the timeline asks the imaging tab to open. */
export type ImagingOpen =
  | { kind: 'study'; study: StudySummary; nonce: number }
  | { kind: 'compare'; study: StudySummary; nonce: number }
  | { kind: 'kos'; logicalId: string; study: StudySummary | undefined; nonce: number };

/** An ImagingOpen before it is stamped (each case without its nonce). */
export type ImagingOpenRequest = ImagingOpen extends infer Case
  ? Case extends ImagingOpen
    ? Omit<Case, 'nonce'>
    : never
  : never;

/** The patient's imaging: study browser beside the viewer; a KOS opens exactly what it lists. */
export function ImagingTab({
  patient,
  studies,
  sources,
  open,
}: {
  patient: PatientSummary;
  studies: readonly StudySummary[];
  sources: readonly ImagingSource[];
  open: ImagingOpen | undefined;
}) {
  const { t } = useTranslation();
  const cache = useRecordCache();
  const [request, setRequest] = useState<ViewerRequest | undefined>(undefined);
  const [kos, setKos] = useState<
    { manifest: KosManifest; sourceId: string | undefined } | undefined
  >(undefined);
  const [keyImagesOnly, setKeyImagesOnly] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [openStudyUids, setOpenStudyUids] = useState<string[]>([]);
  const gatewayOf = useCallback(
    (sourceId: string) => sources.find((source) => source.id === sourceId)?.gatewayBase,
    [sources],
  );

  // A new request from the timeline replaces what the tab shows (adjusted while rendering).
  const [handled, setHandled] = useState<ImagingOpen | undefined>(undefined);
  if (open !== handled) {
    setHandled(open);
    setFailure(undefined);
    if (open && open.kind !== 'kos') {
      setKos(undefined);
      setRequest({ ...open });
    }
  }

  useEffect(() => {
    if (open?.kind !== 'kos') return;
    loadKosManifest(patient.id, open.logicalId, cache).then(
      (manifest) => setKos({ manifest, sourceId: open.study?.sourceId ?? sources[0]?.id }),
      (error: unknown) =>
        setFailure(
          error instanceof KosError
            ? t('imaging.kos.invalid')
            : t(bridgeFailureOf(error).messageKey),
        ),
    );
  }, [open, patient.id, cache, sources, t]);

  useEffect(() => {
    if (!kos) return;
    let live = true;
    kosSlots(kos.manifest, keyImagesOnly, sources, kos.sourceId).then(
      (slots) => {
        if (!live) return;
        if (slots.length === 0) setFailure(t('imaging.kos.nothing'));
        else setRequest({ kind: 'series', slots, nonce: Date.now() });
      },
      (error: unknown) => live && setFailure(t(bridgeFailureOf(error).messageKey)),
    );
    return () => {
      live = false;
    };
  }, [kos, keyImagesOnly, sources, t]);

  return (
    <div className="imaging-tab">
      <aside className="imaging-side">
        <StudyBrowser
          studies={studies}
          gatewayOf={gatewayOf}
          openStudyUids={openStudyUids}
          onOpenStudy={(study) => {
            setKos(undefined);
            setRequest({ kind: 'study', study, nonce: Date.now() });
          }}
          onOpenSeries={(series) => {
            const gatewayBase = gatewayOf(series.sourceId);
            if (gatewayBase)
              setRequest({ kind: 'place', slot: { ...series, gatewayBase }, nonce: Date.now() });
          }}
        />
      </aside>
      <div className="imaging-main">
        {kos ? (
          <div className="kos-bar" data-testid="kos-bar">
            <span>
              {t('imaging.kos.opened', {
                count: kos.manifest.studies.reduce(
                  (sum, study) =>
                    sum + study.series.reduce((n, series) => n + series.sopInstanceUids.length, 0),
                  0,
                ),
              })}
              {kos.manifest.description ? ` · ${kos.manifest.description}` : ''}
            </span>
            <label>
              <input
                type="checkbox"
                checked={keyImagesOnly}
                onChange={(event) => setKeyImagesOnly(event.target.checked)}
              />{' '}
              {t('imaging.kos.keyImagesOnly', { count: kos.manifest.keyImages.length })}
            </label>
          </div>
        ) : null}
        {failure ? (
          <p role="alert" className="error">
            {failure}
          </p>
        ) : null}
        <ImagingViewer
          patient={patient}
          studies={studies}
          sources={sources}
          request={request}
          onSlotsChanged={setOpenStudyUids}
        />
      </div>
    </div>
  );
}
