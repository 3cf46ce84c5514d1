import { createI18n } from '../i18n/translate';
import type { Language } from '../i18n/resources';

/** Looks a label up in the `forms` namespace of one language. */
export type FormsT = (key: string, params?: Record<string, string | number>) => string;

// One i18next instance per language for the life of the process: building it costs more than a whole render.
const cache = new Map<Language, Promise<FormsT>>();

export function formsT(lang: Language): Promise<FormsT> {
  let t = cache.get(lang);
  if (!t) {
    t = createI18n(lang).then((i18n) => {
      const fixed = i18n.getFixedT(lang, 'forms');
      return (key: string, params?: Record<string, string | number>) => String(fixed(key, params ?? {}));
    });
    cache.set(lang, t);
  }
  return t;
}
