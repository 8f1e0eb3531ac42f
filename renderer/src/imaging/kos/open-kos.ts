import { bridge } from '../../bridge/bridge';
import type { RecordCache } from '../../cache/record-cache';
import { retrieveDocumentBytes } from '../../documents/retrieve-document';
import { kosSelection, type KosManifest } from '../../../../shared/imaging/kos';
import type { ImagingSource } from '../viewer/ImagingViewer';
import type { SlotContent } from '../viewer/slot-content';
import { parseKos } from './parse-kos';

/** Retrieves a KOS manifest from the record and reads it. */
export async function loadKosManifest(
  patientId: string,
  logicalId: string,
  cache: RecordCache | undefined,
): Promise<KosManifest> {
  const { bytes } = await retrieveDocumentBytes(patientId, logicalId, cache);
  return parseKos(bytes);
}

/**
 * The viewports a KOS fills: each referenced series, narrowed to the referenced instances (or to
 * the key images), fetched from where its retrieve URL points, through that source's gateway.
 */
export async function kosSlots(
  manifest: KosManifest,
  keyImagesOnly: boolean,
  sources: readonly ImagingSource[],
  fallbackSourceId: string | undefined,
): Promise<Omit<SlotContent, 'key'>[]> {
  const selection = kosSelection(manifest, keyImagesOnly);
  const slots = await Promise.all(
    selection.flatMap((study) =>
      study.series.map(async (series): Promise<Omit<SlotContent, 'key'> | undefined> => {
        const resolved = series.retrieveUrl
          ? await bridge.resolveImagingUrl({ url: series.retrieveUrl })
          : undefined;
        const sourceId = resolved?.sourceId ?? fallbackSourceId;
        const gatewayBase = sources.find((source) => source.id === sourceId)?.gatewayBase;
        if (!sourceId || !gatewayBase) return undefined;
        return {
          sourceId,
          gatewayBase,
          studyInstanceUid: study.studyInstanceUid,
          seriesInstanceUid: series.seriesInstanceUid,
          only: series.sopInstanceUids,
        };
      }),
    ),
  );
  return slots.filter((slot): slot is Omit<SlotContent, 'key'> => slot !== undefined);
}
