import { describe, expect, it } from 'vitest';
import { catalogue } from './index';
import { everydayWords } from './everyday-words';
import { latinToCyrillic, normalizeForSearch, searchServices } from './search';

const ids = (query: string, lang: 'kk' | 'ru' = 'kk') => searchServices(query, lang).map((s) => s.id);

describe('service search', () => {
  it('folds Kazakh letters, case and the Latin i the seeds use for і', () => {
    expect(normalizeForSearch('ҚАЙТА Ресімдеу')).toBe(normalizeForSearch('кайта ресимдеу'));
    expect(normalizeForSearch('бiлiм')).toBe(normalizeForSearch('білім'));
    expect(normalizeForSearch('Әкімдік ғылым ұйым үшін өңір')).toBe('акимдик гылым уйым ушин онир');
  });

  it('finds Kazakh names typed without Kazakh letters', () => {
    expect(ids('мектепке дейинги кезекке')).toEqual(['kindergarten-queue']);
    expect(ids('экстернат')).toEqual(['externat-permission']);
    expect(ids('білім туралы кужаттардын телнускаларын')).toEqual(['school-certificate-duplicate']);
    expect(ids('радиожиилик спектр')).toEqual(['radio-frequency-permit']);
    expect(ids('ЖОГАРЫ ОКУ ОРНЫНАН')).toEqual(['edu-licence-higher']);
  });

  it('finds Russian names, with inflected words', () => {
    expect(ids('лицензии связи', 'ru')).toEqual(['telecom-licence']);
    expect(ids('нумерационного ресурса', 'ru')).toEqual(['numbering-resource']);
    expect(ids('дубликатов документов', 'ru')).toEqual(['school-certificate-duplicate']);
    expect(ids('памятники', 'ru')).toEqual(['heritage-licence']);
    expect(ids('очередь детей', 'ru')).toEqual(['kindergarten-queue']);
  });

  it('finds by id and ranks matches in the operator language first', () => {
    expect(ids('radio device')).toEqual(['radio-device-permit']);
    const edu = ids('лицензия', 'kk');
    expect(edu.length).toBeGreaterThanOrEqual(7);
    expect(edu).toContain('telecom-licence');
    expect(ids('  ')).toHaveLength(catalogue.length);
    expect(ids('квантовая телепортация', 'ru')).toEqual([]);
  });

  it('finds services by the everyday words people use, in Kazakh and Russian (catalogue data)', () => {
    expect(ids('школа', 'ru')[0]).toBe('school-enrolment');
    expect(ids('детский сад', 'ru')[0]).toBe('kindergarten-queue');
    expect(ids('Балабақша')[0]).toBe('kindergarten-queue');
    expect(ids('балабакша')[0]).toBe('kindergarten-queue');
    expect(ids('связь', 'ru')[0]).toBe('telecom-licence');
    expect(ids('колледж', 'ru')[0]).toBe('edu-licence-vocational');
    expect(ids('дубликат аттестата', 'ru')).toEqual(['school-certificate-duplicate']);
    // the official names still rank first where they match
    expect(ids('лицензия', 'kk')[0]).not.toBe('school-enrolment');
    for (const id of Object.keys(everydayWords)) expect(catalogue.map((s) => s.id)).toContain(id);
  });

  it('reads words typed in Latin letters as Cyrillic, and ignores case and ё', () => {
    expect(latinToCyrillic('balabaqsha')).toBe('балабакша');
    expect(latinToCyrillic('detskiy')).toBe('детский');
    expect(ids('balabaqsha')[0]).toBe('kindergarten-queue');
    expect(ids('DETSKIY SAD', 'ru')[0]).toBe('kindergarten-queue');
    expect(ids('shkola', 'ru')[0]).toBe('school-enrolment');
    expect(ids('kolledzh', 'ru')[0]).toBe('edu-licence-vocational');
    expect(ids('ekstern')[0]).toBe('externat-permission');
    expect(ids('radio device')).toEqual(['radio-device-permit']);
    expect(ids('ЁЛКА', 'ru')).toEqual(ids('елка', 'ru'));
  });
});
