// One JSON file per namespace and language; a namespace belongs to one feature so features never edit each other's strings.
import kkCommon from './locales/kk/common.json';
import kkErrors from './locales/kk/errors.json';
import kkIdentity from './locales/kk/identity.json';
import kkCatalogue from './locales/kk/catalogue.json';
import kkIntake from './locales/kk/intake.json';
import kkOutbox from './locales/kk/outbox.json';
import kkSigning from './locales/kk/signing.json';
import kkScanning from './locales/kk/scanning.json';
import kkForms from './locales/kk/forms.json';
import kkPrint from './locales/kk/print.json';
import kkRegister from './locales/kk/register.json';
import ruCommon from './locales/ru/common.json';
import ruErrors from './locales/ru/errors.json';
import ruIdentity from './locales/ru/identity.json';
import ruCatalogue from './locales/ru/catalogue.json';
import ruIntake from './locales/ru/intake.json';
import ruOutbox from './locales/ru/outbox.json';
import ruSigning from './locales/ru/signing.json';
import ruScanning from './locales/ru/scanning.json';
import ruForms from './locales/ru/forms.json';
import ruPrint from './locales/ru/print.json';
import ruRegister from './locales/ru/register.json';

export const languages = ['kk', 'ru'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'kk';

export const namespaces = [
  'common',
  'errors',
  'identity',
  'catalogue',
  'intake',
  'outbox',
  'signing',
  'scanning',
  'forms',
  'print',
  'register',
] as const;
export type Namespace = (typeof namespaces)[number];

type Tree = { [key: string]: string | Tree };

export const resources: Record<Language, Record<Namespace, Tree>> = {
  kk: {
    common: kkCommon,
    errors: kkErrors,
    identity: kkIdentity,
    catalogue: kkCatalogue,
    intake: kkIntake,
    outbox: kkOutbox,
    signing: kkSigning,
    scanning: kkScanning,
    forms: kkForms,
    print: kkPrint,
    register: kkRegister,
  },
  ru: {
    common: ruCommon,
    errors: ruErrors,
    identity: ruIdentity,
    catalogue: ruCatalogue,
    intake: ruIntake,
    outbox: ruOutbox,
    signing: ruSigning,
    scanning: ruScanning,
    forms: ruForms,
    print: ruPrint,
    register: ruRegister,
  },
};
