import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

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

/**
 * Each language's texts are a chunk of their own, loaded when the language is first used (at start,
 * or on a switch: changeLanguage waits for it), so the first load carries one language, not all.
 */
const lazyLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    (language === 'es' ? import('./es.ts').then((m) => m.es) : import('./en.ts').then((m) => m.en)).then(
      (texts) => callback(null, texts),
      (error: Error) => callback(error, null),
    );
  },
};

/** Resolves once the first language's texts are in: render the app after it. */
export const i18nReady = i18next
  .use(lazyLanguages)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    supportedLngs: [...LANGUAGES],
    ns: ['translation'],
    react: { useSuspense: false },
    // No fallback: a missing Spanish string must show up (and fail the test), not silently read English.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (languages, _namespace, key) => {
      missingKeys.push(`${languages.join(',')}:${key}`);
    },
    returnNull: false,
    // Ask for the language file now, not a task later: it is on the first render's critical path.
    initAsync: false,
  });
window.__plazaMissingKeys = missingKeys;
document.documentElement.lang = i18next.language;
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  localStorage.setItem('plaza.lang', language);
});

export default i18next;
