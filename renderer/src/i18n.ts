import { initReactI18next } from 'react-i18next';
import { createI18n } from '@shared/i18n/translate';
import { defaultLanguage, languages, type Language } from '@shared/i18n/resources';

const storageKey = 'qabyldau.language';

export function savedLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  return (languages as readonly string[]).includes(saved ?? '') ? (saved as Language) : defaultLanguage;
}

export function saveLanguage(lng: Language) {
  localStorage.setItem(storageKey, lng);
  document.documentElement.lang = lng;
}

export async function setupI18n() {
  const lng = savedLanguage();
  const i18n = await createI18n(lng, [initReactI18next]);
  document.documentElement.lang = lng;
  return i18n;
}
