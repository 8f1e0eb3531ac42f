/**
 * A Key Object Selection manifest, reduced to what the viewer opens: the instances it references
 * (from its evidence sequence, with each series' retrieve URL) and which of them are key images.
 */
export interface KosSeriesReference {
  seriesInstanceUid: string;
  retrieveUrl: string | undefined;
  sopInstanceUids: string[];
}

export interface KosManifest {
  sopInstanceUid: string | undefined;
  description: string | undefined;
  studies: { studyInstanceUid: string; series: KosSeriesReference[] }[];
  /** SOP instance UIDs of the key images in the content tree. */
  keyImages: string[];
}

/** The series and instances to open: all referenced ones, or only the key images. */
export function kosSelection(
  manifest: KosManifest,
  keyImagesOnly: boolean,
): { studyInstanceUid: string; series: KosSeriesReference[] }[] {
  const keys = new Set(manifest.keyImages);
  return manifest.studies
    .map((study) => ({
      studyInstanceUid: study.studyInstanceUid,
      series: study.series
        .map((series) => ({
          ...series,
          sopInstanceUids: keyImagesOnly
            ? series.sopInstanceUids.filter((uid) => keys.has(uid))
            : series.sopInstanceUids,
        }))
        .filter((series) => series.sopInstanceUids.length > 0),
    }))
    .filter((study) => study.series.length > 0);
}
