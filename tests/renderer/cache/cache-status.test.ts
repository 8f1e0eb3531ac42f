import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { cacheStatusMessageKey, type CacheStatus } from '../../../renderer/src/cache/cache-status';
import en from '../../../shared/i18n/locales/en.json';
import fr from '../../../shared/i18n/locales/fr.json';

const STATUSES: CacheStatus[] = [
  { state: 'off', reason: 'no-key-store' },
  { state: 'off', reason: 'failed' },
  { state: 'off', reason: 'purged' },
  { state: 'on', protection: 'os-keystore', reset: 'key-renewed', unreadable: 0 },
  { state: 'on', protection: 'os-keystore', reset: 'key-changed', unreadable: 0 },
  { state: 'on', protection: 'user-file', reset: undefined, unreadable: 1 },
  { state: 'on', protection: 'user-file', reset: undefined, unreadable: 3 },
];

describe('what the interface says of the cache', () => {
  it('has a message in French and English for every status that needs one', async () => {
    const t = i18next.createInstance();
    await t.init({ resources: { fr: { translation: fr }, en: { translation: en } } });
    for (const status of STATUSES) {
      const key = cacheStatusMessageKey(status);
      if (!key) throw new Error(`no message for ${JSON.stringify(status)}`);
      for (const lng of ['fr', 'en']) {
        const count = status.state === 'on' ? status.unreadable : undefined;
        const text = t.t(key, { lng, count });
        expect(text, `${lng} ${key}`).not.toBe(key);
        if (count && count > 1) expect(text).toContain(String(count));
      }
    }
  });

  it('says nothing when all is well', () => {
    expect(
      cacheStatusMessageKey({
        state: 'on',
        protection: 'os-keystore',
        reset: undefined,
        unreadable: 0,
      }),
    ).toBeUndefined();
  });
});
