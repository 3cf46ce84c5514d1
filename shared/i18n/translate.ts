import { createInstance, type i18n, type Module } from 'i18next';
import { defaultLanguage, namespaces, resources, type Language } from './resources';

/** A standalone i18next instance: used by the renderer (through react-i18next), by printed forms and by tests. */
export async function createI18n(lng: Language = defaultLanguage, plugins: Module[] = []): Promise<i18n> {
  const instance = createInstance();
  for (const plugin of plugins) instance.use(plugin);
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
