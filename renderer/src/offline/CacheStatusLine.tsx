import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CacheStatus } from '../cache/cache-status';
import { useRecordCache } from './record-cache-context';

const OFF_KEYS = {
  'no-key-store': 'cache.off.noKeyStore',
  failed: 'cache.off.failed',
  purged: 'cache.off.purged',
} as const;
const RESET_KEYS = {
  'key-renewed': 'cache.reset.keyRenewed',
  'key-changed': 'cache.reset.keyChanged',
} as const;

/** Says whether the local cache is on and how its key is kept, and when it had to be reset. */
export function CacheStatusLine() {
  const { t } = useTranslation();
  const cache = useRecordCache();
  const [status, setStatus] = useState<CacheStatus | undefined>(cache?.status);

  useEffect(() => {
    if (!cache) return;
    queueMicrotask(() => setStatus(cache.status));
    return cache.onStatusChange(setStatus);
  }, [cache]);

  if (!status) return null;
  if (status.state === 'off') {
    return (
      <p className="cache-status warning" data-testid="cache-status" data-state="off">
        {t(OFF_KEYS[status.reason])}
      </p>
    );
  }
  return (
    <p className="cache-status muted" data-testid="cache-status" data-state="on">
      {t(status.protection === 'os-keystore' ? 'offline.cacheOnKeystore' : 'offline.cacheOnFile')}
      {status.reset ? ` · ${t(RESET_KEYS[status.reset])}` : null}
      {status.unreadable > 0 ? ` · ${t('cache.unreadable', { count: status.unreadable })}` : null}
    </p>
  );
}
