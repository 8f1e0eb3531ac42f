import en from '../../shared/i18n/locales/en.json';
import fr from '../../shared/i18n/locales/fr.json';

/**
 * The few messages the main process shows itself, before any page exists to translate them. They
 * come from the same catalogues as the renderer's; French is the default.
 */
export type StartupMessageKey = keyof typeof fr.startup;

export function startupMessage(systemLocale: string, key: StartupMessageKey): string {
  const catalog = systemLocale.toLowerCase().startsWith('en') ? en : fr;
  return catalog.startup[key];
}
