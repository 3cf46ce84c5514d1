import type common from './locales/kk/common.json';
import type errors from './locales/kk/errors.json';
import type identity from './locales/kk/identity.json';
import type catalogue from './locales/kk/catalogue.json';
import type intake from './locales/kk/intake.json';
import type outbox from './locales/kk/outbox.json';
import type signing from './locales/kk/signing.json';
import type scanning from './locales/kk/scanning.json';
import type forms from './locales/kk/forms.json';
import type print from './locales/kk/print.json';
import type register from './locales/kk/register.json';

// Every key the Kazakh strings define (parity with Russian is tested in shared/i18n/parity.test.ts), as a type.
// A key built from a template string, t(i18nKey(`outbox:status.${s}`)), then type-checks only when every value
// `s` can take names a real key — a new status without a string fails `npm run typecheck`, not the operator.
type Strings = { common: typeof common; errors: typeof errors; identity: typeof identity; catalogue: typeof catalogue; intake: typeof intake; outbox: typeof outbox; signing: typeof signing; scanning: typeof scanning; forms: typeof forms; print: typeof print; register: typeof register };

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type Base<K extends string> = K extends `${infer B}${PluralSuffix}` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Base<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type I18nKey = { [N in keyof Strings]: `${N}:${Leaves<Strings[N]>}` }[keyof Strings];

/** Marks a key built at run time so the compiler checks it against the strings. */
export const i18nKey = <K extends I18nKey>(key: K): K => key;
