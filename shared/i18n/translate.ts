import { createInstance, type i18n } from 'i18next';
import { defaultLanguage, namespaces, resources, type Language } from './resources';

/** A standalone i18next instance: used by the renderer (through react-i18next), by printed forms and by tests. */
export async function createI18n(lng: Language = defaultLanguage): Promise<i18n> {
  const instance = createInstance();
  await instance.init({
    lng,
    fallbackLng: false,
    supportedLngs: ['kk', 'ru'],
    ns: [...namespaces],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
