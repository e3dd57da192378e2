import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { es } from './es.ts';

/** Keys the UI asked for that a language lacks; the e2e test reads this and fails on any. */
export const missingKeys: string[] = [];

declare global {
  interface Window {
    __plazaMissingKeys?: string[];
  }
}

/** Languages the UI speaks. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

function initialLanguage(): Language {
  const stored = localStorage.getItem('plaza.lang');
  if (stored === 'en' || stored === 'es') return stored;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: initialLanguage(),
  // No fallback: a missing Spanish string must show up (and fail the test), not silently read English.
  fallbackLng: false,
  interpolation: { escapeValue: false },
  saveMissing: true,
  missingKeyHandler: (languages, _namespace, key) => {
    missingKeys.push(`${languages.join(',')}:${key}`);
  },
  returnNull: false,
});
window.__plazaMissingKeys = missingKeys;
document.documentElement.lang = i18next.language;
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  localStorage.setItem('plaza.lang', language);
});

export default i18next;
