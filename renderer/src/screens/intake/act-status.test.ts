import { describe, expect, it } from 'vitest';
import { getService } from '@shared/catalogue';
import { createI18n } from '@shared/i18n/translate';
import { actBanner } from './act-status';

describe('the act-status banner before intake', () => {
  it('warns in kk and ru that a repealed act was repealed, with the date and the repealing act', async () => {
    const banner = actBanner(getService('telecom-licence'), '2026-12-02', 'kk')!;
    expect(banner).toMatchObject({ key: 'intake:actStatus.repealed', params: { date: '19.03.2014' } });
    const kk = await createI18n('kk');
    expect(kk.t(banner.key, banner.params)).toContain('19.03.2014 бастап күшін жойған');
    expect(kk.t(banner.key, banner.params)).toContain('№ 202');
    const ru = await createI18n('ru');
    const bannerRu = actBanner(getService('school-enrolment'), '2026-12-02', 'ru')!;
    expect(ru.t(bannerRu.key, bannerRu.params)).toContain('утратил силу с 26.03.2020');
  });

  it('warns when nobody has checked the act, and says nothing while the act was in force', async () => {
    const unknown = actBanner(getService('kindergarten-queue'), '2026-12-02', 'ru')!;
    expect(unknown.key).toBe('intake:actStatus.unknown');
    const ru = await createI18n('ru');
    expect(ru.t(unknown.key, unknown.params)).toContain('не подтверждено');
    expect(actBanner(getService('school-enrolment'), '2018-09-01', 'kk')).toBeNull();
    expect(actBanner(getService('school-enrolment'), '2015-01-01', 'kk')?.key).toBe(
      'intake:actStatus.notYet',
    );
  });
});
