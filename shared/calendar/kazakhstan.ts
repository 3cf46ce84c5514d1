import { calendarSchema, type WorkCalendar } from './schema';
import { kazakhstanTransferYears, kazakhstanTransfers } from './transfers-kz';

/**
 * The built-in Kazakhstan five-day-week calendar, 2012–2030.
 *
 * Sources, all [EXT] from general knowledge and press reports of the time, to be confirmed against the texts
 * on adilet.zan.kz before production use:
 * - Law of the RK "On holidays in the Republic of Kazakhstan" of 13.12.2001 No 267-II, as amended, art. 1–5:
 *   the list of national, state and religious holidays and days off.
 * - Labour Code of the RK of 23.11.2015 No 414-V, art. 85: when a day off coincides with a holiday, the next
 *   working day after the holiday is a day off, except for religious holidays (7 January, first day of Kurban
 *   Ait); §3: the authorised body may move days off to other working days.
 * - History encoded with validFrom/validTo:
 *   - 21–23 March Nauryz since 2010 (only 22 March before);
 *   - 7 May Defender of the Fatherland Day a day off from 2013;
 *   - 1 December First President Day 2012–2021, repealed in 2022;
 *   - 16–17 December Independence Day until 2021, only 16 December from 2022 (17.12.2022 had no carry-over);
 *   - 25 October Republic Day a day off until 2008 and again from 2022 (outside coverage before 2012).
 *   - 6 July Capital Day a day off since 2009; 1–2 January, 7 January, 8 March, 1 May, 9 May, 30 August
 *     unchanged over the covered years.
 * - Kurban Ait first days as announced by the Spiritual Administration of Muslims of Kazakhstan; 2027–2030 are
 *   astronomical forecasts and will move by a day if the announcement differs.
 * - Transfers 2012–2026: transfers-kz.ts, one entry per act with its adilet id, authority and whether it was
 *   verified (that file says how to add a year).
 * - 6 July is «Елорда күні» / «День Столицы» in the current wording of the law (key `capital-day`).
 */
const law = 'Law of the RK On holidays No 267-II of 13.12.2001, art. 1–2 [EXT]';

const fixed = (
  holiday: string,
  month: number,
  day: number,
  extra: { religious?: boolean; validFrom?: number; validTo?: number; source?: string } = {},
) => ({
  holiday,
  month,
  day,
  religious: extra.religious ?? false,
  ...(extra.validFrom !== undefined ? { validFrom: extra.validFrom } : {}),
  ...(extra.validTo !== undefined ? { validTo: extra.validTo } : {}),
  source: extra.source ?? law,
});

const kurbanAit: [string, 'to-confirm' | 'forecast'][] = [
  ['2012-10-26', 'to-confirm'],
  ['2013-10-15', 'to-confirm'],
  ['2014-10-04', 'to-confirm'],
  ['2015-09-24', 'to-confirm'],
  ['2016-09-12', 'to-confirm'],
  ['2017-09-01', 'to-confirm'],
  ['2018-08-21', 'to-confirm'],
  ['2019-08-11', 'to-confirm'],
  ['2020-07-31', 'to-confirm'],
  ['2021-07-20', 'to-confirm'],
  ['2022-07-09', 'to-confirm'],
  ['2023-06-28', 'to-confirm'],
  ['2024-06-16', 'to-confirm'],
  ['2025-06-06', 'to-confirm'],
  ['2026-05-27', 'to-confirm'],
  ['2027-05-16', 'forecast'],
  ['2028-05-05', 'forecast'],
  ['2029-04-24', 'forecast'],
  ['2030-04-13', 'forecast'],
];

export const defaultCalendar: WorkCalendar = calendarSchema.parse({
  id: 'kz-five-day-week',
  version: '2026.2-draft',
  coverage: { from: 2012, to: 2030 },
  weekend: [6, 0],
  fixedHolidays: [
    fixed('new-year', 1, 1),
    fixed('new-year', 1, 2),
    fixed('orthodox-christmas', 1, 7, { religious: true }),
    fixed('womens-day', 3, 8),
    fixed('nauryz', 3, 21, { validFrom: 2010 }),
    fixed('nauryz', 3, 22),
    fixed('nauryz', 3, 23, { validFrom: 2010 }),
    fixed('unity-day', 5, 1),
    fixed('defender-day', 5, 7, { validFrom: 2013 }),
    fixed('victory-day', 5, 9),
    fixed('capital-day', 7, 6, { validFrom: 2009 }),
    fixed('constitution-day', 8, 30),
    fixed('republic-day', 10, 25, { validTo: 2008 }),
    fixed('republic-day', 10, 25, { validFrom: 2022 }),
    fixed('first-president-day', 12, 1, { validFrom: 2012, validTo: 2021 }),
    fixed('independence-day', 12, 16),
    fixed('independence-day', 12, 17, { validTo: 2021 }),
  ],
  movableHolidays: [
    {
      holiday: 'kurban-ait',
      religious: true,
      dates: kurbanAit.map(([date, status]) => ({ date, status })),
      source: 'Announcements of the Spiritual Administration of Muslims of Kazakhstan [EXT], to be confirmed',
    },
  ],
  transfers: kazakhstanTransfers,
  transferYears: kazakhstanTransferYears,
  termEndRule:
    'Civil Code of the RK (General Part) of 27.12.1994 No 268-XIII, art. 173: if the last day of a term falls on a non-working day, the term ends on the next working day [EXT]',
});

/** Printed on receipts and reported to the server so a due date can be traced to the calendar that made it. */
export const calendarVersion: string = defaultCalendar.version;
