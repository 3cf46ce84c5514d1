import type { FormsT } from './labels';
import type { Holder, PersonName } from './schema-parts';

// Dates print as DD.MM.YYYY in both languages (the convention of Kazakh and Russian official papers).
// Strings are cut, never passed through Date, so a form never shifts a day with the machine's time zone.

export function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} ${iso.slice(11, 16)}`;
}

export function fullName(p: PersonName): string {
  return [p.surname, p.name, p.patronymic].filter((s) => s && s.trim()).join(' ');
}

/** «Берілді»: legal entity — full name, address, БСН; individual — surname, name, patronymic in full, ЖСН. */
export function holderLine(t: FormsT, holder: Holder): string {
  return holder.type === 'legal'
    ? t('common.holderLegal', { name: holder.name, address: holder.address, bin: holder.bin })
    : t('common.holderIndividual', { fullName: fullName(holder), iin: holder.iin });
}
