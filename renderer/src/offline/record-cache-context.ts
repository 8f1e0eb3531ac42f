import { createContext, useContext } from 'react';
import type { RecordCache } from '../cache/record-cache';

/** The encrypted local cache, opened once at start; undefined until it is. */
export const RecordCacheContext = createContext<RecordCache | undefined>(undefined);

export function useRecordCache(): RecordCache | undefined {
  return useContext(RecordCacheContext);
}
