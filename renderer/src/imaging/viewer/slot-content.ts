/** What one viewport of the grid shows: a series of a study, possibly narrowed to some instances. */
export interface SlotContent {
  /** Changes whenever the content is replaced, so the viewport reloads. */
  key: string;
  sourceId: string;
  gatewayBase: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /** SOP instance UIDs to show (a KOS selection); all instances when absent. */
  only?: readonly string[];
}

export const SERIES_DRAG_TYPE = 'application/x-regard-series';

export interface DraggedSeries {
  sourceId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

export function parseDraggedSeries(text: string): DraggedSeries | undefined {
  try {
    const value = JSON.parse(text) as Partial<DraggedSeries>;
    const uid = /^[0-9.]{1,64}$/;
    return typeof value.sourceId === 'string' &&
      uid.test(value.studyInstanceUid ?? '') &&
      uid.test(value.seriesInstanceUid ?? '')
      ? (value as DraggedSeries)
      : undefined;
  } catch {
    return undefined;
  }
}
