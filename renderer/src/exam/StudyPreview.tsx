import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  dicomNumber,
  dicomString,
  dicomUid,
  parseDicomJsonList,
  Tag,
  type DicomJsonDataset,
} from '../../../shared/dicom/dicom-json';
import type { StudySummary } from '../../../shared/domain/study';
import type { RecordCache } from '../cache/record-cache';
import { useRecordCache } from '../offline/record-cache-context';

interface SeriesPreview {
  seriesUid: string;
  description: string | null;
  modality: string | null;
  /** Gateway path (below the source) of the series' middle image, rendered. */
  imagePath: string | null;
}

interface ShownPreview extends SeriesPreview {
  imageUrl: string | undefined;
}

const NOT_IMAGES = new Set(['KO', 'PR', 'SR']);

async function getJson(url: string, signal: AbortSignal): Promise<DicomJsonDataset[]> {
  const response = await fetch(url, { headers: { accept: 'application/dicom+json' }, signal });
  if (!response.ok) throw new Error(String(response.status));
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : [];
  return parseDicomJsonList(parsed) ?? [];
}

async function listSeries(
  gatewayBase: string,
  studyUid: string,
  signal: AbortSignal,
): Promise<SeriesPreview[]> {
  const studyPath = `studies/${studyUid}`;
  const list = await getJson(`${gatewayBase}${studyPath}/series`, signal);
  const previews = await Promise.all(
    list.map(async (item): Promise<SeriesPreview | undefined> => {
      const seriesUid = dicomUid(item, Tag.seriesInstanceUid);
      const modality = dicomString(item, Tag.modality) ?? null;
      if (!seriesUid || (modality && NOT_IMAGES.has(modality))) return undefined;
      // Only the middle instance is needed: ask for that one (a CT lists hundreds).
      const count = dicomNumber(item, Tag.seriesRelatedInstances) ?? Number.NaN;
      const page = Number.isInteger(count) && count > 0 ? `?limit=1&offset=${count >> 1}` : '';
      const instances = await getJson(
        `${gatewayBase}${studyPath}/series/${seriesUid}/instances${page}`,
        signal,
      );
      const uids = instances.flatMap((instance) => {
        const uid = dicomUid(instance, Tag.sopInstanceUid);
        return uid ? [uid] : [];
      });
      const middle = page ? uids[0] : uids[Math.floor(uids.length / 2)];
      return {
        seriesUid,
        description: dicomString(item, Tag.seriesDescription) ?? null,
        modality,
        imagePath: middle ? `${studyPath}/series/${seriesUid}/instances/${middle}/rendered` : null,
      };
    }),
  );
  return previews.filter((preview): preview is SeriesPreview => preview !== undefined);
}

/** A rendered image: fetched through the gateway and kept in the cache, or read back offline. */
async function imageUrl(
  gatewayBase: string,
  path: string,
  patientId: string,
  cache: RecordCache | undefined,
  online: boolean,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (online) {
    const response = await fetch(`${gatewayBase}${path}`, {
      headers: { accept: 'image/jpeg' },
      signal,
    });
    if (!response.ok) return undefined;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? 'image/jpeg';
    void cache?.put('frames', patientId, [{ id: path, value: { contentType, bytes } }]);
    return URL.createObjectURL(new Blob([bytes], { type: contentType }));
  }
  const cached = await cache?.get('frames', patientId, path);
  return cached
    ? URL.createObjectURL(
        new Blob([new Uint8Array(cached.value.bytes)], { type: cached.value.contentType }),
      )
    : undefined;
}

/**
 * A first look at a study beside its report: one rendered image per series, fetched through the
 * host's gateway (WADO-RS rendered) and kept in the encrypted cache for offline reading. The
 * diagnostic viewer opens the pixels themselves.
 */
export function StudyPreview({
  gatewayBase,
  patientId,
  study,
}: {
  gatewayBase: string;
  patientId: string;
  study: StudySummary;
}) {
  const { t } = useTranslation();
  const cache = useRecordCache();
  const [series, setSeries] = useState<ShownPreview[] | 'failed' | undefined>(undefined);
  const studyUid = study.studyInstanceUid;
  // The summary is stored with the previews; a timeline rebuild gives an equal copy of it, which
  // must not fetch the images again.
  const summary = useRef(study);
  useEffect(() => {
    summary.current = study;
  }, [study]);

  useEffect(() => {
    const controller = new AbortController();
    const urls: string[] = [];
    const show = async (previews: SeriesPreview[], online: boolean) => {
      const shown = await Promise.all(
        previews.map(async (preview) => {
          const url = preview.imagePath
            ? await imageUrl(
                gatewayBase,
                preview.imagePath,
                patientId,
                cache,
                online,
                controller.signal,
              ).catch(() => undefined)
            : undefined;
          if (url) urls.push(url);
          return { ...preview, imageUrl: url };
        }),
      );
      if (!controller.signal.aborted) setSeries(shown);
    };
    const load = async () => {
      try {
        const previews = await listSeries(gatewayBase, studyUid, controller.signal);
        void cache?.put('studies', patientId, [
          { id: studyUid, value: { summary: summary.current, series: previews as never } },
        ]);
        await show(previews, true);
      } catch (error) {
        if (controller.signal.aborted) return;
        const cached = await cache?.get('studies', patientId, studyUid);
        const previews = cached?.value.series as SeriesPreview[] | undefined;
        if (!previews) throw error;
        await show(previews, false);
      }
    };
    load().catch(() => {
      if (!controller.signal.aborted) setSeries('failed');
    });
    return () => {
      controller.abort();
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [gatewayBase, studyUid, patientId, cache]);

  if (series === undefined) {
    return (
      <p role="status" className="muted">
        {t('timeline.examLoading')}
      </p>
    );
  }
  if (series === 'failed') {
    return (
      <p role="alert" className="error">
        {t('timeline.examFailed')}
      </p>
    );
  }
  return (
    <ul className="series-previews">
      {series.map((item) => (
        <li key={item.seriesUid} data-testid="series-preview">
          {item.imageUrl ? (
            <img alt={item.description ?? item.modality ?? ''} src={item.imageUrl} />
          ) : null}
          <span>{[item.modality, item.description].filter(Boolean).join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}
