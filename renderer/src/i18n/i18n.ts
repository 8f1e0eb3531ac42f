import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../shared/i18n/locales/en.json';
import fr from '../../../shared/i18n/locales/fr.json';

export const supportedLocales = ['fr', 'en'] as const;
export type Locale = (typeof supportedLocales)[number];

/** French first: the default and the fallback; English second. */
export async function initI18n(locale: Locale = 'fr'): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}
