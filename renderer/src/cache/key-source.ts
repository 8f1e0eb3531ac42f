import type { RegardBridge } from '../../../shared/bridge/api';

/** Where the cache gets its key and forgets it: the bridge, in the app. */
export type KeySource = Pick<RegardBridge, 'getCacheKey' | 'forgetCacheKey'>;

export type KeyProtection = Awaited<ReturnType<KeySource['getCacheKey']>>['protection'];
