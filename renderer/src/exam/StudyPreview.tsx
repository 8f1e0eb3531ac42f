import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SeriesPreview {
  seriesUid: string;
  description: string | undefined;
  modality: string | undefined;
  middleInstanceUid: string | undefined;
}

type DicomJson = Record<string, { Value?: unknown[] } | undefined>;
const value = (item: DicomJson, tag: string): string | undefined => {
  const first = item[tag]?.Value?.[0];
  return typeof first === 'string' ? first : undefined;
};
const UID = /^[0-9.]{1,64}$/;

async function getJson(url: string, signal: AbortSignal): Promise<DicomJson[]> {
  const response = await fetch(url, { headers: { accept: 'application/dicom+json' }, signal });
  if (!response.ok) throw new Error(String(response.status));
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : [];
  return Array.isArray(parsed) ? (parsed as DicomJson[]) : [];
}

/**
 * A first look at a study beside its report: one rendered image per series, fetched through the
 * host's gateway (WADO-RS rendered). The diagnostic viewer opens the pixels themselves.
 */
export function StudyPreview({
  gatewayBase,
  studyInstanceUid,
}: {
  gatewayBase: string;
  studyInstanceUid: string;
}) {
  const { t } = useTranslation();
  const [series, setSeries] = useState<SeriesPreview[] | 'failed' | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    const base = `${gatewayBase}studies/${studyInstanceUid}`;
    const load = async () => {
      const list = await getJson(`${base}/series`, controller.signal);
      const previews = await Promise.all(
        list.map(async (item): Promise<SeriesPreview | undefined> => {
          const seriesUid = value(item, '0020000E');
          if (!seriesUid || !UID.test(seriesUid)) return undefined;
          const instances = await getJson(
            `${base}/series/${seriesUid}/instances`,
            controller.signal,
          );
          const uids = instances
            .map((instance) => value(instance, '00080018'))
            .filter((uid): uid is string => !!uid && UID.test(uid));
          return {
            seriesUid,
            description: value(item, '0008103E'),
            modality: value(item, '00080060'),
            middleInstanceUid: uids[Math.floor(uids.length / 2)],
          };
        }),
      );
      setSeries(
        previews.filter(
          (preview): preview is SeriesPreview => preview !== undefined && preview.modality !== 'KO',
        ),
      );
    };
    load().catch(() => {
      if (!controller.signal.aborted) setSeries('failed');
    });
    return () => controller.abort();
  }, [gatewayBase, studyInstanceUid]);

  if (series === undefined)
    return (
      <p role="status" className="muted">
        {t('timeline.examLoading')}
      </p>
    );
  if (series === 'failed')
    return (
      <p role="alert" className="error">
        {t('timeline.examFailed')}
      </p>
    );
  return (
    <ul className="series-previews">
      {series.map((item) => (
        <li key={item.seriesUid} data-testid="series-preview">
          {item.middleInstanceUid ? (
            <img
              alt={item.description ?? item.modality ?? ''}
              loading="lazy"
              src={`${gatewayBase}studies/${studyInstanceUid}/series/${item.seriesUid}/instances/${item.middleInstanceUid}/rendered`}
            />
          ) : null}
          <span>{[item.modality, item.description].filter(Boolean).join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}
