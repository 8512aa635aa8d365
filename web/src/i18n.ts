import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './i18n-en';
import { th, type Messages } from './i18n-th';

export type Lang = 'th' | 'en';
export const MESSAGES: Record<Lang, Messages> = { th, en };

const STORAGE_KEY = 'kaejon.lang';

/** Thai unless the user switched to English on this device. */
export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
}

export interface I18n {
  lang: Lang;
  t: Messages;
  setLang(lang: Lang): void;
}
export const I18nContext = createContext<I18n>({ lang: 'th', t: th, setLang: () => undefined });
export const useI18n = (): I18n => useContext(I18nContext);

/** A label from one of the message maps, or the raw code when the map lacks it. */
export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return map[code] ?? code;
}
