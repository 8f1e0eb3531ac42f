import { cache, imageLoader } from '@cornerstonejs/core';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import type { SeriesModel } from '../../../../shared/imaging/series-model';
import { frameImageId } from '../cornerstone/frame-loader';
import { loadSeriesModel } from './dicomweb-queries';

export interface SeriesRef {
  gatewayBase: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

export interface LoadedSeries {
  model: SeriesModel;
  /** One image id per frame, in display order. */
  imageIds: string[];
}

const keyOf = (ref: SeriesRef) =>
  `${ref.gatewayBase}|${ref.studyInstanceUid}|${ref.seriesInstanceUid}`;

/**
 * The series a viewer has open: metadata fetched once per series, image ids registered with the
 * DICOM image loader, and everything dropped (metadata, decoded images) when the last viewport
 * showing the series lets go of it.
 */
export class SeriesStore {
  private readonly entries = new Map<string, { users: number; loading: Promise<LoadedSeries> }>();

  acquire(ref: SeriesRef): Promise<LoadedSeries> {
    const key = keyOf(ref);
    const existing = this.entries.get(key);
    if (existing) {
      existing.users++;
      return existing.loading;
    }
    const loading = loadSeriesModel(
      ref.gatewayBase,
      ref.studyInstanceUid,
      ref.seriesInstanceUid,
    ).then((model) => {
      const imageIds = model.images.map((image) => {
        const imageId = frameImageId(
          ref.gatewayBase,
          model.studyInstanceUid,
          model.seriesInstanceUid,
          image.sopInstanceUid,
          image.frame,
        );
        wadors.metaDataManager.add(imageId, image.metadata as never);
        return imageId;
      });
      return { model, imageIds };
    });
    const entry = { users: 1, loading };
    this.entries.set(key, entry);
    // A failed load is forgotten so that a retry fetches again.
    loading.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return loading;
  }

  release(ref: SeriesRef): void {
    const key = keyOf(ref);
    const entry = this.entries.get(key);
    if (!entry || --entry.users > 0) return;
    this.entries.delete(key);
    void entry.loading.then(
      ({ imageIds }) => forgetImages(imageIds),
      () => undefined,
    );
  }

  releaseAll(): void {
    for (const [key, entry] of this.entries) {
      this.entries.delete(key);
      void entry.loading.then(
        ({ imageIds }) => forgetImages(imageIds),
        () => undefined,
      );
    }
  }
}

function forgetImages(imageIds: readonly string[]): void {
  for (const imageId of imageIds) {
    imageLoader.cancelLoadImage(imageId);
    if (cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId);
    wadors.metaDataManager.remove(imageId);
  }
}
